package dev.dockmaster.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Format with the real providers, as root (CI runs as root; without root the tmpfs mount fails and so does this
 * test): the {@code storage-ram} plugin mounts a real tmpfs at {@code scm_mount} and {@code storage-file} allocates the
 * backing file of the emulated NVMe tier. Every tmpfs mounted here is unmounted after the test.
 */
class RealStorageFormatIT {

    @TempDir
    Path work;

    private Path mount() {
        return work.resolve("mnt/daos0");
    }

    @AfterEach
    void unmount() throws Exception {
        // The server is stopped by now; repeat in case a reformat stacked mounts.
        for (int i = 0; i < 3 && mounted(); i++) {
            Process umount = new ProcessBuilder("umount", mount().toString()).inheritIO().start();
            assertThat(umount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(mounted()).as("tmpfs at " + mount() + " cleaned up").isFalse();
    }

    private boolean mounted() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .anyMatch(line -> line.split(" ")[1].equals(mount().toString()));
    }

    private String mountLine() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(line -> line.split(" ")[1].equals(mount().toString())).findFirst().orElse("");
    }

    private Path config() throws IOException {
        return Files.writeString(work.resolve("daos_server.yml"), """
                name: daos_server
                provider: ofi+tcp
                socket_dir: %s
                transport_config:
                  allow_insecure: true
                plugins:
                  enabled: [control, storage-ram, storage-file]
                engines:
                  - targets: 4
                    fabric_iface: lo
                    fabric_iface_port: 31416
                    log_file: %s
                    storage:
                      - class: ram
                        scm_mount: %s
                        scm_size: 4
                      - class: file
                        bdev_list: [%s]
                        bdev_size: 1
                """.formatted(work, work.resolve("engine0.log"), mount(), work.resolve("bdev0")));
    }

    private ProcessResult dmg(ServerProcess server, String... args) {
        String[] line = new String[args.length + 3];
        line[0] = "-i";
        line[1] = "-l";
        line[2] = "localhost:" + server.port();
        System.arraycopy(args, 0, line, 3, args.length);
        return Commands.dmg(work, line);
    }

    private static void awaitLog(ServerProcess server, String text) {
        await(text).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> server.log().contains(text));
    }

    @Test
    void formatMountsATmpfsAndCreatesTheBackingFileThenSurvivesARestart() throws IOException {
        Path config = config();
        try (ServerProcess server = ServerProcess.start(work, config, Distribution.freePort())) {
            awaitLog(server, "SCM format required on instance 0");
            assertThat(mounted()).isFalse();

            ProcessResult first = dmg(server, "storage", "format");

            assertThat(first.exitCode()).as(first + "\n" + server.log()).isZero();
            assertThat(first.stdout()).containsPattern("localhost\\s+1\\s+1");
            assertThat(mountLine()).startsWith("tmpfs ").contains("size=4194304k");
            assertThat(work.resolve("bdev0")).exists();
            assertThat(Files.size(work.resolve("bdev0"))).isEqualTo(1L << 30);
            assertThat(mount().resolve("daos_nvme.conf")).content()
                    .contains("bdev_aio_create", work.resolve("bdev0").toString());
            assertThat(mount().resolve("superblock")).exists();

            ProcessResult again = dmg(server, "storage", "format", "-v");

            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout()).contains("SCM is already formatted");

            ProcessResult usage = dmg(server, "storage", "query", "usage");
            assertThat(usage.exitCode()).as(usage.toString()).isZero();
            assertThat(usage.stdout()).contains("4.3 GB");
        }

        try (ServerProcess restarted = ServerProcess.start(work, config, Distribution.freePort())) {
            awaitLog(restarted, "is formatted, storage ready");
            assertThat(restarted.log()).doesNotContain("SCM format required");
        }
    }
}
