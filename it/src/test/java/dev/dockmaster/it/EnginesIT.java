package dev.dockmaster.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped configuration's two simulated engines as processes of a real daos_server: --auto-format formats their
 * storage, bin/daos_engine is launched for each with DAOS's arguments, each reports ready over dRPC and asks to join;
 * SIGTERM to daos_server kills both engines before it exits.
 */
class EnginesIT {
    private static final Pattern STARTED = Pattern.compile("instance (\\d): daos_engine started, pid (\\d+)");

    @TempDir
    Path work;

    @Test
    void autoFormatStartsBothEnginesWhichReportReadyAndSigtermKillsThem() {
        Path config = Distribution.shippedConfig(work);
        ServerProcess server = ServerProcess.start(work, config, Distribution.freePort(), "--auto-format");
        try {
            await("both engines ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> server.log().contains("engine instance 0 ready")
                            && server.log().contains("engine instance 1 ready"));
            String log = server.log();
            assertThat(log).contains("-g daos_server -d " + work.resolve("dockmaster") + " -s "
                    + work.resolve("dockmaster/engine0") + " -n " + work.resolve("dockmaster/engine0/daos_nvme.conf")
                    + " -I 0 -T 2");
            assertThat(log).contains("uri ofi+tcp;ofi_rxm://127.0.0.1:31416", "uri ofi+tcp;ofi_rxm://127.0.0.1:31516");
            List<Long> pids = STARTED.matcher(log).results().map(m -> Long.parseLong(m.group(2))).toList();
            assertThat(pids).hasSize(2);
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            server.close();

            String after = server.log();
            for (long pid : pids) {
                assertThat(after).containsPattern("pid " + pid + ", rank \\S+ exited with status signal: killed");
                await("engine " + pid + " gone").atMost(Duration.ofSeconds(10))
                        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            }
            assertThat(after).contains("stopped");
        } finally {
            server.close();
        }
    }
}
