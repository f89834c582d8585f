package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.response.HostErrors;

/** The {@code Errors:} block DAOS prints before results: a {@code Hosts Error} table, ports hidden. */
public final class HostErrorsPrinter {
    private HostErrorsPrinter() {
    }

    /** Empty when there are no errors; otherwise the block followed by a blank line. */
    public static String render(HostErrors errors) {
        if (errors.isEmpty()) {
            return "";
        }
        TextTable table = new TextTable("Hosts", "Error");
        for (HostErrors.HostErrorGroup group : errors.groups()) {
            table.row(group.hosts().withoutPorts().toRangedString(), group.displayText());
        }
        return "Errors:\n" + TextTable.indent(table.render(), 2) + "\n";
    }
}
