package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.GoDurations;
import dev.dockmaster.client.api.HostStorage;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.proto.ctl.BioHealthResp;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.ScmModule;
import dev.dockmaster.proto.ctl.ScmNamespace;
import dev.dockmaster.proto.ctl.SmdDevice;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code dmg storage scan} output, laid out as DAOS's {@code pretty/storage*.go}. */
public final class StoragePrinter {
    private static final long NIL_RANK = 0xFFFF_FFFFL;

    private StoragePrinter() {
    }

    /** The summary table, or with {@code verbose} a section per host set with device tables. */
    public static String hostStorage(List<HostGroup<HostStorage>> groups, boolean verbose) {
        if (groups.isEmpty()) {
            return "";
        }
        if (verbose) {
            StringBuilder out = new StringBuilder();
            for (HostGroup<HostStorage> group : groups) {
                HostStorage hs = group.value();
                out.append(TextTable.banner(hosts(group)));
                out.append("HugePage Size: ").append(hs.memInfo().map(m -> m.getHugepageSizeKb()).orElse(0))
                        .append(" KB\n\n");
                out.append(hs.scmNamespaces().isEmpty() ? scmModules(hs.scmModules()) : scmNamespaces(hs.scmNamespaces()));
                out.append('\n');
                out.append(nvmeControllers(hs.nvmeDevices()));
                out.append('\n');
            }
            return out.toString();
        }
        TextTable table = new TextTable("Hosts", "SCM Total", "NVMe Total");
        for (HostGroup<HostStorage> group : groups) {
            HostStorage hs = group.value();
            String scm = hs.scmNamespaces().isEmpty() ? scmModulesSummary(hs.scmModules())
                    : scmNamespacesSummary(hs.scmNamespaces());
            table.row(hosts(group), scm, nvmeSummary(hs.nvmeDevices()));
        }
        return table.render();
    }

    static String hosts(HostGroup<?> group) {
        return group.hosts().withoutPorts().toRangedString();
    }

    public static String scmModulesSummary(List<ScmModule> modules) {
        long total = modules.stream().mapToLong(ScmModule::getCapacity).sum();
        return Humanize.iBytes(total) + " (" + Humanize.count(modules.size(), "module") + ")";
    }

    public static String scmNamespacesSummary(List<ScmNamespace> namespaces) {
        long total = namespaces.stream().mapToLong(ScmNamespace::getSize).sum();
        return Humanize.bytes(total) + " (" + Humanize.count(namespaces.size(), "namespace") + ")";
    }

    public static String nvmeSummary(List<NvmeController> ctrlrs) {
        long total = ctrlrs.stream().mapToLong(StoragePrinter::capacity).sum();
        return Humanize.bytes(total) + " (" + Humanize.count(ctrlrs.size(), "controller") + ")";
    }

    static long capacity(NvmeController c) {
        return c.getNamespacesList().stream().mapToLong(NvmeController.Namespace::getSize).sum();
    }

    static String scmModules(List<ScmModule> modules) {
        if (modules.isEmpty()) {
            return "  No SCM modules found\n";
        }
        TextTable t = new TextTable("SCM Module", "Socket", "Memory Ctrlr", "Channel", "Channel Slot", "Capacity",
                "UID", "Part Number", "Health");
        modules.stream().sorted(Comparator.comparingInt(ScmModule::getPhysicalid)).forEach(m -> t.row(
                Integer.toUnsignedString(m.getPhysicalid()), Integer.toUnsignedString(m.getSocketid()),
                Integer.toUnsignedString(m.getControllerid()), Integer.toUnsignedString(m.getChannelid()),
                Integer.toUnsignedString(m.getChannelposition()), Humanize.iBytes(m.getCapacity()), m.getUid(),
                m.getPartNumber(), m.getHealthState()));
        return t.render();
    }

    static String scmNamespaces(List<ScmNamespace> namespaces) {
        TextTable t = new TextTable("SCM Namespace", "Socket", "Capacity");
        namespaces.stream().sorted(Comparator.comparing(ScmNamespace::getBlockdev)).forEach(ns -> t.row(
                ns.getBlockdev(), Integer.toUnsignedString(ns.getNumaNode()), Humanize.bytes(ns.getSize())));
        return t.render();
    }

    static String nvmeControllers(List<NvmeController> ctrlrs) {
        if (ctrlrs.isEmpty()) {
            return "  No NVMe devices found\n";
        }
        TextTable t = new TextTable("NVMe PCI", "Model", "FW Revision", "Socket", "Capacity", "Role(s)", "Rank");
        ctrlrs.stream().sorted(Comparator.comparing(NvmeController::getPciAddr)).forEach(c -> {
            String roles = "NA";
            String rank = "None";
            if (c.getSmdDevicesCount() > 0) { // DAOS assumes one role set and rank per controller
                SmdDevice sd = c.getSmdDevices(0);
                roles = roles(sd.getRoleBits());
                if (Integer.toUnsignedLong(sd.getRank()) != NIL_RANK) {
                    rank = Integer.toUnsignedString(sd.getRank());
                }
            }
            t.row(c.getPciAddr(), c.getModel(), c.getFwRev(), Integer.toString(c.getSocketId()),
                    Humanize.bytes(capacity(c)), roles, rank);
        });
        return t.render();
    }

    /** Bdev role bits as DAOS names them: {@code data,meta,wal}, or {@code NA} for none. */
    public static String roles(int bits) {
        List<String> names = new ArrayList<>();
        if ((bits & 1) != 0) {
            names.add("data");
        }
        if ((bits & 2) != 0) {
            names.add("meta");
        }
        if ((bits & 4) != 0) {
            names.add("wal");
        }
        return names.isEmpty() ? "NA" : String.join(",", names);
    }

    /** {@code dmg storage scan -n}: each controller's health, per host set. */
    public static String nvmeHealth(List<HostGroup<HostStorage>> groups) {
        StringBuilder out = new StringBuilder();
        for (HostGroup<HostStorage> group : groups) {
            out.append(TextTable.banner(hosts(group)));
            List<NvmeController> ctrlrs = group.value().nvmeDevices();
            if (ctrlrs.isEmpty()) {
                out.append("  No NVMe devices detected\n");
                continue;
            }
            for (NvmeController c : ctrlrs) {
                out.append(String.format("PCI:%s Model:%s FW:%s Socket:%d Capacity:%s\n", c.getPciAddr(),
                        c.getModel(), c.getFwRev(), c.getSocketId(), Humanize.bytes(capacity(c))));
                out.append(TextTable.indent(health(c.hasHealthStats() ? c.getHealthStats() : null), 2));
                out.append('\n');
            }
        }
        return out.toString();
    }

    static String health(BioHealthResp h) {
        if (h == null) {
            return "Health Stats Unavailable\n";
        }
        List<String> lines = new ArrayList<>();
        lines.add("Health Stats:");
        List<String> stats = new ArrayList<>();
        if (h.getTimestamp() > 0) {
            stats.add("Timestamp:" + DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy")
                    .format(Instant.ofEpochSecond(h.getTimestamp()).atZone(ZoneId.systemDefault())));
        }
        stats.add(String.format("Temperature:%dK(%.2fC)", Integer.toUnsignedLong(h.getTemperature()),
                Integer.toUnsignedLong(h.getTemperature()) - 273.15));
        if (h.getWarnTempTime() > 0) {
            stats.add("Temperature Warning Duration:" + GoDurations.format(Duration.ofMinutes(h.getWarnTempTime())));
        }
        if (h.getCritTempTime() > 0) {
            stats.add("Temperature Critical Duration:" + GoDurations.format(Duration.ofMinutes(h.getCritTempTime())));
        }
        stats.add("Controller Busy Time:" + GoDurations.format(Duration.ofMinutes(h.getCtrlBusyTime())));
        stats.add("Power Cycles:" + Long.toUnsignedString(h.getPowerCycles()));
        stats.add("Power On Duration:" + GoDurations.format(Duration.ofHours(h.getPowerOnHours())));
        stats.add("Unsafe Shutdowns:" + Long.toUnsignedString(h.getUnsafeShutdowns()));
        stats.add("Media Errors:" + Long.toUnsignedString(h.getMediaErrs()));
        if (h.getTimestamp() > 0) {
            stats.add("Read Errors:" + Integer.toUnsignedString(h.getBioReadErrs()));
            stats.add("Write Errors:" + Integer.toUnsignedString(h.getBioWriteErrs()));
            stats.add("Unmap Errors:" + Integer.toUnsignedString(h.getBioUnmapErrs()));
            stats.add("Checksum Errors:" + Integer.toUnsignedString(h.getChecksumErrs()));
        }
        stats.add("Error Log Entries:" + Long.toUnsignedString(h.getErrLogEntries()));
        stats.forEach(s -> lines.add("  " + s));
        lines.add("Critical Warnings:");
        lines.add("  Temperature: " + warn(h.getTempWarn()));
        lines.add("  Available Spare: " + warn(h.getAvailSpareWarn()));
        lines.add("  Device Reliability: " + warn(h.getDevReliabilityWarn()));
        lines.add("  Read Only: " + warn(h.getReadOnlyWarn()));
        lines.add("  Volatile Memory Backup: " + warn(h.getVolatileMemWarn()));
        if (h.getProgramFailCntNorm() > 0) {
            lines.add("Intel Vendor SMART Attributes:");
            lines.add("  Program Fail Count:");
            lines.add("     Normalized:" + (h.getProgramFailCntNorm() & 0xFF) + "%");
            lines.add("     Raw:" + Long.toUnsignedString(h.getProgramFailCntRaw()));
            lines.add("  Erase Fail Count:");
            lines.add("     Normalized:" + (h.getEraseFailCntNorm() & 0xFF) + "%");
            lines.add("     Raw:" + Long.toUnsignedString(h.getEraseFailCntRaw()));
            lines.add("  Wear Leveling Count:");
            lines.add("     Normalized:" + (h.getWearLevelingCntNorm() & 0xFF) + "%");
            lines.add("     Min:" + (h.getWearLevelingCntMin() & 0xFFFF));
            lines.add("     Max:" + (h.getWearLevelingCntMax() & 0xFFFF));
            lines.add("     Avg:" + (h.getWearLevelingCntAvg() & 0xFFFF));
            lines.add("  End-to-End Error Detection Count:" + Long.toUnsignedString(h.getEndtoendErrCntRaw()));
            lines.add("  CRC Error Count:" + Long.toUnsignedString(h.getCrcErrCntRaw()));
            lines.add("  Timed Workload, Media Wear:" + Long.toUnsignedString(h.getMediaWearRaw()));
            lines.add("  Timed Workload, Host Read/Write Ratio:" + Long.toUnsignedString(h.getHostReadsRaw()));
            lines.add("  Timed Workload, Timer:" + Long.toUnsignedString(h.getWorkloadTimerRaw()));
            lines.add("  Thermal Throttle Status:" + (h.getThermalThrottleStatus() & 0xFF) + "%");
            lines.add("  Thermal Throttle Event Count:" + Long.toUnsignedString(h.getThermalThrottleEventCnt()));
            lines.add("  Retry Buffer Overflow Counter:" + Long.toUnsignedString(h.getRetryBufferOverflowCnt()));
            lines.add("  PLL Lock Loss Count:" + Long.toUnsignedString(h.getPllLockLossCnt()));
            lines.add("  NAND Bytes Written:" + Long.toUnsignedString(h.getNandBytesWritten()));
            lines.add("  Host Bytes Written:" + Long.toUnsignedString(h.getHostBytesWritten()));
        }
        lines.add("PCIe Link Info:");
        lines.add("  Port: #" + Integer.toUnsignedString(h.getLinkPortId()));
        lines.add("  Max Speed: " + Humanize.si(h.getLinkMaxSpeed(), "T/s"));
        lines.add("  Negotiated Speed: " + Humanize.si(h.getLinkNegSpeed(), "T/s"));
        lines.add("  Max Width: x" + Integer.toUnsignedString(h.getLinkMaxWidth()));
        lines.add("  Negotiated Width: x" + Integer.toUnsignedString(h.getLinkNegWidth()));
        return String.join("\n", lines) + "\n";
    }

    private static String warn(boolean warning) {
        return warning ? "WARNING" : "OK";
    }
}
