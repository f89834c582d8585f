package dev.dockmaster.core.engine;

import dev.dockmaster.core.TestingServers;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.drpc.EngineDrpcClient;
import dev.dockmaster.core.drpc.EngineReady;
import dev.dockmaster.core.engine.EngineProcessRunner.Signal;
import dev.dockmaster.core.engine.RecordingProcessRunner.FakeProcess;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.SetRankReq;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.LogMasks;
import dev.dockmaster.spi.engine.RankResult;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The engine instance state machine with a recording process runner, a fake management service (joiner) and fake
 * engines on the dRPC side: AwaitFormat -> Starting -> Ready, exits, requested stops, restarts, and the harness's rank
 * operations.
 */
class EngineLifecycleTest {
    private static final LocalEngineHarness.Identity HOST =
            new LocalEngineHarness.Identity("daos_server", "node1", "/rack0/node1", false);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final RecordingProcessRunner runner = new RecordingProcessRunner();
    private final FakeJoiner joiner = new FakeJoiner();
    private final FakeEngineDrpc engines = new FakeEngineDrpc();
    private final List<RASEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private LocalEngineHarness harness;

    private record Providers(List<ScmProvider> scm, List<BdevProvider> bdev) implements StorageProviders {
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private Path mount(int engine) {
        return dir.resolve("mnt/daos" + engine);
    }

    private Path socket(long pid) {
        return dir.resolve("daos_engine_" + pid + ".sock");
    }

    private ServerConfig config(int count) {
        StringBuilder engines = new StringBuilder("provider = \"ofi+tcp\"\nengines = [\n");
        for (int i = 0; i < count; i++) {
            engines.append("  { targets = 4, fabric_iface = lo, fabric_iface_port = ").append(31416 + 100 * i)
                    .append(", storage = [ { class = ram, scm_mount = \"").append(mount(i))
                    .append("\", scm_size = 4 } ] }\n");
        }
        return TestingServers.config(dir, dir, engines.append("]\n").toString());
    }

    /** {@code count} engines, the first {@code formatted} of them with a superblock, engines running. */
    private LocalEngineHarness start(int count, int formatted) {
        for (int i = 0; i < formatted; i++) {
            new SuperblockFile(mount(i)).write(Superblock.create("daos_server", "/old"));
        }
        harness = LocalEngineHarness.create(config(count), new Providers(List.of(new FakeScmProvider("fake", "ram")),
                List.of()), HOST, Object::toString);
        harness.addListener((view, previous) -> changes.add(view.index() + ":" + previous + "->" + view.state()));
        harness.run(new EngineRuntime(runner, Path.of("/opt/dockmaster/bin/daos_engine"),
                new EngineCommandLine.Common("daos_server", dir, "", false), Map.of("PATH", "/usr/bin"), joiner,
                new EngineDrpcClient(engines, Duration.ofSeconds(5)), events::add));
        return harness;
    }

    private EngineInstance instance(int idx) {
        return harness.instances().get(idx);
    }

    /** The newest process of engine {@code idx}. */
    private FakeProcess process(int idx) {
        List<FakeProcess> mine = runner.launches().stream()
                .filter(p -> {
                    List<String> args = p.command().args();
                    return args.get(args.indexOf("-I") + 1).equals(Integer.toString(idx));
                }).toList();
        assertThat(mine).as("launches of engine %d", idx).isNotEmpty();
        return mine.get(mine.size() - 1);
    }

    private void notifyReady(int idx) {
        FakeProcess p = process(idx);
        harness.engineReady(new EngineReady(idx, "ofi+tcp://127.0.0.1:" + (31416 + 100 * idx), 6,
                socket(p.pid()), 4, 7000 + p.pid(), List.of(), false, Instant.now()));
    }

    private void awaitState(int idx, EngineState state) {
        await("engine " + idx + " " + state).atMost(WAIT).until(() -> instance(idx).state() == state);
    }

    private void toReady(int idx) {
        awaitState(idx, EngineState.STARTING);
        notifyReady(idx);
        awaitState(idx, EngineState.READY);
    }

    // ---- start-up ----

    @Test
    void aFormattedEngineStartsWithDaosArgumentsAndGoesToReadyThroughJoinSetRankAndSetUp() {
        start(1, 1);
        awaitState(0, EngineState.STARTING);
        FakeProcess p = process(0);
        assertThat(p.command().binary()).isEqualTo(Path.of("/opt/dockmaster/bin/daos_engine"));
        assertThat(p.command().args()).containsExactly("-t", "4", "-x", "0", "-g", "daos_server", "-d",
                dir.toString(), "-s", mount(0).toString(), "-I", "0", "-T", "1");
        assertThat(p.command().env()).containsEntry("D_PROVIDER", "ofi+tcp").containsEntry("D_INTERFACE", "lo")
                .containsEntry("D_PORT", "31416").containsEntry("PATH", "/usr/bin");

        notifyReady(0);
        awaitState(0, EngineState.READY);

        Superblock sb = new SuperblockFile(mount(0)).read().orElseThrow();
        JoinReq join = joiner.requests.get(0);
        assertThat(join.getUuid()).isEqualTo(sb.uuid().toString());
        assertThat(join.getRank()).isEqualTo(EngineInstance.NIL_RANK);
        assertThat(join.getUri()).isEqualTo("ofi+tcp://127.0.0.1:31416");
        assertThat(join.getNctxs()).isEqualTo(6);
        assertThat(join.getIdx()).isZero();
        assertThat(join.getIncarnation()).isEqualTo(7000 + p.pid());
        assertThat(join.getSrvFaultDomain()).isEqualTo("/rack0/node1");
        int rank = instance(0).rank().orElseThrow();
        // the superblock keeps what the next start needs: rank, URI, incarnation, fault domain
        assertThat(sb.rank()).hasValue(rank);
        assertThat(sb.uri()).isEqualTo("ofi+tcp://127.0.0.1:31416");
        assertThat(sb.incarnation()).isEqualTo(7000 + p.pid());
        assertThat(sb.hostFaultDomain()).isEqualTo("/rack0/node1");
        assertThat(engines.methods()).containsExactly(202, 209);
        assertThat(engines.calls).allSatisfy(c -> assertThat(c.socket()).isEqualTo(socket(p.pid())));
        assertThat(parseSetRank(engines.calls.get(0).body())).isEqualTo(SetRankReq.newBuilder().setRank(rank)
                .setMapVersion(2).build());
        assertThat(harness.engines().get(0).rank()).isEqualTo(OptionalInt.of(rank));
        await().atMost(WAIT).until(() -> changes.equals(List.of("0:STOPPED->STARTING", "0:STARTING->READY")));
        assertThat(events).isEmpty();
    }

    private static SetRankReq parseSetRank(byte[] body) {
        try {
            return SetRankReq.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRestartedEngineJoinsWithTheRankOfItsSuperblock() {
        new SuperblockFile(mount(0)).write(new Superblock(1, java.util.UUID.randomUUID(), "daos_server",
                java.util.OptionalLong.of(5), "ofi+tcp://x:1", "/old", 1));
        start(1, 0);
        assertThat(instance(0).rank()).hasValue(5);
        toReady(0);
        assertThat(joiner.requests.get(0).getRank()).isEqualTo(5);
    }

    @Test
    void anEngineAwaitingFormatStartsOnlyOnceTheFormatHasReadiedItsStorage() {
        start(1, 0);
        assertThat(instance(0).state()).isEqualTo(EngineState.AWAIT_FORMAT);
        assertThat(runner.launches()).isEmpty();
        assertThat(events).extracting(RASEvent::getId, RASEvent::getMsg, RASEvent::getType, RASEvent::getSeverity)
                .containsExactly(org.assertj.core.api.Assertions.tuple(1, "DAOS engine 0 requires a SCM format", 2, 3));

        harness.format(false);

        toReady(0);
        assertThat(runner.launches()).hasSize(1);
    }

    @Test
    void aLocalJoinSkipsSetRankAndSetUp() {
        joiner.answer(req -> JoinResp.newBuilder().setRank(0).setLocalJoin(true).setMapVersion(1).build());
        start(1, 1);
        toReady(0);
        assertThat(engines.calls).isEmpty();
        assertThat(instance(0).rank()).hasValue(0);
    }

    static Stream<Arguments> startFailures() {
        Fault refused = new Fault("system", 401, "fault domain depth differs", "fix it");
        return Stream.of(
                Arguments.of("join refused by the MS", (Consumer<EEnvSetup>) s -> s.joiner.refuse(refused),
                        "fault domain depth differs"),
                Arguments.of("join answers excluded", (Consumer<EEnvSetup>) s -> s.joiner.answer(
                        req -> JoinResp.newBuilder().setRank(3).setState(JoinResp.State.OUT).build()),
                        "excluded"),
                Arguments.of("SetRank fails", (Consumer<EEnvSetup>) s -> s.engines.status(202, -1025),
                        "SetRank failed: DAOS status -1025"),
                Arguments.of("SetUp fails", (Consumer<EEnvSetup>) s -> s.engines.status(209, -1013),
                        "SetUp failed: DAOS status -1013"));
    }

    /** What a start-failure case changes. */
    record EEnvSetup(FakeJoiner joiner, FakeEngineDrpc engines) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startFailures")
    void aFailureBetweenNotifyReadyAndReadyKillsTheEngineWhichEndsErroredWithTheReason(String name,
            Consumer<EEnvSetup> setup, String reason) {
        setup.accept(new EEnvSetup(joiner, engines));
        start(1, 1);
        awaitState(0, EngineState.STARTING);
        notifyReady(0);

        awaitState(0, EngineState.ERRORED);
        assertThat(process(0).signals()).containsExactly(Signal.KILL);
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).getEngineStateInfo().getError()).contains(reason);
        assertThat(runner.launches()).as("no automatic restart").hasSize(1);
    }

    @Test
    void anUnreachableEngineSocketIsAStartFailure() {
        start(1, 1);
        awaitState(0, EngineState.STARTING);
        engines.unreachable(socket(process(0).pid()));
        notifyReady(0);

        awaitState(0, EngineState.ERRORED);
        assertThat(events.get(0).getEngineStateInfo().getError()).contains("connection refused");
    }

    @Test
    void aLaunchFailureLeavesTheEngineErrored() {
        runner.failLaunches("No such file or directory");
        start(1, 1);
        assertThat(instance(0).state()).isEqualTo(EngineState.ERRORED);
    }

    @Test
    void anExitWhileStartingIsErroredWithEngineDiedAndNoRestart() {
        start(1, 1);
        awaitState(0, EngineState.STARTING);
        process(0).exitWith(1);

        awaitState(0, EngineState.ERRORED);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMsg()).isEqualTo("DAOS engine 0 exited unexpectedly: exit status 1");
        assertThat(events.get(0).getRank()).isEqualTo(EngineInstance.NIL_RANK);
        assertThat(runner.launches()).hasSize(1);
    }

    @Test
    void anExitAfterReadyRaisesEngineDiedWithDaosFieldsAndLeavesTheEngineErrored() {
        start(1, 1);
        toReady(0);
        FakeProcess p = process(0);
        int rank = instance(0).rank().orElseThrow();

        p.exitWith(137);

        awaitState(0, EngineState.ERRORED);
        assertThat(events).hasSize(1);
        RASEvent died = events.get(0);
        assertThat(died.getId()).isEqualTo(2);
        assertThat(died.getType()).isEqualTo(1);
        assertThat(died.getSeverity()).isEqualTo(1);
        assertThat(died.getRank()).isEqualTo(rank);
        assertThat(died.getIncarnation()).isEqualTo(7000 + p.pid());
        assertThat(died.getHostname()).isEqualTo("node1");
        assertThat(died.getProcId()).isEqualTo(p.pid());
        assertThat(died.getMsg()).isEqualTo("DAOS engine 0 exited unexpectedly: signal: killed");
        assertThat(died.getEngineStateInfo().getInstance()).isZero();
        assertThat(died.getEngineStateInfo().getErrored()).isTrue();
        assertThat(instance(0).rank()).as("the rank stays known").hasValue(rank);
        assertThat(runner.launches()).as("DAOS never restarts an engine on its own").hasSize(1);
    }

    // ---- rank operations ----

    @ParameterizedTest(name = "force={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aRequestedStopSignalsTheEngineAndEndsStoppedWithoutEngineDied(boolean force) {
        start(1, 1);
        toReady(0);
        int rank = instance(0).rank().orElseThrow();

        List<RankResult> results = harness.stop(Set.of(rank), force, WAIT);

        assertThat(results).containsExactly(new RankResult(rank, "stop", false, "", "stopped"));
        assertThat(process(0).signals()).containsExactly(force ? Signal.KILL : Signal.INT);
        assertThat(instance(0).state()).isEqualTo(EngineState.STOPPED);
        assertThat(events).isEmpty();
    }

    @Test
    void anEngineThatIgnoresSigintFailsToStopWithinTheTimeout() {
        runner.ignoreSigint();
        start(1, 1);
        toReady(0);
        int rank = instance(0).rank().orElseThrow();

        List<RankResult> results = harness.stop(Set.of(rank), false, Duration.ofMillis(200));

        assertThat(results).containsExactly(new RankResult(rank, "stop", true, "rank failed to stop", "errored"));
        assertThat(instance(0).state()).isEqualTo(EngineState.READY);
    }

    @Test
    void ranksOfOtherHostsAreIgnored() {
        start(1, 1);
        toReady(0);
        assertThat(harness.stop(Set.of(999), true, WAIT)).isEmpty();
        assertThat(process(0).signals()).isEmpty();
    }

    @Test
    void aStopDuringTheJoinInterruptsItAndEndsStopped() {
        joiner.hold();
        start(1, 1);
        awaitState(0, EngineState.STARTING);
        notifyReady(0);
        await().atMost(WAIT).until(() -> joiner.requests.size() == 1);

        assertThat(instance(0).stop(Signal.INT)).isTrue();

        awaitState(0, EngineState.STOPPED);
        assertThat(events).isEmpty();
        assertThat(engines.calls).isEmpty();
    }

    @Test
    void aStartRequestWhileRunningRestartsTheEngineAfterItExits() {
        start(1, 1);
        toReady(0);
        FakeProcess first = process(0);

        assertThat(instance(0).requestStart()).isTrue();
        assertThat(runner.launches()).as("not while the first one runs").hasSize(1);
        first.exitWith(0);

        await().atMost(WAIT).until(() -> runner.launches().size() == 2);
        awaitState(0, EngineState.STARTING);
        notifyReady(0);
        awaitState(0, EngineState.READY);
    }

    @Test
    void startRanksRelaunchesStoppedEnginesAndAnswersReady() {
        start(1, 1);
        toReady(0);
        int rank = instance(0).rank().orElseThrow();
        harness.stop(Set.of(rank), false, WAIT);

        CompletableFuture<List<RankResult>> started = CompletableFuture.supplyAsync(
                () -> harness.start(Set.of(rank), WAIT));
        await().atMost(WAIT).until(() -> runner.launches().size() == 2);
        toReady(0);

        assertThat(started.join()).containsExactly(new RankResult(rank, "start", false, "", "ready"));
        assertThat(joiner.requests.get(1).getRank()).as("rejoins with its rank").isEqualTo(rank);
    }

    @Test
    void aRunningEngineIsFormattedOnlyWhenForcedThenKilledReformattedAndStartedWithANewIdentity() {
        start(1, 1);
        toReady(0);
        int rank = instance(0).rank().orElseThrow();
        java.util.UUID oldUuid = new SuperblockFile(mount(0)).read().orElseThrow().uuid();

        List<dev.dockmaster.spi.engine.EngineFormatResult> refused = harness.format(false);
        assertThat(refused.get(0).failed()).isTrue();
        assertThat(refused.get(0).scm().message()).isEqualTo("instance 0: can't format storage of running instance");
        assertThat(process(0).signals()).isEmpty();
        assertThat(instance(0).state()).isEqualTo(EngineState.READY);

        List<dev.dockmaster.spi.engine.EngineFormatResult> forced = harness.format(true);
        assertThat(forced.get(0).failed()).isFalse();
        assertThat(runner.launches().get(0).signals()).containsExactly(Signal.KILL);
        assertThat(new SuperblockFile(mount(0)).read().orElseThrow().uuid()).isNotEqualTo(oldUuid);
        assertThat(instance(0).rank()).as("the old rank went with the old superblock").isEmpty();
        await().atMost(WAIT).until(() -> runner.launches().size() == 2);
        toReady(0);
        assertThat(joiner.requests.get(1).getRank()).as("joins as a new engine, not as rank %d", rank)
                .isEqualTo(EngineInstance.NIL_RANK);
        assertThat(events).as("a forced reformat is no engine death").isEmpty();
    }

    @Test
    void resetFormatIsRefusedWhileTheEngineRunsThenReturnsItToAwaitFormat() {
        start(1, 1);
        toReady(0);
        int rank = instance(0).rank().orElseThrow();

        assertThatThrownBy(() -> harness.resetFormat(Set.of(rank), WAIT))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(612));

        harness.stop(Set.of(rank), true, WAIT);
        List<RankResult> results = harness.resetFormat(Set.of(rank), WAIT);

        assertThat(results).containsExactly(new RankResult(rank, "reset format", false, "", "awaitformat"));
        assertThat(instance(0).state()).isEqualTo(EngineState.AWAIT_FORMAT);
        assertThat(new SuperblockFile(mount(0)).exists()).isFalse();
        assertThat(instance(0).rank()).isEmpty();
        assertThat(events).extracting(RASEvent::getId).as("engine_format_required").containsExactly(1);
    }

    @Test
    void prepShutdownAsksReadyEnginesAndReportsTheOthersStopped() {
        start(2, 2);
        toReady(0);
        toReady(1);
        int rank0 = instance(0).rank().orElseThrow();
        int rank1 = instance(1).rank().orElseThrow();
        harness.stop(Set.of(rank1), true, WAIT);
        engines.calls.clear();

        List<RankResult> results = harness.prepShutdown(Set.of(rank0, rank1), WAIT);

        assertThat(results).containsExactly(new RankResult(rank0, "prep shutdown", false, "", "stopping"),
                new RankResult(rank1, "prep shutdown", false, "", "stopped"));
        assertThat(engines.methods()).containsExactly(218);
    }

    @Test
    void aPrepShutdownTheEngineRefusesIsErrored() {
        engines.status(218, -1012);
        start(1, 1);
        toReady(0);
        int rank = instance(0).rank().orElseThrow();

        assertThat(harness.prepShutdown(Set.of(rank), WAIT))
                .containsExactly(new RankResult(rank, "prep shutdown", true, "DAOS error -1012", "errored"));
    }

    @Test
    void setLogMasksGoesToEveryReadyEngineAndCollectsTheirErrors() throws Exception {
        start(2, 2);
        toReady(0);
        toReady(1);
        engines.calls.clear();

        assertThat(harness.setLogMasks(new LogMasks("ERR,mgmt=DEBUG", "", "", false, false, false))).isEmpty();
        assertThat(engines.methods()).containsExactly(238, 238);
        assertThat(dev.dockmaster.proto.ctl.SetLogMasksReq.parseFrom(engines.calls.get(0).body()).getMasks())
                .isEqualTo("ERR,mgmt=DEBUG");

        engines.status(238, -1003);
        assertThat(harness.setLogMasks(new LogMasks("DEBUG", "", "", false, false, false)))
                .containsExactly("instance 0: DAOS error -1003", "instance 1: DAOS error -1003");
    }

    @Test
    void callEngineUsesTheFirstReadyEngineAndOtherwiseSaysWhyNot() {
        start(2, 2);
        awaitState(0, EngineState.STARTING);
        assertThatThrownBy(() -> harness.callEngine(2, 232, new byte[] {1}, WAIT))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description()).contains("not ready"));

        toReady(1);
        assertThat(harness.callEngine(2, 232, new byte[] {1, 2}, WAIT)).containsExactly(1, 2);
        assertThat(engines.calls.get(engines.calls.size() - 1).socket()).isEqualTo(socket(process(1).pid()));

        harness.stop(Set.of(instance(1).rank().orElseThrow()), true, WAIT);
        process(0).exitWith(1);
        awaitState(0, EngineState.ERRORED);
        assertThatThrownBy(() -> harness.callEngine(2, 232, new byte[0], WAIT))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(611));
    }

    @Test
    void closingTheHarnessKillsEveryEngineWithoutEngineDied() {
        start(2, 2);
        toReady(0);
        awaitState(1, EngineState.STARTING);

        harness.close();

        assertThat(runner.launches()).allSatisfy(p -> {
            assertThat(p.signals()).containsExactly(Signal.KILL);
            assertThat(p.alive()).isFalse();
        });
        assertThat(events).isEmpty();
        harness = null;
    }
}
