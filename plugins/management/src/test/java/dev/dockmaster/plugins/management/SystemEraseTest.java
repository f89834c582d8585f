package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemEraseReq;
import dev.dockmaster.proto.mgmt.SystemEraseResp;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The MS leader's system erase over in-process gRPC: one raft replica (the leader), a fake ctl.CtlSvc per host
 * (host A owns ranks 1-2, host B ranks 3-4) and a fake peer replica whose MgmtSvc records the SystemErase the leader
 * sends it. The module's "database erased" hook is a counter here (ManagementModuleTest covers the directory).
 */
class SystemEraseTest {
    static final String HOST_A = "127.0.0.1:21001";
    static final String HOST_B = "127.0.0.1:21002";
    static final String HOST_C = "127.0.0.1:21003";
    static final String PEER = "127.0.0.1:21009";

    /** A host's control service: stop and reset format, scripted per rank, recorded. */
    static final class FakeCtl extends CtlSvcGrpc.CtlSvcImplBase {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, RankResult> scripted = new ConcurrentHashMap<>();
        volatile Status refuseReset;

        private void answer(String method, String action, String state, RanksReq req, StreamObserver<RanksResp> out) {
            calls.add(method + " " + req.getRanks());
            RanksResp.Builder resp = RanksResp.newBuilder();
            for (long rank : Ranks.parse(req.getRanks())) {
                resp.addResults(scripted.getOrDefault(method + "/" + rank, RankResult.newBuilder()
                        .setRank((int) rank).setAction(action).setState(state).build()));
            }
            out.onNext(resp.build());
            out.onCompleted();
        }

        @Override
        public void stopRanks(RanksReq req, StreamObserver<RanksResp> out) {
            answer("stop", "stop", "stopped", req, out);
        }

        @Override
        public void resetFormatRanks(RanksReq req, StreamObserver<RanksResp> out) {
            if (refuseReset != null) {
                calls.add("reset " + req.getRanks() + " refused");
                out.onError(refuseReset.asRuntimeException());
                return;
            }
            answer("reset", "reset format", "awaitformat", req, out);
        }
    }

    /** The other replica's management service: records each SystemErase and the caller's component header. */
    static final class FakePeer extends MgmtSvcGrpc.MgmtSvcImplBase {
        final List<String> erases = new CopyOnWriteArrayList<>();
        volatile String component;
        volatile Status refuse;

        @Override
        public void systemErase(SystemEraseReq req, StreamObserver<SystemEraseResp> out) {
            erases.add(req.getSys());
            if (refuse != null) {
                out.onError(refuse.asRuntimeException());
                return;
            }
            out.onNext(SystemEraseResp.getDefaultInstance());
            out.onCompleted();
        }
    }

    private final FakeCtl hostA = new FakeCtl();
    private final FakeCtl hostB = new FakeCtl();
    private final FakePeer peer = new FakePeer();
    private final List<Server> servers = new ArrayList<>();
    private final AtomicInteger erasedHook = new AtomicInteger();
    private ScheduledExecutorService executor;
    private ManagementService ms;

    @BeforeEach
    void start(@TempDir Path root) throws Exception {
        for (var host : Map.of(HOST_A, hostA, HOST_B, hostB).entrySet()) {
            servers.add(InProcessServerBuilder.forName(host.getKey()).directExecutor().addService(host.getValue())
                    .build().start());
        }
        servers.add(InProcessServerBuilder.forName(PEER).directExecutor()
                .addService(ServerInterceptors.intercept(peer, new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                            Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                        peer.component = headers.get(PeerChannels.COMPONENT);
                        return next.startCall(call, headers);
                    }
                })).build().start());
        String self = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        List<String> aps = List.of(self, PEER, "127.0.0.1:21010");
        Replicas replicas = Replicas.resolve(aps, Replicas.portOf(self));
        executor = Executors.newScheduledThreadPool(2, ManagementModule.daemonThreads("erase-test"));
        PeerChannels channels = new PeerChannels(addr -> InProcessChannelBuilder.forName(addr).directExecutor()
                .build(), "2.6.5");
        ms = new ManagementService(ReplicaHarness.serverInfo(Replicas.portOf(self), aps), replicas,
                ReplicaHarness.FAST, EngineHarness.none(), executor, Clock.systemUTC(), ControlMetrics.NONE,
                channels);
        ms.onDbErased(erasedHook::incrementAndGet);
        ms.attach(RaftNode.start(RaftNode.peer(replicas.peerId(0), replicas.raftAddress(0, 1)), true, "daos_server",
                root.resolve("control_raft"), ReplicaHarness.FAST, new SystemDb()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ms.node().orElseThrow().isLeader());
        join(HOST_A, HOST_A, HOST_B, HOST_B);
    }

    private void join(String... owners) throws Exception {
        int first = ms.node().orElseThrow().db().members().size();
        List<java.util.concurrent.CompletableFuture<JoinResp>> joins = new ArrayList<>();
        for (int i = 0; i < owners.length; i++) {
            joins.add(ms.join(RaftClusterTest.joinReq(String.format("00000000-0000-0000-0000-%012d", first + i + 1),
                    owners[i], i % 2), Optional.empty()));
        }
        for (var j : joins) {
            j.get(10, TimeUnit.SECONDS);
        }
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

    private void stopAll() throws Exception {
        ms.systemStop(SystemStopReq.newBuilder().setForce(true).build(), in(Duration.ofSeconds(10)))
                .get(15, TimeUnit.SECONDS);
    }

    private SystemEraseResp erase() throws Exception {
        return ms.systemErase(SystemEraseReq.newBuilder().setSys("daos_server").build(), in(Duration.ofSeconds(10)),
                false).get(15, TimeUnit.SECONDS);
    }

    private String state(int rank) {
        return ms.node().orElseThrow().db().member(rank).orElseThrow().state().wireName();
    }

    static Stream<Arguments> runningMembers() {
        return Stream.of(
                Arguments.of("no members", List.of(), ""),
                Arguments.of("all stopped", List.of(MemberState.STOPPED, MemberState.STOPPED), ""),
                Arguments.of("not running in any way", List.of(MemberState.AWAIT_FORMAT, MemberState.ERRORED,
                        MemberState.EXCLUDED, MemberState.ADMIN_EXCLUDED, MemberState.UNRESPONSIVE,
                        MemberState.STOPPING, MemberState.STARTING), ""),
                Arguments.of("one joined", List.of(MemberState.STOPPED, MemberState.JOINED),
                        "system erase requires the following 1 rank to be stopped: 1"),
                Arguments.of("joined and ready", List.of(MemberState.JOINED, MemberState.READY, MemberState.STOPPED,
                        MemberState.JOINED), "system erase requires the following 3 ranks to be stopped: 0-1,3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runningMembers")
    void eraseIsRefusedWhileJoinedOrReadyMembersRemain(String name, List<MemberState> states, String refusal) {
        List<Member> members = new ArrayList<>();
        for (int rank = 0; rank < states.size(); rank++) {
            members.add(new Member(rank, "u" + rank, HOST_A, "ofi+tcp://x", 1, List.of(), List.of(), "/h",
                    states.get(rank), "", 1, Instant.EPOCH));
        }
        if (refusal.isEmpty()) {
            ManagementService.refuseEraseWhileRunning(members);
        } else {
            assertThatThrownBy(() -> ManagementService.refuseEraseWhileRunning(members))
                    .isInstanceOf(StatusRuntimeException.class).hasMessageContaining(refusal);
        }
    }

    @Test
    void aRunningSystemIsNotTouched() {
        assertThatThrownBy(this::erase).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("system erase requires the following 4 ranks to be stopped: 1-4");
        assertThat(hostA.calls).isEmpty();
        assertThat(peer.erases).isEmpty();
        assertThat(erasedHook).hasValue(0);
        assertThat(ms.node()).isPresent();
    }

    @Test
    void resetsEveryHostThenErasesThePeerReplicasAndItself() throws Exception {
        stopAll();
        SystemEraseResp resp = erase();

        assertThat(hostA.calls).containsExactly("stop 1-2", "reset 1-2");
        assertThat(hostB.calls).containsExactly("stop 3-4", "reset 3-4");
        assertThat(resp.getResultsList()).extracting(RankResult::getRank).containsExactly(1, 2, 3, 4);
        assertThat(resp.getResultsList()).extracting(RankResult::getAction).containsOnly("reset format");
        assertThat(resp.getResultsList()).extracting(RankResult::getState).containsOnly("awaitformat");
        assertThat(resp.getResultsList()).noneMatch(RankResult::getErrored);
        // the reachable peer was asked as a server; the third access point has no server and is skipped
        assertThat(peer.erases).containsExactly("daos_server");
        assertThat(peer.component).isEqualTo("server");
        assertThat(erasedHook).hasValue(1);
        assertThat(ms.node()).isEmpty();
        assertThatThrownBy(() -> ms.systemQuery(SystemQueryReq.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining(MgmtErrors.UNINITIALIZED);
    }

    @Test
    void aRankThatFailsItsResetKeepsTheDatabase() throws Exception {
        stopAll();
        hostB.scripted.put("reset/4", RankResult.newBuilder().setRank(4).setAction("reset format").setErrored(true)
                .setMsg("want awaitformat, got stopped").setState("stopped").build());

        SystemEraseResp resp = erase();

        assertThat(resp.getResultsList()).extracting(RankResult::getErrored).containsExactly(false, false, false, true);
        assertThat(resp.getResults(3).getMsg()).isEqualTo("want awaitformat, got stopped");
        assertThat(peer.erases).isEmpty();
        assertThat(erasedHook).hasValue(0);
        // the ranks that were reset are recorded; the failure changes no state (DAOS: no update on failure)
        assertThat(List.of(state(1), state(2), state(3), state(4)))
                .containsExactly("awaitformat", "awaitformat", "awaitformat", "stopped");
    }

    @Test
    void aHostThatRefusesOrCannotBeReachedGivesUnresponsiveResults() throws Exception {
        join(HOST_C);
        stopAll();
        assertThat(state(5)).isEqualTo("unresponsive");
        hostB.refuseReset = Status.INTERNAL.withDescription("reset format not supported when rank is running: 3");

        SystemEraseResp resp = erase();

        assertThat(hostB.calls).containsExactly("stop 3-4", "reset 3-4 refused");
        assertThat(resp.getResultsList()).extracting(RankResult::getState)
                .containsExactly("awaitformat", "awaitformat", "unresponsive", "unresponsive", "unresponsive");
        assertThat(resp.getResults(2).getMsg()).contains("reset format not supported when rank is running");
        assertThat(resp.getResults(4).getMsg()).contains("UNAVAILABLE");
        assertThat(resp.getResultsList()).extracting(RankResult::getAction).containsOnly("reset format");
        assertThat(erasedHook).hasValue(0);
        assertThat(ms.node()).isPresent();
    }

    @Test
    void aPeerReplicaThatFailsTheEraseKeepsTheLeadersDatabase() throws Exception {
        stopAll();
        peer.refuse = Status.PERMISSION_DENIED.withDescription("not allowed");

        assertThatThrownBy(this::erase).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("system erase on replica " + PEER + " failed: PERMISSION_DENIED");
        assertThat(erasedHook).hasValue(0);
        assertThat(ms.node()).isPresent();
    }

    @Test
    void aPeerWithoutARunningDatabaseIsSkipped() {
        assertThat(ManagementService.peerEraseSkippable(Status.UNAVAILABLE)).isTrue();
        assertThat(ManagementService.peerEraseSkippable(Status.DEADLINE_EXCEEDED)).isTrue();
        assertThat(ManagementService.peerEraseSkippable(Status.UNKNOWN.withDescription(MgmtErrors.UNINITIALIZED)))
                .isTrue();
        assertThat(ManagementService.peerEraseSkippable(Status.INTERNAL.withDescription("disk full"))).isFalse();
    }

    @Test
    void fromAnotherServerThroughMgmtSvcItErasesOnlyItsOwnDatabase() throws Exception {
        stopAll();
        String name = InProcessServerBuilder.generateName();
        servers.add(InProcessServerBuilder.forName(name).addService(new MgmtGrpcService(ms).definition())
                .build().start());
        PeerChannels asServer = new PeerChannels(addr -> InProcessChannelBuilder.forName(addr).build(), "2.6.5");
        try {
            SystemEraseResp resp = MgmtSvcGrpc.newBlockingStub(asServer.channel(name))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).systemErase(SystemEraseReq.getDefaultInstance());
            assertThat(resp.getResultsList()).isEmpty();
        } finally {
            asServer.close();
        }
        assertThat(hostA.calls).containsExactly("stop 1-2");
        assertThat(peer.erases).isEmpty();
        assertThat(erasedHook).hasValue(1);
        assertThat(ms.node()).isEmpty();
    }
}
