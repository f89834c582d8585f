package dev.dockmaster.client.api;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.invoke.MsInvoker;
import dev.dockmaster.client.invoke.MsUnreachableException;
import dev.dockmaster.client.invoke.NotLeaderException;
import dev.dockmaster.client.invoke.NotReplicaException;
import dev.dockmaster.client.invoke.SystemErrors;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.testing.ScriptedInvoker;
import dev.dockmaster.proto.mgmt.LeaderQueryResp;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * SystemQuery and LeaderQuery through the management service machinery: candidates, redirects, retries with DAOS's
 * backoff on a fake clock, and the freshest answer.
 */
class SystemQueryTest {

    /** A clock that only moves when the invoker sleeps, and the sleeps it was asked for. */
    private static final class FakeTime {
        final AtomicLong now = new AtomicLong();
        final List<Duration> sleeps = new ArrayList<>();

        MsInvoker invoker(Random jitter) {
            return new MsInvoker(d -> {
                sleeps.add(d);
                now.addAndGet(d.toNanos());
            }, jitter, now::get);
        }
    }

    /** Random whose jitter is always the given step count. */
    private static Random jitter(int steps) {
        return new Random() {
            @Override
            public int nextInt(int bound) {
                return Math.min(steps, bound - 1);
            }
        };
    }

    private static ScriptedInvoker invoker(String hostList) {
        ControlConfig config = ControlConfig.defaults().withHostList(List.of(hostList));
        return new ScriptedInvoker(config);
    }

    private static SystemMember member(int rank, String state) {
        return SystemMember.newBuilder().setRank(rank).setState(state).setAddr("10.0.0.1:10001")
                .setUuid("00000000-0000-0000-0000-00000000000" + rank).build();
    }

    private static SystemQueryResp answer(long dataVersion, SystemMember... members) {
        return SystemQueryResp.newBuilder().setDataVersion(dataVersion).addAllMembers(List.of(members)).build();
    }

    private static List<String> hostsAsked(ScriptedInvoker invoker) {
        return invoker.requests().stream().map(r -> r.hosts().toRangedString()).toList();
    }

    @Test
    void theRequestCarriesSystemFiltersAndMask() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", answer(1, member(0, "joined")));
        FakeTime time = new FakeTime();
        Control.systemQuery(invoker, new SystemQueryRequest(HostSet.empty(), RankSet.parse("0-3,5"), HostSet.empty(),
                EnumSet.of(MemberState.JOINED, MemberState.STOPPED), false, Optional.empty()), time.invoker(jitter(0)));
        Control.systemQuery(invoker, new SystemQueryRequest(HostSet.empty(), RankSet.empty(),
                HostSet.parse("node[1-3]"), Set.of(), true, Optional.empty()), time.invoker(jitter(0)));
        Control.systemQuery(invoker, SystemQueryRequest.all(), time.invoker(jitter(0)));

        List<SystemQueryReq> sent = invoker.requests().stream().map(r -> (SystemQueryReq) r.message()).toList();
        assertThat(sent.get(0)).isEqualTo(SystemQueryReq.newBuilder().setSys("daos_server-2.6.5")
                .setRanks("0-3,5").setStateMask(0x0028).build());
        assertThat(sent.get(1)).isEqualTo(SystemQueryReq.newBuilder().setSys("daos_server-2.6.5")
                .setHosts("node[1-3]").setStateMask(0xFFF7).build());
        assertThat(sent.get(2).getStateMask()).isEqualTo(0xFFFF);
        assertThat(invoker.requests()).extracting(UnaryRequest::name).containsOnly("SystemQuery");
    }

    @Test
    void exclusiveFiltersAreRefused() {
        assertThatThrownBy(() -> new SystemQueryRequest(HostSet.empty(), RankSet.parse("1"), HostSet.parse("h1"),
                Set.of(), false, Optional.empty())).isInstanceOf(Fault.class)
                .hasMessageContaining("--ranks and --rank-hosts options cannot be set together");
        assertThatThrownBy(() -> new SystemQueryRequest(HostSet.empty(), RankSet.empty(), HostSet.empty(),
                Set.of(MemberState.JOINED), true, Optional.empty())).isInstanceOf(Fault.class)
                .hasMessageContaining("--not-ok and --with-states options cannot be set together");
    }

    @Test
    void theFreshestReplicaWins() {
        ScriptedInvoker invoker = invoker("ap[1-3]")
                .respond("ap1", answer(3, member(0, "joined")))
                .respond("ap2", answer(7, member(0, "joined"), member(1, "joined")))
                .respond("ap3", answer(5, member(0, "stopped")));
        SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all(),
                new FakeTime().invoker(jitter(0)));
        assertThat(resp.dataVersion()).isEqualTo(7);
        assertThat(resp.members()).extracting(SystemMember::getRank).containsExactly(0, 1);
        assertThat(hostsAsked(invoker)).containsExactly("ap[1-3]:10001");
    }

    @Test
    void anAnswerBeatsOtherHostsErrors() {
        ScriptedInvoker invoker = invoker("ap[1-3]")
                .fail("ap1", ClientFaults.refused("ap1:10001"))
                .respond("ap2", answer(2, member(4, "joined")))
                .fail("ap3", new NotReplicaException(List.of("ap2:10001")));
        SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all(),
                new FakeTime().invoker(jitter(0)));
        assertThat(resp.members()).extracting(SystemMember::getRank).containsExactly(4);
        assertThat(invoker.requests()).hasSize(1);
    }

    record Redirect(String name, RuntimeException first, String next) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Redirect> redirects() {
        return Stream.of(
                new Redirect("not leader follows the hint",
                        new NotLeaderException("ap2:10001", List.of("ap1:10001", "ap2:10001", "ap3:10001")),
                        "ap2:10001"),
                new Redirect("not leader without a hint tries the replicas",
                        new NotLeaderException("", List.of("ap2:10001", "ap3:10001")), "ap[2-3]:10001"),
                new Redirect("not leader without anything asks again",
                        new NotLeaderException("", List.of()), "ap1:10001"),
                new Redirect("not replica tries the replicas",
                        new NotReplicaException(List.of("ap3:10001")), "ap3:10001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirects")
    void redirectsAreFollowedWithoutWaiting(Redirect c) {
        ScriptedInvoker invoker = invoker("ap1")
                .inTurn("ap1", "LeaderQuery", c.first(), LeaderQueryResp.newBuilder().setCurrentLeader("ap1:10001")
                        .build())
                .respond("ap[2-3]", LeaderQueryResp.newBuilder().setCurrentLeader("ap2:10001").build());
        FakeTime time = new FakeTime();
        LeaderQueryResponse resp = Control.leaderQuery(invoker, LeaderQueryRequest.any(), time.invoker(jitter(0)));
        assertThat(hostsAsked(invoker)).containsExactly("ap1:10001", c.next());
        assertThat(time.sleeps).containsExactly(Duration.ZERO);
        assertThat(resp.leader()).isNotEmpty();
    }

    static Stream<String> unavailable() {
        return Stream.of(SystemErrors.RAFT_UNAVAILABLE, SystemErrors.STEP_UP_IN_PROGRESS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unavailable")
    void anUnavailableServiceIsRetriedWithDaosBackoff(String condition) {
        RuntimeException notYet = new RuntimeException("rpc error: code = Unknown desc = " + condition,
                Status.UNKNOWN.withDescription(condition).asRuntimeException());
        Object[] turns = new Object[7];
        java.util.Arrays.fill(turns, notYet);
        turns[6] = answer(9, member(0, "joined"));
        ScriptedInvoker invoker = invoker("ap1").inTurn("ap1", "SystemQuery", turns);
        FakeTime time = new FakeTime();

        SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all(), time.invoker(jitter(2)));

        assertThat(resp.dataVersion()).isEqualTo(9);
        assertThat(invoker.requests()).hasSize(7);
        // 0, then 250 ms (tries 1 and 2), doubling from try 3, each plus 2 x 500 ms of jitter after the first
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(1250), Duration.ofMillis(1250),
                Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(3000));
    }

    @Test
    void theBackoffStopsGrowingAtEightSeconds() {
        RuntimeException notYet = new RuntimeException(SystemErrors.RAFT_UNAVAILABLE);
        ScriptedInvoker invoker = invoker("ap1").inTurn("ap1", "SystemQuery", notYet);
        FakeTime time = new FakeTime();

        Throwable error = catchThrowable(() -> Control.systemQuery(invoker, new SystemQueryRequest(HostSet.empty(),
                RankSet.empty(), HostSet.empty(), Set.of(), false, Optional.of(Duration.ofSeconds(60))),
                time.invoker(jitter(0))));

        assertThat(error).isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(510));
        assertThat(time.sleeps).startsWith(Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofMillis(4000),
                Duration.ofMillis(8000), Duration.ofMillis(8000));
        assertThat(time.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(8)));
        // every try fits in the deadline, and the request gives up before sleeping past it
        assertThat(time.sleeps.stream().mapToLong(Duration::toMillis).sum()).isLessThan(60_000);
        assertThat(invoker.requests()).allSatisfy(r ->
                assertThat(r.timeout().orElseThrow()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void replicasThatKnowNoLeaderUntilTheDeadlineSaySoInTheTimeoutFault() {
        // quorum lost: every replica answers "not the leader" and names none; the request retries with backoff
        ScriptedInvoker invoker = invoker("ap[1-3]").inTurn("ap[1-3]", "SystemQuery",
                new NotLeaderException("", List.of("ap1:10001", "ap2:10001", "ap3:10001")));
        FakeTime time = new FakeTime();

        Throwable error = catchThrowable(() -> Control.systemQuery(invoker, new SystemQueryRequest(HostSet.empty(),
                RankSet.empty(), HostSet.empty(), Set.of(), false, Optional.of(Duration.ofSeconds(30))),
                time.invoker(jitter(0))));

        assertThat(error).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(510);
            assertThat(f.description()).contains("timed out after 30s").contains("no management service leader");
            assertThat(f.resolution()).contains("majority of the access points");
        });
        assertThat(time.sleeps).hasSizeGreaterThan(3);
    }

    @Test
    void timeoutsAreRetriedUntilTheDeadline() {
        ScriptedInvoker invoker = invoker("ap1").inTurn("ap1", "SystemQuery",
                ClientFaults.rpcTimeout("SystemQuery", Duration.ofSeconds(1)), answer(1, member(2, "joined")));
        SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all(),
                new FakeTime().invoker(jitter(0)));
        assertThat(resp.members()).extracting(SystemMember::getRank).containsExactly(2);
    }

    static Stream<RuntimeException> finalErrors() {
        return Stream.of(
                new RuntimeException("rpc error: code = Unimplemented desc = unknown service mgmt.MgmtSvc",
                        Status.UNIMPLEMENTED.asRuntimeException()),
                new RuntimeException("rpc error: code = Unknown desc = " + SystemErrors.UNINITIALIZED,
                        Status.UNKNOWN.asRuntimeException()),
                new Fault("server", 616, "incompatible components", "upgrade"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finalErrors")
    void otherErrorsEndTheRequestAtOnce(RuntimeException error) {
        ScriptedInvoker invoker = invoker("ap1").fail("ap1", error);
        FakeTime time = new FakeTime();
        assertThatThrownBy(() -> Control.systemQuery(invoker, SystemQueryRequest.all(), time.invoker(jitter(0))))
                .isSameAs(error);
        assertThat(invoker.requests()).hasSize(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void noReachableReplicaSaysSo() {
        ScriptedInvoker invoker = invoker("ap[1-2]").fail("ap[1-2]", ClientFaults.refused("ap2:10001"));
        assertThatThrownBy(() -> Control.systemQuery(invoker, SystemQueryRequest.all(),
                new FakeTime().invoker(jitter(0))))
                .isInstanceOf(MsUnreachableException.class)
                .hasMessageEndingWith(": unable to contact the DAOS Management Service")
                .hasMessageContaining("code = 506");
    }

    @Test
    void atMostFiveRandomCandidatesOfTheHostList() {
        ScriptedInvoker invoker = invoker("node[1-9]").respond("node[1-9]", answer(1, member(0, "joined")));
        Control.systemQuery(invoker, SystemQueryRequest.all(), new MsInvoker(d -> { }, new Random(42), () -> 0L));
        HostSet asked = invoker.requests().get(0).hosts();
        assertThat(asked.size()).isEqualTo(5);
        assertThat(HostSet.parse("node[1-9]:10001").hosts()).containsAll(asked.hosts());
    }

    @Test
    void absentRanksAndHostsAreTheResponsesErrors() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemQueryResp.newBuilder()
                .addMembers(member(0, "joined")).setAbsentranks("5-6").setAbsenthosts("node[7-8]").build());
        SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all(),
                new FakeTime().invoker(jitter(0)));
        assertThat(resp.absentRanks()).isEqualTo(RankSet.parse("5-6"));
        assertThat(resp.errors()).contains("non-existent hosts node[7-8], non-existent ranks 5-6");
        assertThat(answerWithoutAbsent().errors()).isEmpty();
    }

    private static SystemQueryResponse answerWithoutAbsent() {
        return new SystemQueryResponse(List.of(), RankSet.empty(), HostSet.empty(), List.of(), 0);
    }

    @Test
    void leaderQueryAsksEveryReplicaAgainToFindTheDownOnes() {
        LeaderQueryResp where = LeaderQueryResp.newBuilder().setCurrentLeader("10.0.0.1:10001")
                .addReplicas("10.0.0.1:10001").addReplicas("10.0.0.2:10001").addReplicas("10.0.0.3:10001").build();
        ScriptedInvoker invoker = invoker("10.0.0.1")
                .respond("10.0.0.[1-2]", where)
                .fail("10.0.0.3", ClientFaults.refused("10.0.0.3:10001"));
        LeaderQueryResponse resp = Control.leaderQuery(invoker, LeaderQueryRequest.any(),
                new FakeTime().invoker(jitter(0)));
        assertThat(resp).isEqualTo(new LeaderQueryResponse("10.0.0.1:10001",
                List.of("10.0.0.1:10001", "10.0.0.2:10001", "10.0.0.3:10001"), List.of("10.0.0.3:10001")));
        assertThat(hostsAsked(invoker)).containsExactly("10.0.0.1:10001", "10.0.0.[1-3]:10001");
    }

    @Test
    void aRequestThatCallsUninitializedRetryableWaitsForTheFirstFormat() {
        // the shape of DAOS's join: "system is uninitialized" is retried too, and each try has its own deadline
        RuntimeException uninitialized = new RuntimeException("rpc error: code = Unknown desc = "
                + SystemErrors.UNINITIALIZED);
        ScriptedInvoker invoker = invoker("ap[1-2]")
                .inTurn("ap1", "SystemQuery", uninitialized, uninitialized, answer(3, member(0, "joined")))
                .inTurn("ap2", "SystemQuery", uninitialized, new NotLeaderException("ap1:10001", List.of()),
                        new NotLeaderException("ap1:10001", List.of()));
        FakeTime time = new FakeTime();
        MsInvoker.Request<SystemQueryReq, SystemQueryResp> request = new MsInvoker.Request<>("SystemQuery",
                dev.dockmaster.proto.mgmt.MgmtSvcGrpc.getSystemQueryMethod(), SystemQueryReq.getDefaultInstance(),
                HostSet.empty(), Optional.of(Duration.ofHours(1)))
                .retrying(SystemErrors::isUninitialized, Duration.ofSeconds(10));

        SystemQueryResp resp = time.invoker(jitter(0)).invoke(invoker, request);

        assertThat(resp.getDataVersion()).isEqualTo(3);
        // uninitialized sends the next try back to every first candidate; the redirect then goes to the leader
        assertThat(hostsAsked(invoker)).containsExactly("ap[1-2]:10001", "ap[1-2]:10001", "ap1:10001");
        assertThat(invoker.requests()).allSatisfy(r ->
                assertThat(r.timeout()).contains(Duration.ofSeconds(10)));
    }

    @Test
    void stateNamesReadAsDaosWritesThem() {
        assertThat(MemberState.parse("AwaitFormat")).isEqualTo(MemberState.AWAIT_FORMAT);
        assertThat(MemberState.parse(" joined ")).isEqualTo(MemberState.JOINED);
        assertThat(MemberState.fromWire("adminexcluded").displayName()).isEqualTo("AdminExcluded");
        assertThat(MemberState.fromWire("bogus")).isEqualTo(MemberState.UNKNOWN);
        assertThatThrownBy(() -> MemberState.parse("bogus")).isInstanceOf(Fault.class)
                .hasMessageContaining("invalid state name \"bogus\"");
        assertThatThrownBy(() -> MemberState.parse("Unknown")).isInstanceOf(Fault.class)
                .hasMessageContaining("invalid state name \"Unknown\"");
    }
}
