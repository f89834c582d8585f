package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.storage.os.MountEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the provider reads from the kernel; a test substitutes its own answers. */
interface HostFacts {

    /** The effective user id of this process. */
    int effectiveUid();

    /** MemAvailable from /proc/meminfo, in bytes. */
    long memAvailableBytes();

    /** The current mount table. */
    List<MountEntry> mounts();

    HostFacts LOCAL = new HostFacts() {
        @Override
        public int effectiveUid() {
            // "Uid:\treal\teffective\tsaved\tfs"
            for (String line : read(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
            throw new IllegalStateException("no Uid line in /proc/self/status");
        }

        @Override
        public long memAvailableBytes() {
            return MemInfo.memAvailableBytes(read(Path.of("/proc/meminfo")));
        }

        @Override
        public List<MountEntry> mounts() {
            return MountEntry.parse(read(Path.of("/proc/self/mounts")));
        }
    };

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
