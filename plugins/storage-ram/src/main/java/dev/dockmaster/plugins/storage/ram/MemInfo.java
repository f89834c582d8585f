package dev.dockmaster.plugins.storage.ram;

import java.util.List;

/** Reads MemAvailable out of /proc/meminfo lines ({@code MemAvailable:   24151756 kB}). */
final class MemInfo {

    private MemInfo() {
    }

    static long memAvailableBytes(List<String> meminfo) {
        for (String line : meminfo) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        throw new IllegalStateException("no MemAvailable line in /proc/meminfo");
    }
}
