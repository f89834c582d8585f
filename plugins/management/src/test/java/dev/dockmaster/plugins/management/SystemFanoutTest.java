package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.SystemExcludeReq;
import dev.dockmaster.proto.mgmt.SystemExcludeResp;
import dev.dockmaster.proto.mgmt.SystemStartReq;
import dev.dockmaster.proto.mgmt.SystemStartResp;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.mgmt.SystemStopResp;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricCounter;
import dev.dockmaster.spi.telemetry.MetricTimer;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The MS leader's system stop/start/exclude over in-process gRPC: one raft replica, and a fake ctl.CtlSvc per
 * "host" (an in-process server named after the host's control address) that records what it was asked.
 * Host A (127.0.0.1:20001) owns ranks 1-2, host B (127.0.0.1:20002) ranks 3-4, host C (127.0.0.1:20003) rank 5 and
 * has no server (unreachable).
 */
class SystemFanoutTest {
    static final String HOST_A = "127.0.0.1:20001";
    static final String HOST_B = "127.0.0.1:20002";
    static final String HOST_C = "127.0.0.1:20003";

    /** A host's control service: answers each asked rank with a scripted or default result, records the calls. */
    static final class FakeCtl extends CtlSvcGrpc.CtlSvcImplBase {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Metadata> headers = new CopyOnWriteArrayList<>();
        /** "method/rank" → a result replacing the default one. */
        final Map<String, RankResult> scripted = new ConcurrentHashMap<>();
        volatile boolean hang;

        private void answer(String method, String action, String state, RanksReq req, StreamObserver<RanksResp> out) {
            calls.add(method + " " + req.getRanks() + (req.getForce() ? " force" : ""));
            if (hang) {
                return; // never answers: the caller's deadline ends the call
            }
            RanksResp.Builder resp = RanksResp.newBuilder();
            for (long rank : Ranks.parse(req.getRanks())) {
                resp.addResults(scripted.getOrDefault(method + "/" + rank, RankResult.newBuilder().setRank((int) rank)
                        .setAction(action).setState(state).build()));
            }
            out.onNext(resp.build());
            out.onCompleted();
        }

        @Override
        public void prepShutdownRanks(RanksReq req, StreamObserver<RanksResp> out) {
            answer("prep", "prep shutdown", "stopping", req, out);
        }

        @Override
        public void stopRanks(RanksReq req, StreamObserver<RanksResp> out) {
            answer("stop", "stop", "stopped", req, out);
        }

        @Override
        public void startRanks(RanksReq req, StreamObserver<RanksResp> out) {
            answer("start", "start", "ready", req, out);
        }
    }

    /** Records how many fan-out durations each command recorded. */
    static final class RecordingMetrics implements ControlMetrics {
        final Map<String, Integer> timings = new ConcurrentHashMap<>();

        @Override
        public MetricTimer timer(String name, String description, Map<String, String> labels) {
            String key = name + labels;
            return nanos -> timings.merge(key, 1, Integer::sum);
        }

        @Override
        public MetricCounter counter(String name, String description, Map<String, String> labels) {
            return ControlMetrics.NONE.counter(name, description, labels);
        }

        @Override
        public void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
        }
    }

    private final FakeCtl hostA = new FakeCtl();
    private final FakeCtl hostB = new FakeCtl();
    private final List<Server> servers = new ArrayList<>();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private ScheduledExecutorService executor;
    private PeerChannels peers;
    private ManagementService ms;

    @BeforeEach
    void start(@TempDir Path root) throws Exception {
        for (var host : Map.of(HOST_A, hostA, HOST_B, hostB).entrySet()) {
            FakeCtl ctl = host.getValue();
            servers.add(InProcessServerBuilder.forName(host.getKey()).directExecutor()
                    .addService(ServerInterceptors.intercept(ctl, new io.grpc.ServerInterceptor() {
                        @Override
                        public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                                Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                            ctl.headers.add(headers);
                            return next.startCall(call, headers);
                        }
                    })).build().start());
        }
        String self = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        List<String> aps = List.of(self);
        Replicas replicas = Replicas.resolve(aps, Replicas.portOf(self));
        executor = Executors.newScheduledThreadPool(2, ManagementModule.daemonThreads("fanout-test"));
        peers = new PeerChannels(addr -> InProcessChannelBuilder.forName(addr).directExecutor().build(),
                "2.6.5");
        ms = new ManagementService(ReplicaHarness.serverInfo(Replicas.portOf(self), aps), replicas,
                ReplicaHarness.FAST, EngineHarness.none(), executor, Clock.systemUTC(), metrics, peers);
        ms.attach(RaftNode.start(RaftNode.peer(replicas.peerId(0), replicas.raftAddress(0, 1)), true, "daos_server",
                root.resolve("control_raft"), ReplicaHarness.FAST, new SystemDb()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ms.node().orElseThrow().isLeader());
        List<java.util.concurrent.CompletableFuture<JoinResp>> joins = new ArrayList<>();
        String[] owners = {HOST_A, HOST_A, HOST_B, HOST_B, HOST_C};
        for (int i = 0; i < owners.length; i++) {
            joins.add(ms.join(RaftClusterTest.joinReq("00000000-0000-0000-0000-00000000000" + (i + 1), owners[i],
                    i < 4 ? i % 2 : 0), Optional.empty()));
        }
        for (var j : joins) {
            j.get(10, TimeUnit.SECONDS);
        }
        assertThat(ms.node().orElseThrow().db().members()).extracting(Member::rank).containsExactly(1, 2, 3, 4, 5);
    }

    @AfterEach
    void stop() {
        ms.close();
        executor.shutdownNow();
        servers.forEach(Server::shutdownNow);
    }

    private static Deadline in(Duration d) {
        return Deadline.after(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String state(int rank) {
        return ms.node().orElseThrow().db().member(rank).orElseThrow().state().wireName();
    }

    @Test
    void theLeaderOpensTheControlChannelOfEveryJoinedHostBeforeAnyCommand() {
        // no fan-out has run yet: the joins alone open the channels, so the first command pays no handshakes
        await().atMost(Duration.ofSeconds(10))
                .until(() -> peers.isOpen(HOST_A) && peers.isOpen(HOST_B) && peers.isOpen(HOST_C));
        assertThat(hostA.calls).isEmpty();
        assertThat(peers.isOpen("127.0.0.1:29999")).isFalse();
    }

    @Test
    void forcedStopFansOutPerHostAndRecordsStates() throws Exception {
        hostB.scripted.put("stop/4", RankResult.newBuilder().setRank(4).setAction("stop").setErrored(true)
                .setMsg("rank failed to stop").setState("joined").build());

        SystemStopResp resp = ms.systemStop(SystemStopReq.newBuilder().setForce(true).build(),
                in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);

        assertThat(hostA.calls).containsExactly("stop 1-2 force");
        assertThat(hostB.calls).containsExactly("stop 3-4 force");
        assertThat(hostA.headers.get(0).get(PeerChannels.COMPONENT)).isEqualTo("server");
        assertThat(hostA.headers.get(0).get(PeerChannels.VERSION)).isEqualTo("2.6.5");
        assertThat(resp.getResultsList()).extracting(RankResult::getRank).containsExactly(1, 2, 3, 4, 5);
        assertThat(resp.getResultsList()).extracting(RankResult::getState)
                .containsExactly("stopped", "stopped", "stopped", "errored", "unresponsive");
        assertThat(resp.getResultsList()).extracting(RankResult::getAddr)
                .containsExactly(HOST_A, HOST_A, HOST_B, HOST_B, HOST_C);
        RankResult unreachable = resp.getResults(4);
        assertThat(unreachable.getErrored()).isTrue();
        assertThat(unreachable.getAction()).isEqualTo("stop");
        assertThat(unreachable.getMsg()).contains("UNAVAILABLE");
        assertThat(resp.getAbsentranks()).isEmpty();

        assertThat(List.of(state(1), state(2), state(3), state(4), state(5)))
                .containsExactly("stopped", "stopped", "stopped", "errored", "unresponsive");
        assertThat(ms.node().orElseThrow().db().member(4).orElseThrow().info()).isEqualTo("rank failed to stop");
        assertThat(metrics.timings).containsEntry("ms_fanout{command=stop}", 1);
    }

    @Test
    void startBringsStoppedRanksBackAndSkipsIllegalTransitions() throws Exception {
        ms.systemStop(SystemStopReq.newBuilder().setForce(true).setRanks("1-4").build(), in(Duration.ofSeconds(10)))
                .get(15, TimeUnit.SECONDS);
        assertThat(state(1)).isEqualTo("stopped");

        SystemStartResp resp = ms.systemStart(SystemStartReq.newBuilder().setRanks("1-5").build(),
                in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);

        assertThat(hostA.calls).containsExactly("stop 1-2 force", "start 1-2");
        assertThat(resp.getResultsList()).extracting(RankResult::getState)
                .containsExactly("ready", "ready", "ready", "ready", "unresponsive");
        assertThat(List.of(state(1), state(4))).containsExactly("ready", "ready");
        // rank 5 was Joined: Joined -> Unresponsive is legal; a second start cannot move it Unresponsive -> Ready
        assertThat(state(5)).isEqualTo("unresponsive");
        assertThat(metrics.timings).containsEntry("ms_fanout{command=start}", 1);
    }

    @Test
    void unforcedStopPreparesFirstAndAbortsWhenPrepFails() throws Exception {
        SystemStopResp ok = ms.systemStop(SystemStopReq.newBuilder().setRanks("1").build(),
                in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
        assertThat(hostA.calls).containsExactly("prep 1", "stop 1");
        assertThat(ok.getResults(0).getState()).isEqualTo("stopped");

        hostB.scripted.put("prep/3", RankResult.newBuilder().setRank(3).setAction("prep shutdown").setErrored(true)
                .setMsg("dRPC failed").setState("errored").build());
        SystemStopResp aborted = ms.systemStop(SystemStopReq.newBuilder().setRanks("3-4").build(),
                in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
        assertThat(hostB.calls).containsExactly("prep 3-4");
        assertThat(aborted.getResultsList()).extracting(RankResult::getAction)
                .containsOnly("prep shutdown");
        assertThat(aborted.getResults(0).getErrored()).isTrue();
        assertThat(state(3)).isEqualTo("errored");
        assertThat(state(4)).isEqualTo("stopping");
    }

    @Test
    void oneDeadlineBoundsAHostThatNeverAnswers() throws Exception {
        hostB.hang = true;
        long start = System.nanoTime();
        SystemStopResp resp = ms.systemStop(SystemStopReq.newBuilder().setForce(true).setRanks("1-4").build(),
                in(Duration.ofMillis(700))).get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(resp.getResultsList()).extracting(RankResult::getState)
                .containsExactly("stopped", "stopped", "unresponsive", "unresponsive");
        assertThat(resp.getResults(2).getMsg()).contains("DEADLINE_EXCEEDED");
    }

    @Test
    void throughMgmtSvcTheAnswerComesBeforeTheCallersDeadline() throws Exception {
        hostB.hang = true;
        String name = InProcessServerBuilder.generateName();
        servers.add(InProcessServerBuilder.forName(name).addService(new MgmtGrpcService(ms).definition())
                .build().start());
        io.grpc.ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            long start = System.nanoTime();
            SystemStopResp resp = dev.dockmaster.proto.mgmt.MgmtSvcGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(3, TimeUnit.SECONDS)
                    .systemStop(SystemStopReq.newBuilder().setForce(true).setRanks("1-4").build());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(resp.getResultsList()).extracting(RankResult::getState)
                    .containsExactly("stopped", "stopped", "unresponsive", "unresponsive");
            assertThat(state(3)).isEqualTo("unresponsive");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void absentRanksAndHostsAreReportedAndNotContacted() throws Exception {
        SystemStopResp byRank = ms.systemStop(SystemStopReq.newBuilder().setForce(true).setRanks("2,7-9").build(),
                in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
        assertThat(byRank.getAbsentranks()).isEqualTo("7-9");
        assertThat(byRank.getResultsList()).extracting(RankResult::getRank).containsExactly(2);
        assertThat(hostB.calls).isEmpty();

        SystemStartResp byHost = ms.systemStart(SystemStartReq.newBuilder()
                .setHosts("127.0.0.1:20002,127.0.0.1:29999").build(), in(Duration.ofSeconds(10)))
                .get(15, TimeUnit.SECONDS);
        assertThat(byHost.getAbsenthosts()).isEqualTo("127.0.0.1:29999");
        assertThat(byHost.getResultsList()).extracting(RankResult::getRank).containsExactly(3, 4);
        assertThat(hostB.calls).containsExactly("start 3-4");
    }

    @Test
    void ranksAndHostsTogetherAreRefused() {
        assertThatThrownBy(() -> ms.systemStop(SystemStopReq.newBuilder().setRanks("1").setHosts(HOST_A).build(),
                in(Duration.ofSeconds(1)))).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> ms.systemStart(SystemStartReq.newBuilder().setRanks("1").setHosts(HOST_A).build(),
                in(Duration.ofSeconds(1)))).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("mutually exclusive");
        assertThat(hostA.calls).isEmpty();
    }

    @Test
    void excludeAndClearExcludeWithAdminExcludedHandling() throws Exception {
        SystemExcludeResp excluded = ms.systemExclude(SystemExcludeReq.newBuilder().setRanks("3").build())
                .get(10, TimeUnit.SECONDS);
        assertThat(excluded.getResultsList()).singleElement().satisfies(r -> {
            assertThat(r.getRank()).isEqualTo(3);
            assertThat(r.getAction()).isEqualTo("set admin-excluded state");
            assertThat(r.getState()).isEqualTo("adminexcluded");
            assertThat(r.getErrored()).isFalse();
        });
        assertThat(state(3)).isEqualTo("adminexcluded");

        // named explicitly: refused with fault 620; ignored on request; left out silently with no selection
        assertThatThrownBy(() -> ms.systemStop(SystemStopReq.newBuilder().setForce(true).setRanks("3-4").build(),
                in(Duration.ofSeconds(1)))).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("620").hasMessageContaining("administratively excluded");
        SystemStopResp ignoring = ms.systemStop(SystemStopReq.newBuilder().setForce(true).setRanks("3-4")
                .setIgnoreAdminExcluded(true).build(), in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
        assertThat(ignoring.getResultsList()).extracting(RankResult::getRank).containsExactly(4);
        ms.systemStart(SystemStartReq.getDefaultInstance(), in(Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
        assertThat(hostB.calls).containsExactly("stop 4 force", "start 4");
        assertThat(state(3)).isEqualTo("adminexcluded");

        SystemExcludeResp cleared = ms.systemExclude(SystemExcludeReq.newBuilder().setRanks("3").setClear(true)
                .build()).get(10, TimeUnit.SECONDS);
        assertThat(cleared.getResults(0).getAction()).isEqualTo("clear admin-excluded state");
        assertThat(state(3)).isEqualTo("excluded");

        assertThatThrownBy(() -> ms.systemExclude(SystemExcludeReq.newBuilder().setRanks("3,42").build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("invalid rank(s): 42");
        assertThatThrownBy(() -> ms.systemExclude(SystemExcludeReq.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("no ranks or hosts");
        assertThat(Set.of(state(3))).containsExactly("excluded");
    }
}
