package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.storage.os.MountEntry;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop block device over a sparse file, standing in for /dev/pmemN on a host without PMem (needs root). */
final class LoopDevice implements AutoCloseable {

    private final String path;

    private LoopDevice(String path) {
        this.path = path;
    }

    static LoopDevice attach(Path backing, long size) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(backing.toFile(), "rw")) {
            file.setLength(size);
        }
        return new LoopDevice(run("losetup", "-f", "--show", backing.toString()));
    }

    String path() {
        return path;
    }

    @Override
    public void close() throws Exception {
        run("losetup", "-d", path);
    }

    static void unmountAllUnder(Path dir) throws Exception {
        List<MountEntry> mounts = MountEntry.parse(Files.readAllLines(Path.of("/proc/self/mounts"))).stream()
                .filter(m -> m.target().startsWith(dir + "/")).toList();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            run("umount", mounts.get(i).target());
        }
    }

    static String run(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", argv), out).isZero();
        return out;
    }
}
