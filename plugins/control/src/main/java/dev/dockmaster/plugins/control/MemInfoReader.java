package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.MemInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Host memory and hugepage figures from {@code /proc/meminfo}, as DAOS reports them with a storage scan.
 *
 * <p>A missing or unreadable file, and any line that does not parse, leave the matching fields at zero: memory
 * figures are informational and must not fail a storage scan.
 */
public final class MemInfoReader {

    static final String PATH = "/proc/meminfo";

    private final HostFacts host;

    public MemInfoReader(HostFacts host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    public MemInfo read() {
        return host.read(PATH).map(MemInfoReader::parse).orElse(MemInfo.getDefaultInstance());
    }

    /** Parses meminfo text: lines of {@code Key:   value [kB]}. */
    static MemInfo parse(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] words = line.substring(colon + 1).trim().split("\\s+");
            try {
                values.put(line.substring(0, colon).trim(), Long.parseLong(words[0]));
            } catch (NumberFormatException e) {
                // Not a number: not one of ours (every field we report is numeric), skip it.
            }
        }
        return MemInfo.newBuilder()
                .setHugepagesTotal(values.getOrDefault("HugePages_Total", 0L))
                .setHugepagesFree(values.getOrDefault("HugePages_Free", 0L))
                .setHugepagesReserved(values.getOrDefault("HugePages_Rsvd", 0L))
                .setHugepagesSurplus(values.getOrDefault("HugePages_Surp", 0L))
                .setHugepageSizeKb((int) (long) values.getOrDefault("Hugepagesize", 0L))
                .setMemTotalKb(values.getOrDefault("MemTotal", 0L))
                .setMemFreeKb(values.getOrDefault("MemFree", 0L))
                .setMemAvailableKb(values.getOrDefault("MemAvailable", 0L))
                .build();
    }
}
