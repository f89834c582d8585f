package dev.dockmaster.enginesim;

import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.config.ServerConfigLoader;
import dev.dockmaster.core.drpc.DrpcServer;
import dev.dockmaster.core.engine.EngineCommandLine;
import dev.dockmaster.core.engine.EngineJoiner;
import dev.dockmaster.core.engine.EngineProcessRunner;
import dev.dockmaster.core.engine.EngineRuntime;
import dev.dockmaster.core.engine.LocalEngineHarness;
import dev.dockmaster.core.engine.OsProcessRunner;
import dev.dockmaster.core.engine.Superblock;
import dev.dockmaster.core.engine.SuperblockFile;
import dev.dockmaster.plugins.drpc.seqpacket.SeqpacketTransport;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;
import dev.dockmaster.spi.storage.StorageProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core's harness running the real simulator as an OS process (through a daos_engine script, as the distribution
 * does): launch with the config's arguments, NotifyReady over SOCK_SEQPACKET, a join answered by a fake management
 * service, SetRank and SetUp over dRPC, Ready; then an external SIGKILL leaves the instance Errored with an
 * engine_died event.
 */
class HarnessWithSimulatorTest {
    @TempDir
    Path dir;

    /** The simulator listens on its fabric port: a free one. */
    private final int port = EngineSimEndToEndTest.freePort();
    private DrpcServer drpc;
    private LocalEngineHarness harness;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<JoinReq> joins = new CopyOnWriteArrayList<>();
    private final List<RASEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (drpc != null) {
            drpc.close();
        }
    }

    /** A daos_engine that execs the simulator on this test's class path, as bin/daos_engine does. */
    private Path engineScript() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = dir.resolve("daos_engine");
        Files.writeString(script, "#!/bin/sh\nexec \"" + java + "\" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \""
                + System.getProperty("java.class.path") + "\" " + EngineSim.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private ServerConfig config() throws Exception {
        Path file = Files.writeString(dir.resolve("daos_server.yml"), """
                name: daos_server
                port: 10001
                provider: ofi+tcp
                socket_dir: %s
                transport_config: {allow_insecure: true}
                engines:
                  - targets: 2
                    nr_xs_helpers: 1
                    fabric_iface: lo
                    fabric_iface_port: %d
                    log_mask: INFO
                    storage:
                      - class: ram
                        scm_mount: %s
                        scm_size: 4
                """.formatted(dir, port, dir.resolve("scm0")));
        return ServerConfigLoader.load(file, Map.of());
    }

    @Test
    void theSimulatorGoesToReadyThroughJoinSetRankSetUpAndAnExternalSigkillLeavesItErrored() throws Exception {
        ServerConfig config = config();
        new SuperblockFile(dir.resolve("scm0")).write(Superblock.create("daos_server", "/node"));
        drpc = DrpcServer.start(new SeqpacketTransport(16), dir, () -> 1);
        harness = LocalEngineHarness.create(config, new Providers(List.of(new ReadyScm()), List.of()),
                new LocalEngineHarness.Identity("daos_server", "node", "/node", false), Object::toString);
        drpc.srv().addReadyListener(harness);
        EngineJoiner joiner = req -> {
            joins.add(req);
            return JoinResp.newBuilder().setRank(3).setMapVersion(2).build();
        };
        OsProcessRunner os = new OsProcessRunner();
        EngineProcessRunner teeing = (command, out) -> os.launch(command, (stderr, line) -> {
            output.add(line);
            out.line(stderr, line);
        });
        harness.run(new EngineRuntime(teeing, engineScript(), new EngineCommandLine.Common("daos_server", dir, "",
                false), System.getenv(), joiner, drpc.engines(), events::add));

        await("engine ready; output " + output).atMost(Duration.ofSeconds(60))
                .until(() -> harness.instances().get(0).state() == EngineState.READY);
        long pid = harness.instances().get(0).pid().orElseThrow();
        assertThat(joins).hasSize(1);
        assertThat(joins.get(0).getUri()).isEqualTo("ofi+tcp://127.0.0.1:" + port);
        assertThat(joins.get(0).getNctxs()).isEqualTo(2 + 1 + 2);
        assertThat(new SuperblockFile(dir.resolve("scm0")).read().orElseThrow().rank()).hasValue(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> output.stream()
                .anyMatch(l -> l.startsWith("DAOS I/O Engine (v2.6.5) process " + pid + " started on rank 3")));
        Path socket = dir.resolve("daos_engine_" + pid + ".sock");
        assertThat(harness.instances().get(0).socket()).hasValue(socket);

        // the engine's own metrics, published under the socket dir and read through the harness
        await("engine telemetry after SetUp").atMost(Duration.ofSeconds(10))
                .until(() -> harness.engineMetrics(0).getOrDefault("servicing_at", 0.0) > 0);
        java.util.Map<String, Double> published = harness.engineMetrics(0);
        assertThat(published).containsEntry("rank", 3.0).containsKeys("started_at", "uptime", "drpc/calls_failed");
        assertThat(published.get("drpc/calls_handled")).as("SetRank and SetUp at least").isGreaterThanOrEqualTo(2);
        assertThat(published.get("servicing_at")).isGreaterThanOrEqualTo(published.get("started_at"));
        assertThat(harness.engineMetrics(1)).as("no such engine").isEmpty();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.instances().get(0).state() == EngineState.ERRORED);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getId()).isEqualTo(2);
        assertThat(events.get(0).getRank()).isEqualTo(3);
        assertThat(events.get(0).getMsg()).isEqualTo("DAOS engine 0 exited unexpectedly: signal: killed");
        assertThat(socket).as("the dead engine's socket is removed").doesNotExist();
        assertThat(dir.resolve("daos_engine_0.telemetry")).as("left by the killed engine").exists();
        assertThat(harness.engineMetrics(0)).as("an engine that is not ready publishes nothing").isEmpty();
        assertThat(harness.engines().get(0).rank()).hasValue(3);
    }

    @Test
    void aStopRequestEndsTheSimulatorWithSigintAndNoEvent() throws Exception {
        ServerConfig config = config();
        new SuperblockFile(dir.resolve("scm0")).write(Superblock.create("daos_server", "/node"));
        drpc = DrpcServer.start(new SeqpacketTransport(16), dir, () -> 1);
        harness = LocalEngineHarness.create(config, new Providers(List.of(new ReadyScm()), List.of()),
                new LocalEngineHarness.Identity("daos_server", "node", "/node", false), Object::toString);
        drpc.srv().addReadyListener(harness);
        harness.run(new EngineRuntime(new OsProcessRunner(), engineScript(), new EngineCommandLine.Common(
                "daos_server", dir, "", false), System.getenv(),
                req -> JoinResp.newBuilder().setRank(4).setMapVersion(2).build(), drpc.engines(), events::add));
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.instances().get(0).state() == EngineState.READY);

        assertThat(harness.stop(Set.of(4), false, Duration.ofSeconds(30)))
                .extracting(r -> r.state()).containsExactly("stopped");
        assertThat(events).isEmpty();
    }

    private record Providers(List<ScmProvider> scm, List<BdevProvider> bdev) implements StorageProviders {
    }

    /** An SCM provider whose tier is already formatted (the superblock is written by the test). */
    private static final class ReadyScm implements ScmProvider {
        @Override
        public String name() {
            return "ready";
        }

        @Override
        public Set<String> storageClasses() {
            return Set.of("ram");
        }

        @Override
        public ScmScanResult scan(ScmScanRequest request) {
            return ScmScanResult.empty();
        }

        @Override
        public ScmFormatState formatState(ScmFormatRequest request) {
            return new ScmFormatState(true, true, "");
        }

        @Override
        public DeviceResult format(ScmFormatRequest request) {
            return DeviceResult.skipped(request.mountPoint(), "already formatted");
        }
    }
}
