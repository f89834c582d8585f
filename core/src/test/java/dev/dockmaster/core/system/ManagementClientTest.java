package dev.dockmaster.core.system;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.ClusterEventResp;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.spi.Fault;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The management-service client against in-process MgmtSvc fakes (one per access point) that answer from a script:
 * not-leader with a hint, not-replica with a list, unavailable, "not ready" messages, faults, success.
 */
class ManagementClientTest {
    private static final int NIL = 0xFFFF_FFFF;
    private static final Metadata.Key<String> COMPONENT =
            Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> VERSION =
            Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, FakeMs> services = new ConcurrentHashMap<>();
    private final List<Server> servers = new ArrayList<>();
    private ManagementClient client;

    /** One replica: answers each call with the next scripted reaction, then "ok" forever. */
    static final class FakeMs extends MgmtSvcGrpc.MgmtSvcImplBase {
        final String address;
        final Deque<Supplier<StatusRuntimeException>> script = new ArrayDeque<>();
        final List<JoinReq> joins = new CopyOnWriteArrayList<>();
        final List<ClusterEventReq> events = new CopyOnWriteArrayList<>();
        final List<Metadata> headers = new CopyOnWriteArrayList<>();
        volatile JoinResp.State state = JoinResp.State.IN;

        FakeMs(String address) {
            this.address = address;
        }

        synchronized FakeMs then(Supplier<StatusRuntimeException> reaction) {
            script.add(reaction);
            return this;
        }

        synchronized FakeMs always(Supplier<StatusRuntimeException> reaction, int times) {
            for (int i = 0; i < times; i++) {
                script.add(reaction);
            }
            return this;
        }

        private synchronized StatusRuntimeException next() {
            Supplier<StatusRuntimeException> reaction = script.poll();
            return reaction == null ? null : reaction.get();
        }

        @Override
        public void join(JoinReq request, StreamObserver<JoinResp> response) {
            joins.add(request);
            StatusRuntimeException error = next();
            if (error != null) {
                response.onError(error);
                return;
            }
            int rank = request.getRank() == NIL ? 7 : request.getRank();
            response.onNext(JoinResp.newBuilder().setRank(rank).setMapVersion(3).setState(state).build());
            response.onCompleted();
        }

        @Override
        public void clusterEvent(ClusterEventReq request, StreamObserver<ClusterEventResp> response) {
            StatusRuntimeException error = next();
            if (error != null) {
                response.onError(error);
                return;
            }
            events.add(request);
            response.onNext(ClusterEventResp.newBuilder().setSequence(request.getSequence()).build());
            response.onCompleted();
        }
    }

    private FakeMs replica(String address) throws IOException {
        FakeMs ms = new FakeMs(address);
        ServerInterceptor capture = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                ms.headers.add(headers);
                return next.startCall(call, headers);
            }
        };
        servers.add(InProcessServerBuilder.forName(address).directExecutor()
                .addService(ServerInterceptors.intercept(ms, capture)).build().start());
        services.put(address, ms);
        return ms;
    }

    private ManagementClient client(LocalReplica local, Duration joinTimeout, String... accessPoints) {
        ManagementClient.Settings settings = new ManagementClient.Settings("daos_server", "2.6.5",
                List.of(accessPoints), local, Duration.ofSeconds(2), joinTimeout, Duration.ofSeconds(5),
                new ManagementClient.Backoff(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ZERO), 4);
        client = new ManagementClient(settings, address -> InProcessChannelBuilder.forName(address)
                .directExecutor().build());
        return client;
    }

    private ManagementClient client(String... accessPoints) {
        return client(new LocalReplica(false, false, "0.0.0.0:10001"), Duration.ofSeconds(10), accessPoints);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        servers.forEach(Server::shutdownNow);
    }

    private static JoinReq join(int idx, int rank) {
        return JoinReq.newBuilder().setUuid("2f1a9b4e-0c6e-4d3b-9a57-0e8f0f1b2c3d").setIdx(idx).setRank(rank)
                .setUri("ofi+tcp://127.0.0.1:31416").build();
    }

    static StatusRuntimeException errorInfo(String reason, Map<String, String> metadata) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder().setCode(Code.INTERNAL_VALUE)
                .setMessage(reason)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("DAOS")
                        .putAllMetadata(metadata).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    static StatusRuntimeException notLeader(String hint, String replicasJson) {
        return errorInfo("proto.system.ErrNotLeader", Map.of("LeaderHint", hint, "Replicas", replicasJson));
    }

    @Test
    void aJoinCarriesSysControlAddressAndTheServerHeaders() throws Exception {
        FakeMs ms = replica("ap1:10001");
        client(new LocalReplica(true, false, "10.0.0.1:10001"), Duration.ofSeconds(5), "ap1:10001");

        JoinResp resp = client.join(join(1, NIL));

        assertThat(resp.getRank()).isEqualTo(7);
        JoinReq sent = ms.joins.get(0);
        assertThat(sent.getSys()).isEqualTo("daos_server-2.6.5");
        assertThat(sent.getAddr()).isEqualTo("10.0.0.1:10001");
        assertThat(sent.getUuid()).isEqualTo("2f1a9b4e-0c6e-4d3b-9a57-0e8f0f1b2c3d");
        assertThat(ms.headers.get(0).get(COMPONENT)).isEqualTo("server");
        assertThat(ms.headers.get(0).get(VERSION)).isEqualTo("2.6.5");
    }

    static Stream<Arguments> bootstrapRanks() {
        return Stream.of(
                Arguments.of("engine 0 of the bootstrap replica asks for rank 0", true, 0, NIL, 0),
                Arguments.of("engine 1 of the bootstrap replica asks for a new rank", true, 1, NIL, NIL),
                Arguments.of("engine 0 elsewhere asks for a new rank", false, 0, NIL, NIL),
                Arguments.of("a known rank is kept on the bootstrap replica", true, 0, 4, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bootstrapRanks")
    void rankZeroIsAskedForOnlyByEngineZeroOfTheBootstrapReplica(String name, boolean bootstrap, int idx,
                                                                 int rank, int expected) throws Exception {
        FakeMs ms = replica("ap1:10001");
        client(new LocalReplica(bootstrap, bootstrap, bootstrap ? "127.0.0.1:10001" : "0.0.0.0:10001"),
                Duration.ofSeconds(5), "ap1:10001");

        client.join(join(idx, rank));

        assertThat(ms.joins.get(0).getRank()).isEqualTo(expected);
    }

    @Test
    void aNotLeaderAnswerSendsTheJoinToTheLeaderHintWhichIsThenTriedFirst() throws Exception {
        FakeMs follower = replica("ap1:10001").then(() -> notLeader("ap2:10001", "[\"ap1:10001\",\"ap2:10001\"]"));
        FakeMs leader = replica("ap2:10001");
        client("ap1:10001", "ap2:10001", "ap3:10001");

        client.join(join(0, NIL));
        client.join(join(1, NIL));

        assertThat(follower.joins).hasSize(1);
        assertThat(leader.joins).hasSize(2);
    }

    @Test
    void aNotReplicaAnswerSendsTheJoinToTheReplicasItLists() throws Exception {
        FakeMs stranger = replica("ap1:10001").then(() -> errorInfo("proto.system.ErrNotReplica",
                Map.of("Replicas", "[\"ap9:10001\"]")));
        FakeMs replica = replica("ap9:10001");
        client("ap1:10001");

        client.join(join(0, NIL));

        assertThat(stranger.joins).hasSize(1);
        assertThat(replica.joins).hasSize(1);
    }

    static Stream<Arguments> transientErrors() {
        return Stream.of(
                Arguments.of("unavailable", (Supplier<StatusRuntimeException>) () ->
                        Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException()),
                Arguments.of("system is uninitialized", (Supplier<StatusRuntimeException>) () ->
                        Status.INTERNAL.withDescription("system is uninitialized (storage format required?)")
                                .asRuntimeException()),
                Arguments.of("raft service unavailable", (Supplier<StatusRuntimeException>) () ->
                        Status.UNKNOWN.withDescription("raft service unavailable (not started yet?)")
                                .asRuntimeException()),
                Arguments.of("leader step-up in progress", (Supplier<StatusRuntimeException>) () ->
                        Status.UNKNOWN.withDescription("leader step-up in progress (try again)")
                                .asRuntimeException()),
                Arguments.of("deadline exceeded", (Supplier<StatusRuntimeException>) () ->
                        Status.DEADLINE_EXCEEDED.asRuntimeException()),
                Arguments.of("no MgmtSvc on the access point yet", (Supplier<StatusRuntimeException>) () ->
                        Status.UNIMPLEMENTED.asRuntimeException()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientErrors")
    void anMsNotReadyYetIsRetriedWithBackoffUntilItAnswers(String name, Supplier<StatusRuntimeException> error)
            throws Exception {
        FakeMs ms = replica("ap1:10001").always(error, 3);
        client("ap1:10001");

        JoinResp resp = client.join(join(0, NIL));

        assertThat(resp.getRank()).isEqualTo(7);
        assertThat(ms.joins).hasSize(4);
    }

    @Test
    void aFaultFromTheLeaderEndsTheJoinWithThatFault() throws Exception {
        FakeMs ms = replica("ap1:10001").then(() -> errorInfo("proto.fault.Fault", Map.of("Domain", "system",
                "Code", "401", "Description", "fault domain depth mismatch", "Resolution", "fix fault_path")));
        client("ap1:10001");

        assertThatThrownBy(() -> client.join(join(0, NIL))).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(401);
            assertThat(f.domain()).isEqualTo("system");
            assertThat(f.description()).isEqualTo("fault domain depth mismatch");
            assertThat(f.resolution()).isEqualTo("fix fault_path");
        });
        assertThat(ms.joins).hasSize(1);
    }

    @Test
    void aJoinThatNoLeaderAnswersGivesUpAfterTheOverallTimeout() throws Exception {
        replica("ap1:10001").always(() -> Status.UNAVAILABLE.asRuntimeException(), 100_000);
        client(new LocalReplica(false, false, "0.0.0.0:10001"), Duration.ofMillis(300), "ap1:10001");

        assertThatThrownBy(() -> client.join(join(0, NIL))).isInstanceOfSatisfying(Fault.class,
                f -> assertThat(f.code()).isEqualTo(SystemFaults.GAVE_UP));
    }

    @Test
    void anExcludedAnswerIsAFault() throws Exception {
        replica("ap1:10001").state = JoinResp.State.OUT;
        client("ap1:10001");

        assertThatThrownBy(() -> client.join(join(0, 3))).isInstanceOf(Fault.class)
                .hasMessageContaining("excluded");
    }

    @Test
    void anInterruptedJoinStopsRetrying() throws Exception {
        replica("ap1:10001").always(() -> Status.UNAVAILABLE.asRuntimeException(), 100_000);
        client("ap1:10001");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread joining = new Thread(() -> {
            try {
                client.join(join(0, NIL));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        joining.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> services.get("ap1:10001").joins.size() > 2);

        joining.interrupt();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void eventsAreForwardedToTheLeaderInOrderWithSequenceNumbers() throws Exception {
        FakeMs follower = replica("ap1:10001").then(() -> notLeader("ap2:10001", "[]"));
        FakeMs leader = replica("ap2:10001");
        client("ap1:10001", "ap2:10001", "ap3:10001");

        client.publish(RASEvent.newBuilder().setId(2).setRank(1).build());
        client.publish(RASEvent.newBuilder().setId(2).setRank(2).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> leader.events.size() == 2);
        assertThat(leader.events).extracting(e -> e.getEvent().getRank()).containsExactly(1, 2);
        assertThat(leader.events).extracting(ClusterEventReq::getSequence).containsExactly(1L, 2L);
        assertThat(follower.events).isEmpty();
    }

    @Test
    void eventsFollowTheLeaderWhenTheOneTheyWentToDies() throws Exception {
        FakeMs oldLeader = replica("ap1:10001");
        FakeMs follower = replica("ap2:10001");
        FakeMs newLeader = replica("ap3:10001");
        client("ap1:10001", "ap2:10001", "ap3:10001");
        client.publish(RASEvent.newBuilder().setId(2).setRank(1).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> oldLeader.events.size() == 1);

        // the leader's daos_server dies; the follower asked next names the new leader
        oldLeader.always(() -> Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException(), 1000);
        follower.then(() -> notLeader("ap3:10001", "[\"ap1:10001\",\"ap2:10001\",\"ap3:10001\"]"));
        client.publish(RASEvent.newBuilder().setId(2).setRank(2).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> newLeader.events.size() == 1);
        assertThat(newLeader.events.get(0).getEvent().getRank()).isEqualTo(2);
        assertThat(follower.events).isEmpty();
    }

    @Test
    void notLeaderAnswersWithoutAHintBackOffInsteadOfSpinning() throws Exception {
        // an election, or a lost quorum: every replica says "not the leader" and names none
        Supplier<StatusRuntimeException> noLeader = () -> notLeader("", "[\"ap1:10001\",\"ap2:10001\"]");
        FakeMs ap1 = replica("ap1:10001").always(noLeader, 100_000);
        FakeMs ap2 = replica("ap2:10001").always(noLeader, 100_000);
        client(new LocalReplica(false, false, "0.0.0.0:10001"), Duration.ofMillis(400), "ap1:10001", "ap2:10001");

        assertThatThrownBy(() -> client.join(join(0, NIL))).isInstanceOfSatisfying(Fault.class,
                f -> assertThat(f.code()).isEqualTo(SystemFaults.GAVE_UP));
        // backoff 5 ms doubling to 20 ms over 400 ms: a few dozen tries at most, not thousands
        assertThat(ap1.joins.size() + ap2.joins.size()).isBetween(2, 60);
    }

    @Test
    void publishingNeverBlocksWhenTheMsIsUnreachable() throws Exception {
        replica("ap1:10001").always(() -> Status.UNAVAILABLE.asRuntimeException(), 100_000);
        client("ap1:10001");

        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            client.publish(RASEvent.newBuilder().setId(2).setRank(i).build());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(client.pendingEvents()).isLessThanOrEqualTo(4);
    }

    @Test
    void replicaListsInErrorDetailsAreDaosJsonArrays() {
        assertThat(MsErrors.jsonList("[\"10.0.0.1:10001\", \"10.0.0.2:10001\"]"))
                .containsExactly("10.0.0.1:10001", "10.0.0.2:10001");
        assertThat(MsErrors.jsonList("[]")).isEmpty();
        assertThat(MsErrors.jsonList("garbage")).isEmpty();
    }

    @Test
    void theLocalReplicaIsTheAccessPointOnALocalAddressAndThisPort() {
        assertThat(LocalReplica.of(List.of("127.0.0.1:10001"), 10001))
                .isEqualTo(new LocalReplica(true, true, "127.0.0.1:10001"));
        assertThat(LocalReplica.of(List.of("192.0.2.1:10001", "localhost:10002", "192.0.2.3:10001"), 10002))
                .isEqualTo(new LocalReplica(true, false, "127.0.0.1:10002"));
        assertThat(LocalReplica.of(List.of("127.0.0.1:10001"), 10005))
                .as("same host, another server's port").isEqualTo(new LocalReplica(false, false, "0.0.0.0:10005"));
        assertThat(LocalReplica.of(List.of("192.0.2.1:10001"), 10001))
                .isEqualTo(new LocalReplica(false, false, "0.0.0.0:10001"));
    }
}
