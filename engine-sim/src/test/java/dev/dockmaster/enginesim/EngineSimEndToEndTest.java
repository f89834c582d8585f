package dev.dockmaster.enginesim;

import dev.dockmaster.core.drpc.DrpcServer;
import dev.dockmaster.core.drpc.EngineReady;
import dev.dockmaster.plugins.drpc.seqpacket.SeqpacketTransport;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine simulator as a separate OS process against the core's dRPC listener over SOCK_SEQPACKET: NotifyReady,
 * SetRank, SetUp, DAOS's start-up line, the other engine methods, then SIGTERM and a clean exit.
 */
class EngineSimEndToEndTest {
    @TempDir
    Path dir;

    private DrpcServer server;
    private Process engine;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        server = DrpcServer.start(new SeqpacketTransport(16), dir, () -> 2);
    }

    @AfterEach
    void stop() {
        if (engine != null && engine.isAlive()) {
            engine.destroyForcibly();
        }
        server.close();
    }

    /** The fabric port of the engines this test starts: a free one, since the simulator listens there. */
    private final int port = freePort();

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Process launch(Path socketDir, List<String> out, List<String> err, String... engineArgs)
            throws IOException {
        return launch(port, socketDir, out, err, engineArgs);
    }

    static Process launch(int port, Path socketDir, List<String> out, List<String> err, String... engineArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), EngineSim.class.getName()));
        command.addAll(List.of(engineArgs));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("D_PROVIDER", "ofi+tcp");
        pb.environment().put("D_PORT", Integer.toString(port));
        pb.environment().put("D_INTERFACE", "lo");
        pb.environment().put("D_LOG_MASK", "INFO");
        Process p = pb.start();
        pump(p.getInputStream(), out);
        pump(p.getErrorStream(), err);
        return p;
    }

    private static void pump(java.io.InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void notifyReadySetRankSetUpStartedLineThenSigtermExitsZero() throws Exception {
        BlockingQueue<EngineReady> ready = new LinkedBlockingQueue<>();
        server.srv().addReadyListener(ready::add);

        engine = launch(dir, stdout, stderr, "-t", "4", "-x", "1", "-g", "daos_server", "-d", dir.toString(),
                "-s", dir.resolve("scm").toString(), "-n", dir.resolve("nvme.conf").toString(), "-I", "1",
                "-f", "3", "-r", "0", "-H", "2", "-p", "0");

        EngineReady notified = ready.poll(60, TimeUnit.SECONDS);
        assertThat(notified).as("NotifyReady; engine stderr: %s", stderr).isNotNull();
        Path engineSocket = dir.resolve("daos_engine_" + engine.pid() + ".sock");
        assertThat(notified.instanceIdx()).isEqualTo(1);
        assertThat(notified.targets()).isEqualTo(4);
        assertThat(notified.contexts()).isEqualTo(4 + 1 + 2);
        assertThat(notified.socket()).isEqualTo(engineSocket);
        assertThat(notified.uri()).isEqualTo("ofi+tcp://127.0.0.1:" + port);
        assertThat(notified.incarnation()).isPositive();
        assertThat(notified.checkMode()).isFalse();

        assertThat(server.engines().setRank(engineSocket, 5, 2)).isZero();
        assertThat(server.engines().setUp(engineSocket)).isZero();

        String started = "DAOS I/O Engine (v2.6.5) process " + engine.pid() + " started on rank 5 with 4 target,"
                + " 1 helper XS, firstcore 3, host " + InetAddress.getLocalHost().getHostName() + ".";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stdout).contains(started));

        assertThat(server.engines().pingRank(engineSocket)).isZero();
        assertThat(server.engines().setLogMasks(engineSocket, SetLogMasksReq.newBuilder().setMasks("DEBUG")
                .build()).getStatus()).isZero();
        assertThat(server.engines().groupUpdate(engineSocket, GroupUpdateReq.newBuilder().setMapVersion(3)
                .addEngines(GroupUpdateReq.Engine.newBuilder().setRank(5).setUri(notified.uri())).build())
                .getStatus()).isZero();
        assertThat(server.engines().prepShutdown(engineSocket)).isZero();

        engine.destroy(); // SIGTERM
        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(engine.exitValue()).as("exit status; stderr %s", stderr).isZero();
        assertThat(engineSocket).doesNotExist();
        assertThat(stdout.stream().filter(l -> l.startsWith("DAOS I/O Engine"))).hasSize(1);
    }

    @Test
    void setUpBeforeSetRankIsRefusedWithDerUninit() throws Exception {
        BlockingQueue<EngineReady> ready = new LinkedBlockingQueue<>();
        server.srv().addReadyListener(ready::add);
        engine = launch(dir, stdout, stderr, "-t", "1", "-d", dir.toString(), "-I", "0");
        EngineReady notified = ready.poll(60, TimeUnit.SECONDS);
        assertThat(notified).as("NotifyReady; engine stderr: %s", stderr).isNotNull();

        assertThat(server.engines().setUp(notified.socket())).isEqualTo(-1015);
        assertThat(stdout).noneMatch(l -> l.startsWith("DAOS I/O Engine"));
    }

    @Test
    void aNotifyReadyTheServerRefusesEndsTheEngine() throws Exception {
        // Instance index 7 of a server running 2 engines: the server answers FAILURE, the engine gives up.
        engine = launch(dir, stdout, stderr, "-t", "1", "-d", dir.toString(), "-I", "7");

        assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(engine.exitValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stderr).anyMatch(l -> l.contains("NotifyReady to daos_server failed: daos_server answered"
                        + " FAILURE")));
        assertThat(server.srv().readyNotifications()).isEmpty();
    }
}
