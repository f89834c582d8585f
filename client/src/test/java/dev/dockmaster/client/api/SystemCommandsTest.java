package dev.dockmaster.client.api;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.invoke.DaosStatusException;
import dev.dockmaster.client.invoke.MsInvoker;
import dev.dockmaster.client.invoke.NotLeaderException;
import dev.dockmaster.client.invoke.NotReplicaException;
import dev.dockmaster.client.invoke.SystemErrors;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.testing.ScriptedInvoker;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.SystemCleanupResp;
import dev.dockmaster.proto.mgmt.SystemEraseReq;
import dev.dockmaster.proto.mgmt.SystemEraseResp;
import dev.dockmaster.proto.mgmt.SystemExcludeReq;
import dev.dockmaster.proto.mgmt.SystemExcludeResp;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemGetAttrResp;
import dev.dockmaster.proto.mgmt.SystemGetPropResp;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import dev.dockmaster.proto.mgmt.SystemSetPropReq;
import dev.dockmaster.proto.mgmt.SystemStartReq;
import dev.dockmaster.proto.mgmt.SystemStartResp;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.mgmt.SystemStopResp;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The system commands of the control API against a scripted management service. */
class SystemCommandsTest {

    /** No real sleeping: a clock that advances by the requested pause. */
    private static MsInvoker ms() {
        AtomicLong now = new AtomicLong();
        return new MsInvoker(d -> now.addAndGet(d.toNanos()), new Random(1), now::get);
    }

    private static ScriptedInvoker invoker(String hostList) {
        return new ScriptedInvoker(ControlConfig.defaults().withHostList(List.of(hostList)));
    }

    static RankResult result(int rank, String action, boolean errored, String msg, String state) {
        return RankResult.newBuilder().setRank(rank).setAction(action).setErrored(errored).setMsg(msg)
                .setState(state).setAddr("10.0.0." + (rank / 2 + 1) + ":10001").build();
    }

    private static SystemMember member(int rank, String state) {
        return SystemMember.newBuilder().setRank(rank).setState(state).build();
    }

    // --- stop

    static Stream<Arguments> stops() {
        return Stream.of(
                Arguments.of("default is forced", SystemStopRequest.of(SystemRankSelection.all()),
                        SystemStopReq.newBuilder().setForce(true)),
                Arguments.of("full is not forced", new SystemStopRequest(HostSet.empty(), SystemRankSelection.all(),
                        true, false, false, Optional.empty()), SystemStopReq.newBuilder()),
                Arguments.of("ranks", new SystemStopRequest(HostSet.empty(), SystemRankSelection.ranks("[0-3,5]"),
                        false, true, true, Optional.empty()),
                        SystemStopReq.newBuilder().setForce(true).setRanks("0-3,5").setIgnoreAdminExcluded(true)),
                Arguments.of("rank hosts", SystemStopRequest.of(SystemRankSelection.hosts("node2,node[1,3]")),
                        SystemStopReq.newBuilder().setForce(true).setHosts("node[1-3]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stops")
    void stopRequestOnTheWire(String name, SystemStopRequest request, SystemStopReq.Builder expected) {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemStopResp.getDefaultInstance());

        Control.systemStop(invoker, request, ms());

        assertThat(invoker.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("SystemStop");
            assertThat(r.message()).isEqualTo(expected.setSys("daos_server-2.6.5").build());
        });
    }

    static Stream<Arguments> badStops() {
        return Stream.of(
                Arguments.of("force and full", (Supplier<?>) () -> new SystemStopRequest(HostSet.empty(),
                        SystemRankSelection.all(), true, true, false, Optional.empty()),
                        "--force may not be mixed with --full"),
                Arguments.of("full and ranks", (Supplier<?>) () -> new SystemStopRequest(HostSet.empty(),
                        SystemRankSelection.ranks("1"), true, false, false, Optional.empty()),
                        "--full may not be mixed with --ranks"),
                Arguments.of("full and hosts", (Supplier<?>) () -> new SystemStopRequest(HostSet.empty(),
                        SystemRankSelection.hosts("h1"), true, false, false, Optional.empty()),
                        "--full may not be mixed with --rank-hosts"),
                Arguments.of("ranks and hosts", (Supplier<?>) () -> new SystemRankSelection(RankSet.parse("1"),
                        HostSet.parse("h1")), "--ranks and --rank-hosts options cannot be set together"),
                Arguments.of("exclude nothing", (Supplier<?>) () -> SystemExcludeRequest.of(
                        SystemRankSelection.all(), false), "no ranks or hosts specified"),
                Arguments.of("cleanup nobody", (Supplier<?>) () -> SystemCleanupRequest.of(" "),
                        "SystemCleanup requires a machine name."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStops")
    void badRequestsAreRefusedWithAClientFault(String name, Supplier<?> build, String message) {
        assertThatThrownBy(build::get).isInstanceOf(Fault.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((Fault) e).code()).isEqualTo(500));
    }

    @Test
    void stopFollowsTheLeaderHintAndKeepsAbsentRanksAndHosts() {
        ScriptedInvoker invoker = invoker("ap[1,3]")
                .fail("ap[1,3]", new NotLeaderException("ap2:10001", List.of("ap1:10001", "ap2:10001", "ap3:10001")))
                .respond("ap2", SystemStopResp.newBuilder().addResults(result(1, "stop", false, "system stop",
                        "stopped")).setAbsentranks("7-8").setAbsenthosts("foo[1-2]").build());

        SystemResultsResponse resp = Control.systemStop(invoker, SystemStopRequest.of(SystemRankSelection
                .ranks("1,7-8")), ms());

        assertThat(invoker.requests()).extracting(r -> r.hosts().toRangedString())
                .containsExactly("ap[1,3]:10001", "ap2:10001");
        assertThat(resp.absentRanks()).isEqualTo(RankSet.parse("7-8"));
        assertThat(resp.absentHosts()).isEqualTo(HostSet.parse("foo[1-2]"));
        assertThat(resp.errors()).contains("non-existent hosts foo[1-2], non-existent ranks 7-8");
    }

    // --- aggregation

    @Test
    void resultsAreGroupedByOutcomeLargestGroupFirst() {
        SystemResultsResponse resp = new SystemResultsResponse(List.of(
                result(0, "stop", false, "system stop", "stopped"),
                result(1, "stop", false, "system stop", "stopped"),
                result(2, "stop", true, "unresponsive", "unresponsive"),
                result(3, "stop", true, "unresponsive", "unresponsive"),
                result(5, "stop", false, "system stop", "stopped"),
                result(4, "stop", true, "engine exited", "errored"),
                result(6, "prep shutdown", false, "", "stopping")), RankSet.empty(), HostSet.empty());

        assertThat(resp.groups()).extracting(g -> g.ranks().toString(), g -> g.outcome().resultText(),
                g -> g.outcome().state()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0-1,5", "OK", MemberState.STOPPED),
                org.assertj.core.groups.Tuple.tuple("2-3", "unresponsive", MemberState.UNRESPONSIVE),
                org.assertj.core.groups.Tuple.tuple("6", "OK", MemberState.STOPPING),
                org.assertj.core.groups.Tuple.tuple("4", "engine exited", MemberState.ERRORED));
        assertThat(resp.failedRanks()).isEqualTo(RankSet.parse("2-4"));
        assertThat(resp.errors()).contains("check results for failed ranks 2-4");
    }

    static Stream<Arguments> errorTexts() {
        RankResult ok = result(0, "start", false, "system start", "joined");
        RankResult bad = result(3, "start", true, "boom", "errored");
        return Stream.of(
                Arguments.of("all good", List.of(ok), "", "", null),
                Arguments.of("one failed", List.of(ok, bad), "", "", "check results for failed rank 3"),
                Arguments.of("absent only", List.of(ok), "4", "", "non-existent ranks 4"),
                Arguments.of("everything", List.of(bad), "4-5", "h[1-2]",
                        "non-existent hosts h[1-2], non-existent ranks 4-5, check results for failed rank 3"),
                Arguments.of("no results", List.of(), "9", "", "non-existent ranks 9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorTexts")
    void errorsReadAsDaosJoinsThem(String name, List<RankResult> results, String absentRanks, String absentHosts,
            String expected) {
        SystemResultsResponse resp = new SystemResultsResponse(results, RankSet.parse(absentRanks),
                HostSet.parse(absentHosts));
        assertThat(resp.errors()).isEqualTo(Optional.ofNullable(expected));
    }

    // --- start, exclude

    @Test
    void startCarriesSelectionAndFlag() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemStartResp.newBuilder()
                .addResults(result(2, "start", false, "system start", "ready")).build());

        SystemResultsResponse resp = Control.systemStart(invoker, new SystemStartRequest(HostSet.empty(),
                SystemRankSelection.hosts("node[1-2]"), true, Optional.empty()), ms());

        assertThat(invoker.requests().get(0).message()).isEqualTo(SystemStartReq.newBuilder()
                .setSys("daos_server-2.6.5").setHosts("node[1-2]").setIgnoreAdminExcluded(true).build());
        assertThat(resp.results()).hasSize(1);
        assertThat(resp.errors()).isEmpty();
    }

    @Test
    void excludeAndClearExclude() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemExcludeResp.newBuilder()
                .addResults(result(1, "set admin-excluded state", false, "", "adminexcluded")).build());

        Control.systemExclude(invoker, SystemExcludeRequest.of(SystemRankSelection.ranks("1"), false), ms());
        Control.systemExclude(invoker, SystemExcludeRequest.of(SystemRankSelection.hosts("n1"), true), ms());

        assertThat(invoker.requests().stream().map(r -> (Object) r.message()).toList()).containsExactly(
                SystemExcludeReq.newBuilder().setSys("daos_server-2.6.5").setRanks("1").build(),
                SystemExcludeReq.newBuilder().setSys("daos_server-2.6.5").setHosts("n1").setClear(true).build());
    }

    // --- erase

    @Test
    void eraseIsRefusedWhileRanksAreJoinedOrReady() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemQueryResp.newBuilder()
                .addMembers(member(0, "joined")).addMembers(member(1, "stopped")).addMembers(member(2, "ready"))
                .addMembers(member(3, "errored")).build());

        assertThatThrownBy(() -> Control.systemErase(invoker, SystemEraseRequest.any(), ms()))
                .isInstanceOf(Fault.class)
                .hasMessageContaining("system erase requires the following 2 ranks to be stopped: 0,2");
        assertThat(invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery");
    }

    @Test
    void eraseOfAStoppedSystemTurnsErroredResultsIntoHostErrors() {
        ScriptedInvoker invoker = invoker("ap1")
                .respond("ap1", SystemQueryResp.newBuilder().addMembers(member(0, "stopped")).build())
                .respond("ap1", SystemEraseResp.newBuilder()
                        .addResults(result(0, "reset format", false, "", "awaitformat"))
                        .addResults(result(2, "reset format", true, "no superblock", "errored"))
                        .addResults(result(3, "reset format", true, "no superblock", "errored")).build());

        SystemResultsResponse resp = Control.systemErase(invoker, SystemEraseRequest.any(), ms());

        assertThat(invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery", "SystemErase");
        assertThat(invoker.requests().get(1).message()).isEqualTo(SystemEraseReq.newBuilder()
                .setSys("daos_server-2.6.5").build());
        assertThat(resp.hostErrors().groups()).singleElement().satisfies(g -> {
            assertThat(g.error()).isEqualTo("2 ranks failed: no superblock");
            assertThat(g.hosts().toRangedString()).isEqualTo("10.0.0.2:10001");
        });
        assertThat(resp.resultErrors()).contains("failed ranks 2-3");
    }

    static Stream<Arguments> msNotUpYet() {
        return Stream.of(
                Arguments.of("not a replica", new NotReplicaException(List.of())),
                Arguments.of("raft unavailable", new RuntimeException("rpc error: " + SystemErrors.RAFT_UNAVAILABLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("msNotUpYet")
    void eraseSkipsTheCheckWhenTheMsIsNotUp(String name, RuntimeException queryError) {
        ScriptedInvoker invoker = invoker("ap1")
                .inTurn("ap1", "SystemQuery", queryError)
                .respond("ap1", SystemEraseResp.getDefaultInstance());

        SystemResultsResponse resp = Control.systemErase(invoker, SystemEraseRequest.any(), ms());

        // One query only: an unavailable MS is not waited for by the check.
        assertThat(invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery", "SystemErase");
        assertThat(resp.errors()).isEmpty();
    }

    // --- cleanup, attributes, properties

    @Test
    void cleanupReportsFailedPools() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemCleanupResp.newBuilder()
                .addResults(SystemCleanupResp.CleanupResult.newBuilder().setPoolId("p1").setCount(3))
                .addResults(SystemCleanupResp.CleanupResult.newBuilder().setPoolId("p2").setStatus(-1005)
                        .setMsg("pool p2 gone"))
                .addResults(SystemCleanupResp.CleanupResult.newBuilder().setPoolId("p3").setStatus(-1012)
                        .setMsg("busy")).build());

        SystemCleanupResponse resp = Control.systemCleanup(invoker, SystemCleanupRequest.of("client7"), ms());

        assertThat(resp.results()).hasSize(3);
        assertThat(resp.errors()).contains("pool p2 gone, busy");
    }

    @Test
    void attributesSetAndGet() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", DaosResp.getDefaultInstance())
                .respond("ap1", SystemGetAttrResp.newBuilder().putAttributes("zeta", "1").putAttributes("alpha", "2")
                        .build());

        Control.systemSetAttr(invoker, HostSet.empty(), Map.of("k", "v"), Optional.empty(), ms());
        Map<String, String> got = Control.systemGetAttr(invoker, HostSet.empty(), List.of("zeta", "alpha"),
                Optional.empty(), ms());

        assertThat(invoker.requests().get(0).message()).isEqualTo(SystemSetAttrReq.newBuilder()
                .setSys("daos_server-2.6.5").putAttributes("k", "v").build());
        assertThat(invoker.requests().get(1).message()).isEqualTo(SystemGetAttrReq.newBuilder()
                .setSys("daos_server-2.6.5").addKeys("zeta").addKeys("alpha").build());
        assertThat(got.keySet()).containsExactly("alpha", "zeta");
        assertThatThrownBy(() -> Control.systemSetAttr(invoker, HostSet.empty(), Map.of(), Optional.empty(), ms()))
                .hasMessageContaining("attributes cannot be empty");
    }

    @Test
    void aNonZeroDaosRespStatusIsTheError() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", DaosResp.newBuilder().setStatus(-1013).build());

        assertThatThrownBy(() -> Control.systemSetAttr(invoker, HostSet.empty(), Map.of("k", "v"), Optional.empty(),
                ms())).isInstanceOf(DaosStatusException.class)
                .satisfies(e -> assertThat(((DaosStatusException) e).status()).isEqualTo(-1013));
    }

    @Test
    void propertiesAreValidatedAndNormalizedBeforeTheyAreSent() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", DaosResp.getDefaultInstance());

        Control.systemSetProp(invoker, HostSet.empty(), Map.of(SystemProperty.POOL_SCRUB_MODE, "TIMED",
                SystemProperty.POOL_SCRUB_THRESH, "5%"), Optional.empty(), ms());

        SystemSetPropReq sent = (SystemSetPropReq) invoker.requests().get(0).message();
        assertThat(sent.getPropertiesMap()).containsExactlyInAnyOrderEntriesOf(Map.of("pool_scrub_mode", "timed",
                "pool_scrub_thresh", "5"));
    }

    static Stream<Arguments> badProperties() {
        return Stream.of(
                Arguments.of("read-only", "daos_version", "2.8", "computed property values may not be set"),
                Arguments.of("bad mode", "pool_scrub_mode", "eager",
                        "invalid value \"eager\" for pool_scrub_mode (valid: lazy,off,timed)"),
                Arguments.of("bad threshold", "pool_scrub_thresh", "lots",
                        "invalid Scrubbing Threshold value \"lots\""),
                Arguments.of("unknown key", "colour", "blue", "invalid system property key: colour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProperties")
    void badPropertiesAreRefused(String name, String key, String value, String message) {
        assertThatThrownBy(() -> SystemProperty.parse(key).normalize(value)).isInstanceOf(Fault.class)
                .hasMessageContaining(message);
    }

    @Test
    void getPropSkipsUnknownKeysAndKeepsDeclarationOrder() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", SystemGetPropResp.newBuilder()
                .putProperties("pool_scrub_thresh", "0").putProperties("daos_version", "2.6.5")
                .putProperties("future_prop", "x").putProperties("pool_scrub_mode", "off").build());

        List<SystemProperty.Value> props = Control.systemGetProp(invoker, HostSet.empty(), List.of(),
                Optional.empty(), ms());

        assertThat(props).extracting(v -> v.property().key() + "=" + v.value())
                .containsExactly("daos_version=2.6.5", "pool_scrub_mode=off", "pool_scrub_thresh=0");
    }

    @Test
    void setPropFailureIsPrefixedAsDaosWrapsIt() {
        ScriptedInvoker invoker = invoker("ap1").respond("ap1", DaosResp.newBuilder().setStatus(-1003).build());
        assertThatThrownBy(() -> Control.systemSetProp(invoker, HostSet.empty(), Map.of(SystemProperty
                .POOL_SCRUB_MODE, "off"), Optional.empty(), ms())).hasMessageStartingWith("system set-prop failed: ");
    }

    @Test
    void anUnavailableMsIsWaitedForUntilTheRequestDeadline() {
        List<Duration> slept = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        MsInvoker ms = new MsInvoker(d -> {
            slept.add(d);
            now.addAndGet(d.toNanos());
        }, new Random(1), now::get);
        ScriptedInvoker invoker = invoker("ap1").fail("ap1", new RuntimeException(SystemErrors.RAFT_UNAVAILABLE));
        assertThatThrownBy(() -> Control.systemStart(invoker, new SystemStartRequest(HostSet.empty(),
                SystemRankSelection.all(), false, Optional.of(Duration.ofSeconds(20))), ms))
                .isInstanceOf(Fault.class).hasMessageContaining("the SystemStart request timed out after 20s");
        assertThat(slept).isNotEmpty();
    }
}
