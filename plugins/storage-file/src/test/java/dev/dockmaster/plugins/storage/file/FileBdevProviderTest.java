package dev.dockmaster.plugins.storage.file;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBdevProviderTest {

    @TempDir
    Path dir;

    private final FileBdevProvider provider = new FileBdevProvider(Path.of("/sys"));

    private static BdevFormatRequest request(String storageClass, long size, boolean force, String... devices) {
        return new BdevFormatRequest(0, 1, storageClass, List.of(devices), size, force);
    }

    @Test
    void aFileIsAllocatedAtItsSizeWithMode0600() throws Exception {
        Path file = dir.resolve("bdev");

        assertThat(provider.format(request("file", 16L << 20, false, file.toString())))
                .containsExactly(DeviceResult.done(file.toString()));

        assertThat(Files.size(file)).isEqualTo(16L << 20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // fallocate reserves the blocks: a sparse file would have (almost) none.
        assertThat(allocatedBytes(file)).isGreaterThanOrEqualTo(16L << 20);
    }

    @Test
    void aForcedFormatEmptiesAndResizesTheFile() throws Exception {
        Path file = dir.resolve("bdev");
        provider.format(request("file", 8L << 20, false, file.toString()));
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap("blob header".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(provider.format(request("file", 4L << 20, true, file.toString())))
                .containsExactly(DeviceResult.done(file.toString()));

        assertThat(Files.size(file)).isEqualTo(4L << 20);
        byte[] head = new byte[11];
        try (var in = Files.newInputStream(file)) {
            assertThat(in.read(head)).isEqualTo(11);
        }
        assertThat(head).containsOnly(0);
    }

    @Test
    void aSkippedFileSaysWhatExists() {
        Path file = dir.resolve("bdev");
        provider.format(request("file", 1L << 20, false, file.toString()));

        DeviceResult again = provider.format(request("file", 1L << 20, false, file.toString())).get(0);

        assertThat(again.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(again.message()).isEqualTo("already formatted (a file of 1048576 bytes exists)");
    }

    @Test
    void badFileDevicesFailWithTheReason() throws IOException {
        Files.createDirectory(dir.resolve("a-dir"));

        List<DeviceResult> results = provider.format(request("file", 1L << 20, false,
                "relative/bdev", dir.resolve("a-dir").toString(), dir.resolve("missing/bdev").toString()));

        assertThat(results).extracting(DeviceResult::outcome).containsOnly(Outcome.FAILED);
        assertThat(results).extracting(DeviceResult::message).containsExactly(
                "bdev_list entry 'relative/bdev' is not an absolute path",
                dir.resolve("a-dir") + " is a directory, not a file",
                "cannot create " + dir.resolve("missing/bdev") + ": directory " + dir.resolve("missing")
                        + " does not exist; create it or fix bdev_list");
    }

    @Test
    void aFileTierWithoutSizeIsAFault() {
        assertThatThrownBy(() -> provider.format(request("file", 0, false, dir.resolve("bdev").toString())))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(302);
                    assertThat(f.resolution()).contains("bdev_size");
                });
        assertThat(dir.resolve("bdev")).doesNotExist();
    }

    @Test
    void kdevFormatChecksForABlockDeviceAndWritesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "data");

        List<DeviceResult> results = provider.format(request("kdev", 0, false, "/dev/loop0", file.toString(),
                dir.resolve("nope").toString()));

        assertThat(results.get(0)).isEqualTo(DeviceResult.done("/dev/loop0"));
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(1).message()).contains("is not a block device");
        assertThat(results.get(2).message()).contains("does not exist");
        assertThat(Files.readString(file)).isEqualTo("data");
    }

    @Test
    void scanReportsOnlyTheNamedDevicesThatExist() throws Exception {
        Path file = dir.resolve("bdev");
        provider.format(request("file", 2L << 20, false, file.toString()));
        String loop = attachLoop(file);
        try {
            List<NvmeController> controllers = provider.scan(new BdevScanRequest(
                    List.of(file.toString(), loop, dir.resolve("missing").toString()), false)).controllers();

            assertThat(controllers).extracting(NvmeController::pciAddress).containsExactly(file.toString(), loop);
            assertThat(controllers).extracting(NvmeController::model).containsExactly("AIO file", "AIO kdev");
            assertThat(controllers).extracting(NvmeController::namespaces)
                    .containsOnly(List.of(new NvmeNamespace(1, 2L << 20)));
            assertThat(controllers.get(0).serial()).isNotEqualTo(controllers.get(1).serial()).startsWith("AIO");
        } finally {
            run("losetup", "-d", loop);
        }
    }

    private static String attachLoop(Path file) throws Exception {
        String loop = run("losetup", "-f", "--show", file.toString());
        assertThat(loop).startsWith("/dev/loop");
        return loop;
    }

    private static long allocatedBytes(Path file) throws Exception {
        String[] blocks = run("stat", "-c", "%b %B", file.toString()).split(" ");
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }

    private static String run(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", argv), out).isZero();
        return out;
    }
}
