package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.PluginInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code dmg server plugins}: per host set, the server version and a table of its plugins. */
public final class PluginsPrinter {
    private PluginsPrinter() {
    }

    public static String hostPlugins(List<HostGroup<ListPluginsResp>> groups) {
        StringBuilder out = new StringBuilder();
        for (HostGroup<ListPluginsResp> group : groups) {
            ListPluginsResp resp = group.value();
            out.append(TextTable.banner(StoragePrinter.hosts(group)));
            out.append("Server version: ").append(orNone(resp.getServerVersion()))
                    .append(" (DAOS ").append(orNone(resp.getDaosVersion())).append(")\n\n");
            if (resp.getPluginsCount() == 0) {
                out.append("  No plugins loaded\n\n");
                continue;
            }
            TextTable table = new TextTable("Plugin", "Version", "State", "Modules", "Providers");
            resp.getPluginsList().stream().sorted(Comparator.comparing(PluginInfo::getId)).forEach(p ->
                    table.row(p.getId() + (p.getBuiltin() ? " (builtin)" : ""), orNone(p.getVersion()), state(p),
                            p.getModulesCount() == 0 ? "None" : String.join(", ", p.getModulesList()),
                            providers(p)));
            out.append(table.render()).append('\n');
            // Errors can be long (paths, causes): listed under the table so the table stays readable.
            List<PluginInfo> failed = resp.getPluginsList().stream().filter(pl -> !pl.getError().isEmpty())
                    .sorted(Comparator.comparing(PluginInfo::getId)).toList();
            if (!failed.isEmpty()) {
                out.append("Plugin errors:\n");
                failed.forEach(pl -> out.append("  ").append(pl.getId()).append(": ").append(pl.getError())
                        .append('\n'));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String state(PluginInfo p) {
        return switch (p.getState()) {
            case STARTED -> "started";
            case DISABLED -> "disabled";
            case FAILED -> "FAILED";
            default -> "unknown";
        };
    }

    private static String providers(PluginInfo p) {
        List<String> out = new ArrayList<>();
        p.getScmProvidersList().forEach(s -> out.add("scm:" + s));
        p.getBdevProvidersList().forEach(s -> out.add("bdev:" + s));
        p.getDrpcTransportsList().forEach(s -> out.add("drpc:" + s));
        return out.isEmpty() ? "None" : String.join(", ", out);
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "unknown" : s;
    }
}
