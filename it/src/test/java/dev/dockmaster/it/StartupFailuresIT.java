package dev.dockmaster.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What an admin sees when the configuration or a plugin is broken. */
class StartupFailuresIT {
    @TempDir
    Path work;

    private Path shippedConfigWith(String extraYaml) throws IOException {
        return Distribution.shippedConfig(work, extraYaml);
    }

    @Test
    void brokenConfigIsAClearMessageANonZeroExitAndNoPort() throws IOException {
        Path config = shippedConfigWith("bogus_key: 1");
        int port = Distribution.freePort();

        try (ServerProcess server = ServerProcess.launch(work, config, port)) {
            int exit = server.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as(server.log()).isNotZero();
            assertThat(server.log()).contains("bogus_key").contains(config.getFileName().toString());
            assertThat(ServerProcess.portOpen(port)).isFalse();
        }
    }

    @Test
    void configValidateReportsTheSameProblem() throws IOException {
        Path config = shippedConfigWith("bogus_key: 1");

        ProcessResult result = Commands.run(work, "daos_server", "config", "validate", "-o", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("bogus_key");
    }

    @Test
    void brokenPluginJarIsReportedAndTheServerRunsWithoutIt() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        copyTree(Distribution.home().resolve("plugins"), plugins);
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");
        String shipped = Files.readString(Distribution.shippedConfig(work));
        assertThat(shipped).contains("  dir: plugins\n");
        Path config = Files.writeString(work.resolve("daos_server.yml"),
                shipped.replace("  dir: plugins\n", "  dir: " + plugins + "\n"));
        int port = Distribution.freePort();

        try (ServerProcess server = ServerProcess.start(work, config, port)) {
            assertThat(server.log()).contains("broken.jar").contains("FAILED");

            ProcessResult listed = Commands.dmg(work, "-i", "-l", "localhost:" + port, "server", "plugins");
            assertThat(listed.stdout()).as(listed.toString()).contains("broken.jar").contains("FAILED")
                    .contains("storage-mock");

            ProcessResult scan = Commands.dmg(work, "-i", "-l", "localhost:" + port, "storage", "scan");
            assertThat(scan.exitCode()).as(scan.toString()).isZero();
        }
    }

    @Test
    void sigtermStopsTheServerGracefully() throws IOException {
        int port = Distribution.freePort();
        ServerProcess server = ServerProcess.start(work, Distribution.shippedConfig(work), port);

        server.close();

        assertThat(server.log()).contains("shutting down").contains("stopped");
        assertThat(ServerProcess.portOpen(port)).isFalse();
    }

    @Test
    void classPathLaunchServesLikeTheModulePathLaunch() {
        int port = Distribution.freePort();
        try (ServerProcess server = ServerProcess.start(work, Distribution.shippedConfig(work),
                port, java.util.Map.of("DOCKMASTER_CLASSPATH_LAUNCH", "1"))) {
            ProcessResult scan = Commands.dmg(work, "-i", "-l", "localhost:" + port, "storage", "scan");

            assertThat(scan.exitCode()).as(scan.toString()).isZero();
            assertThat(scan.stdout()).contains("namespaces");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
