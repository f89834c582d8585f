package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.api.HostFormat;
import dev.dockmaster.client.api.HostStorage;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.proto.ctl.ScmNamespace;

import java.util.Comparator;
import java.util.List;

/** {@code dmg storage format} and {@code dmg storage query usage} output, laid out as DAOS's pretty printers. */
public final class FormatPrinter {
    /** The device name of a result that stands for no device (a skip note); DAOS leaves it out of device tables. */
    static final String NO_DEVICE = "<nil>";

    private FormatPrinter() {
    }

    /** "Format Summary:" with one indented row per host set, or with {@code verbose} a section per host set. */
    public static String formatResults(List<HostGroup<HostFormat>> groups, boolean verbose) {
        if (groups.isEmpty()) {
            return "";
        }
        if (verbose) {
            StringBuilder out = new StringBuilder();
            for (HostGroup<HostFormat> group : groups) {
                out.append(TextTable.banner(StoragePrinter.hosts(group)));
                out.append(scmMounts(group.value().scmMounts())).append('\n');
                out.append(nvmeResults(group.value().nvmeDevices())).append('\n');
            }
            return out.toString();
        }
        TextTable table = new TextTable("Hosts", "SCM Devices", "NVMe Devices");
        for (HostGroup<HostFormat> group : groups) {
            table.row(StoragePrinter.hosts(group), String.valueOf(group.value().scmMounts().size()),
                    String.valueOf(group.value().nvmeDevices().size()));
        }
        return "Format Summary:\n" + TextTable.indent(table.render(), 2);
    }

    static String scmMounts(List<HostFormat.Mount> mounts) {
        if (mounts.isEmpty()) {
            return "\tNo SCM mount results\n";
        }
        TextTable table = new TextTable("SCM Mount", "Format Result");
        mounts.stream().sorted(Comparator.comparing(HostFormat.Mount::path))
                .forEach(m -> table.row(m.path(), m.info()));
        return table.render();
    }

    static String nvmeResults(List<HostFormat.Device> devices) {
        List<HostFormat.Device> real = devices.stream().filter(d -> !d.pciAddress().equals(NO_DEVICE))
                .sorted(Comparator.comparing(HostFormat.Device::pciAddress)).toList();
        if (real.isEmpty()) {
            return "\tNo NVMe devices were formatted\n";
        }
        TextTable table = new TextTable("NVMe PCI", "Format Result", "Role(s)");
        real.forEach(d -> table.row(d.pciAddress(), d.info(), StoragePrinter.roles(d.roleBits())));
        return table.render();
    }

    /**
     * {@code dmg storage query usage}: per host set the SCM mounts' total, free (usable) and used share, and the same
     * for NVMe from the SMD devices the engines report (none until engines run).
     */
    public static String usage(List<HostGroup<HostStorage>> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        TextTable table = new TextTable("Hosts", "SCM-Total", "SCM-Free", "SCM-Used", "NVMe-Total", "NVMe-Free",
                "NVMe-Used");
        for (HostGroup<HostStorage> group : groups) {
            long scmTotal = 0;
            long scmFree = 0;
            for (ScmNamespace ns : group.value().scmNamespaces()) {
                if (ns.hasMount()) {
                    scmTotal += ns.getMount().getTotalBytes();
                    scmFree += ns.getMount().getUsableBytes();
                }
            }
            long nvmeTotal = 0;
            long nvmeFree = 0;
            for (var ctrlr : group.value().nvmeDevices()) {
                for (var smd : ctrlr.getSmdDevicesList()) {
                    nvmeTotal += smd.getTotalBytes();
                    nvmeFree += smd.getUsableBytes();
                }
            }
            table.row(StoragePrinter.hosts(group), Humanize.bytes(scmTotal), Humanize.bytes(scmFree),
                    percentUsed(scmTotal, scmFree), Humanize.bytes(nvmeTotal), Humanize.bytes(nvmeFree),
                    percentUsed(nvmeTotal, nvmeFree));
        }
        return table.render();
    }

    /** DAOS's usage percentage: whole percent of the total that is not free, "N/A" without a total. */
    static String percentUsed(long total, long free) {
        if (total <= 0) {
            return "N/A";
        }
        long used = Math.max(0, total - free);
        return Math.round(100.0 * used / total) + " %";
    }
}
