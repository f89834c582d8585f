package dev.dockmaster.core.cli;

import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The device tables of the local scan commands, laid out as DAOS's daos_server prints them (txtfmt tables: title,
 * dashes, rows, each cell padded to its column plus one space; capacities as go-humanize prints them).
 */
final class LocalTables {
    private static final String[] SI = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private LocalTables() {
    }

    static String scmModules(List<ScmModule> modules) {
        if (modules.isEmpty()) {
            return "\tNo SCM modules found\n";
        }
        List<String[]> rows = new ArrayList<>();
        modules.stream().sorted(Comparator.comparingInt(ScmModule::physicalId)).forEach(m -> rows.add(new String[] {
                String.valueOf(m.physicalId()), String.valueOf(m.socketId()), String.valueOf(m.controllerId()),
                String.valueOf(m.channelId()), String.valueOf(m.channelPosition()), iec(m.capacityBytes())}));
        return table(new String[] {"SCM Module", "Socket", "Memory Ctrlr", "Channel", "Channel Slot", "Capacity"},
                rows);
    }

    static String scmNamespaces(List<ScmNamespace> namespaces) {
        List<String[]> rows = new ArrayList<>();
        namespaces.stream().sorted(Comparator.comparing(ScmNamespace::blockDevice)).forEach(ns -> rows.add(
                new String[] {ns.blockDevice(), String.valueOf(ns.numaNode()), si(ns.sizeBytes())}));
        return table(new String[] {"SCM Namespace", "Socket", "Capacity"}, rows);
    }

    static String nvmeControllers(List<NvmeController> controllers) {
        if (controllers.isEmpty()) {
            return "\tNo NVMe devices found\n";
        }
        List<String[]> rows = new ArrayList<>();
        controllers.forEach(c -> rows.add(new String[] {c.pciAddress(), c.model(), c.firmwareRevision(),
                String.valueOf(c.socketId()), si(c.capacityBytes())}));
        return table(new String[] {"NVMe PCI", "Model", "FW Revision", "Socket ID", "Capacity"}, rows);
    }

    static String table(String[] titles, List<String[]> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(titles);
        String[] dashes = new String[titles.length];
        for (int i = 0; i < titles.length; i++) {
            dashes[i] = "-".repeat(titles[i].length());
        }
        lines.add(dashes);
        lines.addAll(rows);
        int[] widths = new int[titles.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                out.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + 1));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String si(long bytes) {
        return humanize(bytes, 1000, SI);
    }

    static String iec(long bytes) {
        return humanize(bytes, 1024, IEC);
    }

    /** go-humanize: under 10 bytes as is, else one decimal below 10 units, none above. */
    private static String humanize(long value, int base, String[] units) {
        double size = value < 0 ? value + 0x1p64 : (double) value;
        if (size < 10) {
            return value + " B";
        }
        int exp = Math.min((int) Math.floor(Math.log(size) / Math.log(base)), units.length - 1);
        double scaled = Math.floor(size / Math.pow(base, exp) * 10 + 0.5) / 10;
        return new BigDecimal(scaled).setScale(scaled < 10 ? 1 : 0, RoundingMode.HALF_EVEN).toPlainString()
                + " " + units[exp];
    }
}
