package dev.dockmaster.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Format from the outside, with the shipped mock storage plugin (no root needed): a server with one engine waits for
 * format, {@code dmg storage format} formats it (superblock and daos_nvme.conf in the SCM mount), a second format
 * says "already formatted", and a restart finds the superblock and does not ask again.
 */
class StorageFormatIT {

    @TempDir
    Path work;

    private Path mount() {
        return work.resolve("mnt/daos0");
    }

    /** One engine: a ram SCM tier in the work directory and a file bdev tier, served by the mock plugin. */
    private Path config() throws IOException {
        return Files.writeString(work.resolve("daos_server.yml"), """
                name: daos_server
                port: 10001
                provider: ofi+tcp
                socket_dir: %s
                transport_config:
                  allow_insecure: true
                plugins:
                  enabled: [control, storage-mock]
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
    void formatOnceThenAlreadyFormattedThenNoFormatAfterRestart() throws IOException {
        Path config = config();
        String firstUuid;
        try (ServerProcess server = ServerProcess.start(work, config, Distribution.freePort())) {
            awaitLog(server, "SCM format required on instance 0");

            ProcessResult first = dmg(server, "storage", "format");

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.stdout()).contains("Format Summary:", "SCM Devices", "NVMe Devices")
                    .containsPattern("localhost\\s+1\\s+1");
            Path superblock = mount().resolve("superblock");
            assertThat(superblock).content().contains("version: 1", "system: \"daos_server\"");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(superblock)))
                    .isEqualTo("rw-------");
            assertThat(mount().resolve("daos_nvme.conf")).content().contains("bdev_aio_create",
                    work.resolve("bdev0").toString(), "\"block_size\": 4096");
            awaitLog(server, "instance 0: storage ready");
            firstUuid = Files.readAllLines(superblock).stream().filter(l -> l.startsWith("uuid: ")).findFirst()
                    .orElseThrow();

            ProcessResult again = dmg(server, "storage", "format", "-v");

            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout()).contains(mount().toString(), "SCM is already formatted",
                    "No NVMe devices were formatted");

            ProcessResult json = dmg(server, "-j", "storage", "format");
            JsonObject envelope = JsonParser.parseString(json.stdout()).getAsJsonObject();
            assertThat(envelope.get("status").getAsInt()).isZero();

            ProcessResult usage = dmg(server, "storage", "query", "usage");
            assertThat(usage.exitCode()).as(usage.toString()).isZero();
            assertThat(usage.stdout()).contains("SCM-Total", "localhost").doesNotContain("0 B       0 B       N/A"
                    + "       0 B");
        }

        try (ServerProcess restarted = ServerProcess.start(work, config, Distribution.freePort())) {
            awaitLog(restarted, "instance 0: SCM at " + mount() + " is formatted, storage ready");
            assertThat(restarted.log()).doesNotContain("SCM format required");
            assertThat(Files.readAllLines(mount().resolve("superblock"))).contains(firstUuid);

            ProcessResult third = dmg(restarted, "storage", "format", "-v");
            assertThat(third.stdout()).contains("SCM is already formatted");
        }
    }

    @Test
    void autoFormatFormatsAtStart() throws IOException {
        Path config = config();
        try (ServerProcess server = ServerProcess.start(work, config, Distribution.freePort(), "--auto-format")) {
            awaitLog(server, "instance 0: storage ready");
            assertThat(server.log()).contains("SCM format required on instance 0", "--auto-format: formatting");
            assertThat(mount().resolve("superblock")).exists();
        }
    }

    @Test
    void aCorruptSuperblockIsReportedAndNotReplaced() throws IOException {
        Path config = config();
        Files.createDirectories(mount());
        Files.writeString(mount().resolve("superblock"), "version: 1\nuuid: garbage\n");
        try (ServerProcess server = ServerProcess.start(work, config, Distribution.freePort())) {
            awaitLog(server, "SCM format required on instance 0");
            assertThat(server.log()).contains("is corrupt");

            ProcessResult format = dmg(server, "storage", "format");

            assertThat(format.exitCode()).as(format.toString()).isNotZero();
            assertThat(format.stderr()).contains("is corrupt", "--force");
            assertThat(mount().resolve("superblock")).hasContent("version: 1\nuuid: garbage\n");
        }
    }
}
