package dev.dockmaster.plugins.management;

import com.google.rpc.ErrorInfo;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.GetACLReq;
import dev.dockmaster.proto.mgmt.ListPoolsReq;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.ModifyACLReq;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolEvictReq;
import dev.dockmaster.proto.mgmt.PoolExcludeReq;
import dev.dockmaster.proto.mgmt.PoolGetPropReq;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolReintReq;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.PoolDirectory;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The MS pool operations over a recording fake engine and a database without raft. */
class PoolServiceTest {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final String UUID_A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String UUID_B = "bbbbbbbb-0000-0000-0000-000000000002";

    private DirectMs ms;
    private FakePoolEngine engine;
    private PoolService pools;

    PoolService start(int ranks, FakePoolEngine fake) {
        ms = new DirectMs().withJoinedRanks(ranks);
        engine = fake;
        pools = new PoolService(ms, engine, Clock.systemUTC(), new Random(7));
        return pools;
    }

    @AfterEach
    void close() {
        if (pools != null) {
            pools.close();
        }
    }

    static PoolCreateReq.Builder create(String uuid, String label) {
        PoolCreateReq.Builder req = PoolCreateReq.newBuilder().setUuid(uuid).setSys("daos_server")
                .setUser("alice@").setUsergroup("staff@").addAcl("A::OWNER@:rw")
                .setTotalbytes(20 * GIB).addTierratio(0.06).addTierratio(0.94);
        if (label != null) {
            req.addProperties(PoolProperty.newBuilder().setNumber(1).setStrval(label));
        }
        return req;
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static ErrorInfo info(Throwable e) throws Exception {
        return StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
    }

    /** A DAOS status error's number, a fault's code, or -1. */
    static int code(Throwable e) throws Exception {
        if (e instanceof Fault f) {
            return f.code();
        }
        if (e instanceof StatusRuntimeException s && StatusProto.fromThrowable(s) != null
                && StatusProto.fromThrowable(s).getDetailsCount() > 0) {
            ErrorInfo i = info(s);
            if (i.getReason().equals(MgmtErrors.DAOS_STATUS_REASON)) {
                return Integer.parseInt(i.getMetadataOrThrow("Status"));
            }
        }
        return -1;
    }

    @Test
    void createRecordsCreatingThenReadyAndSendsPerRankSizes() throws Exception {
        start(3, FakePoolEngine.standard());
        PoolCreateResp resp = get(pools.create(create(UUID_A, "tank").setNumsvcreps(0).build()));

        assertThat(resp.getSvcRepsList()).containsExactly(0, 1, 2);
        PoolCreateReq sent = engine.<PoolCreateReq>requests(PoolService.POOL_CREATE).get(0);
        assertThat(sent.getRanksList()).containsExactly(0, 1, 2);
        assertThat(sent.getTierbytesList()).containsExactly((long) (20 * GIB * 0.06) / 3, (long) (20 * GIB * 0.94) / 3);
        assertThat(sent.getTotalbytes()).isZero();
        assertThat(sent.getTierratioCount()).isZero();
        assertThat(sent.getNumranks()).isZero();
        assertThat(sent.getNumsvcreps()).as("svc_rf 2 -> 5, clamped to 3 ranks").isEqualTo(3);
        assertThat(sent.getPropertiesList()).extracting(PoolProperty::getStrval).contains("tank");
        assertThat(sent.getAclList()).containsExactly("A::OWNER@:rw");
        assertThat(sent.getUser()).isEqualTo("alice@");

        PoolEntry entry = ms.db.pools().byLabel("tank").orElseThrow();
        assertThat(entry.state()).isEqualTo(PoolState.READY);
        assertThat(entry.svcRanks()).containsExactly(0, 1, 2);
        assertThat(entry.targetRanks()).containsExactly(0, 1, 2);
        assertThat(entry.tierBytes()).isEqualTo(sent.getTierbytesList());
        assertThat(ms.commits.get()).as("Creating, then Ready").isEqualTo(2);

        ListPoolsResp list = pools.list(ListPoolsReq.getDefaultInstance());
        assertThat(list.getPoolsList()).extracting(p -> p.getLabel() + ":" + p.getState() + ":" + p.getSvcRepsList())
                .containsExactly("tank:Ready:[0, 1, 2]");
        assertThat(list.getDataVersion()).isEqualTo(ms.db.version());
    }

    @Test
    void aRetriedCreateWithTheSameUuidAnswersTheExistingPool() throws Exception {
        start(2, FakePoolEngine.standard());
        PoolCreateResp first = get(pools.create(create(UUID_A, "tank").build()));
        PoolCreateResp again = get(pools.create(create(UUID_A, "tank").build()));
        assertThat(again.getSvcRepsList()).isEqualTo(first.getSvcRepsList());
        assertThat(again.getTgtRanksList()).containsExactly(0, 1);
        assertThat(again.getTierBytesList()).isEqualTo(first.getTierBytesList());
        assertThat(again.getSvcLdr()).isEqualTo(first.getSvcLdr());
        assertThat(engine.requests(PoolService.POOL_CREATE)).as("not created twice").hasSize(1);
    }

    /** Refusals: what the caller gets, and that nothing is left behind in the database. */
    static Stream<Arguments> refusedCreates() {
        return Stream.of(
                arguments("no label", (Consumer<PoolCreateReq.Builder>) r -> r.clearProperties(), null, 615),
                arguments("empty label", (Consumer<PoolCreateReq.Builder>) r -> r.clearProperties()
                        .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("")), null, 615),
                arguments("label with a space", (Consumer<PoolCreateReq.Builder>) r -> r.clearProperties()
                        .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("my pool")), null,
                        DaosStatus.DER_INVAL),
                arguments("ranks not in the system", (Consumer<PoolCreateReq.Builder>) r -> r.addRanks(0).addRanks(7),
                        null, 606),
                arguments("more ranks than members", (Consumer<PoolCreateReq.Builder>) r -> r.setNumranks(4), null,
                        607),
                arguments("more service replicas than ranks", (Consumer<PoolCreateReq.Builder>) r -> r.setNumsvcreps(5),
                        null, 608),
                arguments("SCM below the minimum", (Consumer<PoolCreateReq.Builder>) r -> r.setTotalbytes(100 * MIB),
                        null, 604),
                arguments("larger than free space", (Consumer<PoolCreateReq.Builder>) r -> r.setTotalbytes(0)
                        .clearTierratio().addTierbytes(8 * GIB).addTierbytes(0), null, DaosStatus.DER_NOSPACE),
                arguments("engine not started", (Consumer<PoolCreateReq.Builder>) r -> { },
                        FakePoolEngine.dataPlaneNotStarted(), DaosStatus.DER_AGAIN),
                arguments("engine answers DER_INVAL", (Consumer<PoolCreateReq.Builder>) r -> { },
                        null, DaosStatus.DER_INVAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCreates")
    void refusedCreatesLeaveNothingBehind(String name, Consumer<PoolCreateReq.Builder> change, Fault engineFault,
                                          int expected) throws Exception {
        FakePoolEngine fake = FakePoolEngine.standard();
        if (engineFault != null) {
            fake.fail(PoolService.POOL_CREATE, engineFault);
        }
        if (name.equals("engine answers DER_INVAL")) {
            fake.answer(PoolService.POOL_CREATE, DaosStatus.DER_INVAL);
        }
        start(3, fake);
        PoolCreateReq.Builder req = create(UUID_A, "tank");
        change.accept(req);
        assertThatThrownBy(() -> get(pools.create(req.build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(expected));
        assertThat(ms.db.pools().all()).isEmpty();
        assertThat(pools.list(ListPoolsReq.getDefaultInstance()).getPoolsList()).isEmpty();
    }

    @Test
    void duplicateLabelsAreRefused() throws Exception {
        start(2, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").build()));
        assertThatThrownBy(() -> get(pools.create(create(UUID_B, "tank").build())))
                .isInstanceOf(Fault.class).hasMessageContaining("pool label \"tank\" already exists in the system")
                .satisfies(e -> assertThat(((Fault) e).code()).isEqualTo(609));
    }

    @Test
    void excludedMembersAreLeftOutOfTheDefaultRanks() throws Exception {
        start(3, FakePoolEngine.standard());
        ms.withState(1, MemberState.ADMIN_EXCLUDED);
        get(pools.create(create(UUID_A, "tank").build()));
        assertThat(engine.<PoolCreateReq>requests(PoolService.POOL_CREATE).get(0).getRanksList())
                .containsExactly(0, 2);
    }

    @Test
    void unknownPoolsGetDaosPoolNotFoundDetails() throws Exception {
        start(2, FakePoolEngine.standard());
        Throwable byLabel = org.assertj.core.api.Assertions.catchThrowable(() ->
                get(pools.query(PoolQueryReq.newBuilder().setId("nope").build())));
        assertThat(info(byLabel).getReason()).isEqualTo("proto.system.ErrPoolNotFound");
        assertThat(info(byLabel).getMetadataOrThrow("PoolInfo"))
                .isEqualTo("{\"Rank\":null,\"UUID\":null,\"Label\":\"nope\"}");
        assertThat(byLabel).hasMessageContaining("unable to find pool service with label \"nope\"");

        Throwable byUuid = org.assertj.core.api.Assertions.catchThrowable(() ->
                get(pools.destroy(PoolDestroyReq.newBuilder().setId(UUID_B.toUpperCase()).build())));
        assertThat(info(byUuid).getMetadataOrThrow("PoolInfo"))
                .isEqualTo("{\"Rank\":null,\"UUID\":\"" + UUID_B + "\",\"Label\":null}");
        assertThatThrownBy(() -> get(pools.getAcl(GetACLReq.newBuilder().setId("").build())))
                .hasMessageContaining("empty pool id");
    }

    @Test
    void queryPropertiesAndAclsGoToTheServiceRanksByUuid() throws Exception {
        start(3, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").setNumsvcreps(1).build()));

        PoolQueryResp q = get(pools.query(PoolQueryReq.newBuilder().setId("tank").build()));
        assertThat(q.getUuid()).isEqualTo(UUID_A);
        assertThat(q.getLeader()).isEqualTo(q.getSvcLdr());
        PoolQueryReq sent = engine.<PoolQueryReq>requests(PoolService.POOL_QUERY).get(0);
        assertThat(sent.getId()).isEqualTo(UUID_A);
        assertThat(sent.getSvcRanksList()).containsExactly(0);
        assertThat(sent.getQueryMask()).isEqualTo(PoolService.DEFAULT_QUERY_MASK);

        get(pools.setProp(PoolSetPropReq.newBuilder().setId("tank")
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("renamed"))
                .addProperties(PoolProperty.newBuilder().setNumber(4).setNumval(1)).build()));
        assertThat(ms.db.pools().byLabel("renamed")).map(PoolEntry::uuid).contains(UUID_A);
        assertThat(ms.db.pools().byLabel("tank")).isEmpty();
        assertThat(get(pools.getProp(PoolGetPropReq.newBuilder().setId("renamed")
                .addProperties(PoolProperty.newBuilder().setNumber(1)).build())).getProperties(0).getStrval())
                .isEqualTo("renamed");
        assertThatThrownBy(() -> get(pools.getProp(PoolGetPropReq.newBuilder().setId("renamed").build())))
                .hasMessageContaining("0 properties");

        ACLResp updated = get(pools.updateAcl(ModifyACLReq.newBuilder().setId(UUID_A)
                .addEntries("A:G:GROUP@:r").build()));
        assertThat(updated.getAcl().getEntriesList()).containsExactly("A::OWNER@:rw", "A:G:GROUP@:r");
        ACLResp over = get(pools.overwriteAcl(ModifyACLReq.newBuilder().setId("renamed")
                .addEntries("A::EVERYONE@:r").build()));
        assertThat(over.getAcl().getEntriesList()).containsExactly("A::EVERYONE@:r");
        ACLResp deleted = get(pools.deleteAcl(DeleteACLReq.newBuilder().setId("renamed")
                .setPrincipal("EVERYONE@").build()));
        assertThat(deleted.getAcl().getEntriesList()).isEmpty();
        assertThat(get(pools.getAcl(GetACLReq.newBuilder().setId("renamed").build())).getAcl().getOwnerUser())
                .isEqualTo("alice@");
    }

    @Test
    void aLabelChangeToATakenLabelIsRefusedBeforeAnythingChanges() throws Exception {
        start(2, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "a").build()));
        get(pools.create(create(UUID_B, "b").build()));
        assertThatThrownBy(() -> get(pools.setProp(PoolSetPropReq.newBuilder().setId("a")
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("b"))
                .addProperties(PoolProperty.newBuilder().setNumber(4).setNumval(1)).build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(609));
        assertThat(engine.requests(PoolService.POOL_SET_PROP)).isEmpty();
    }

    @Test
    void destroyEvictsFirstAndRefusesOpenHandlesWithoutForce() throws Exception {
        start(3, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").build()));
        engine.openHandles = 2;

        assertThatThrownBy(() -> get(pools.destroy(PoolDestroyReq.newBuilder().setId("tank").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(DaosStatus.DER_BUSY));
        assertThat(ms.db.pools().byLabel("tank").orElseThrow().state()).as("busy: still Ready")
                .isEqualTo(PoolState.READY);
        assertThat(engine.requests(PoolService.POOL_DESTROY)).isEmpty();

        ms.withState(2, MemberState.EXCLUDED);
        get(pools.destroy(PoolDestroyReq.newBuilder().setId("tank").setForce(true).build()));
        assertThat(ms.db.pools().all()).isEmpty();
        PoolEvictReq evict = engine.<PoolEvictReq>requests(PoolService.POOL_EVICT).get(1);
        assertThat(evict.getDestroy()).isTrue();
        assertThat(evict.getForceDestroy()).isTrue();
        PoolDestroyReq destroy = engine.<PoolDestroyReq>requests(PoolService.POOL_DESTROY).get(0);
        assertThat(destroy.getId()).isEqualTo(UUID_A);
        assertThat(destroy.getSvcRanksList()).as("every rank of the group map").containsExactly(0, 1);
    }

    @Test
    void aFailedDestroyLeavesThePoolDestroyingAndARetryFinishesIt() throws Exception {
        start(2, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").build()));
        engine.answer(PoolService.POOL_DESTROY, DaosStatus.DER_TIMEDOUT);
        assertThatThrownBy(() -> get(pools.destroy(PoolDestroyReq.newBuilder().setId("tank").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(DaosStatus.DER_TIMEDOUT));
        assertThat(ms.db.pools().byLabel("tank").orElseThrow().state()).isEqualTo(PoolState.DESTROYING);
        assertThat(pools.list(ListPoolsReq.getDefaultInstance()).getPools(0).getState()).isEqualTo("Destroying");
        assertThatThrownBy(() -> get(pools.query(PoolQueryReq.newBuilder().setId("tank").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(DaosStatus.DER_AGAIN));

        engine.answer(PoolService.POOL_DESTROY, 0);
        int evictsBefore = engine.requests(PoolService.POOL_EVICT).size();
        get(pools.destroy(PoolDestroyReq.newBuilder().setId("tank").build()));
        assertThat(engine.requests(PoolService.POOL_EVICT)).as("no second evict").hasSize(evictsBefore);
        assertThat(ms.db.pools().all()).isEmpty();
    }

    @Test
    void rankOperationsCheckTheRankAndReintegrateSendsTheCreationSizes() throws Exception {
        start(3, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").build()));
        get(pools.exclude(PoolExcludeReq.newBuilder().setId("tank").setRank(2).build()));
        assertThat(engine.<PoolExcludeReq>requests(PoolService.POOL_EXCLUDE).get(0).getId()).isEqualTo(UUID_A);
        assertThatThrownBy(() -> pools.exclude(PoolExcludeReq.newBuilder().setId("tank").setRank(9).build()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(606));
        get(pools.reintegrate(PoolReintReq.newBuilder().setId("tank").setRank(2).build()));
        assertThat(engine.<PoolReintReq>requests(PoolService.POOL_REINT).get(0).getTierbytesList())
                .isEqualTo(ms.db.pools().byLabel("tank").orElseThrow().tierBytes());
        engine.answer(PoolService.POOL_EVICT, DaosStatus.DER_NO_SERVICE);
        assertThatThrownBy(() -> get(pools.evict(PoolEvictReq.newBuilder().setId("tank").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(DaosStatus.DER_NO_SERVICE));
    }

    @Test
    void followersServeReadsAndRedirectWrites() throws Exception {
        start(2, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").build()));
        ms.leader = false;
        assertThat(pools.list(ListPoolsReq.getDefaultInstance()).getPoolsCount()).isEqualTo(1);
        assertThat(get(pools.query(PoolQueryReq.newBuilder().setId("tank").build())).getUuid()).isEqualTo(UUID_A);
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                pools.create(create(UUID_B, "b").build()));
        assertThat(info(refused).getReason()).isEqualTo("proto.system.ErrNotLeader");
        assertThat(info(org.assertj.core.api.Assertions.catchThrowable(() ->
                pools.destroy(PoolDestroyReq.newBuilder().setId("tank").build()))).getReason())
                .isEqualTo("proto.system.ErrNotLeader");
    }

    @Test
    void theDirectoryAnswersEnginesFromTheDatabase() throws Exception {
        start(2, FakePoolEngine.standard());
        get(pools.create(create(UUID_A, "tank").setNumsvcreps(1).build()));
        ms.db.apply(PoolDbTest.add(UUID_B, "half", PoolState.CREATING));
        PoolDirectory directory = pools.directory();
        assertThat(directory.byLabel("tank")).map(PoolDirectory.Pool::serviceRanks).contains(List.of(0));
        assertThat(directory.byUuid(UUID_A)).map(PoolDirectory.Pool::ready).contains(true);
        assertThat(directory.byUuid(UUID_B)).map(PoolDirectory.Pool::ready).contains(false);
        assertThat(directory.byLabel("nope")).isEmpty();
        assertThat(directory.pools()).extracting(PoolDirectory.Pool::label).containsExactly("tank", "half");
    }

    /**
     * Leadership clean-up: what a new leader finds, what it asks the engines, and what is left.
     *
     * @param state         the pool's state when the new leader starts
     * @param destroyStatus what the engine answers the destroy
     * @param left          the pool's state afterwards, or null when removed
     */
    static Stream<Arguments> stepUps() {
        return Stream.of(
                arguments("Creating is destroyed and removed", PoolState.CREATING, 0, null, 1),
                arguments("Destroying is finished", PoolState.DESTROYING, 0, null, 1),
                arguments("Ready is left alone", PoolState.READY, 0, PoolState.READY, 0),
                arguments("a failed destroy leaves it Destroying for the next leader", PoolState.CREATING,
                        DaosStatus.DER_TIMEDOUT, PoolState.DESTROYING, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepUps")
    void aNewLeaderCleansUpWhatTheOldOneLeftHalfDone(String name, PoolState state, int destroyStatus, PoolState left,
                                                    int destroys) {
        start(2, FakePoolEngine.standard().answer(PoolService.POOL_DESTROY, destroyStatus));
        ms.db.apply(LogEntry.newBuilder().setPoolAdd(PoolDbTest.record(UUID_A, "tank", state)).build());

        List<String> tried = pools.cleanUpAfterStepUp();

        assertThat(tried).hasSize(state == PoolState.READY ? 0 : 1);
        assertThat(ms.db.pools().byUuid(UUID_A).map(PoolEntry::state).orElse(null)).isEqualTo(left);
        assertThat(engine.requests(PoolService.POOL_DESTROY)).hasSize(destroys);
        assertThat(engine.requests(PoolService.POOL_EVICT)).as("no handles to evict on a half-made pool").isEmpty();
        engine.<PoolDestroyReq>requests(PoolService.POOL_DESTROY).forEach(d -> {
            assertThat(d.getForce()).isTrue();
            assertThat(d.getRecursive()).isTrue();
            assertThat(d.getSvcRanksList()).containsExactly(0, 1);
        });
    }

    @Test
    void aRetriedCreateOfAHalfMadePoolCleansItUpAndAsksToRetry() throws Exception {
        start(2, FakePoolEngine.standard());
        ms.db.apply(LogEntry.newBuilder().setPoolAdd(PoolDbTest.record(UUID_A, "tank", PoolState.CREATING)).build());
        assertThatThrownBy(() -> get(pools.create(create(UUID_A, "tank").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(DaosStatus.DER_AGAIN));
        assertThat(ms.db.pools().all()).isEmpty();
        PoolCreateResp created = get(pools.create(create(UUID_A, "tank").build()));
        assertThat(created.getSvcRepsCount()).isEqualTo(2);
    }

    @Test
    void theLeadershipWatcherRunsTheCleanUpWhenThisReplicaBecomesLeader() {
        start(2, FakePoolEngine.standard());
        ms.leader = false;
        ms.db.apply(LogEntry.newBuilder().setPoolAdd(PoolDbTest.record(UUID_A, "tank", PoolState.CREATING)).build());
        pools.start();
        ms.leader = true;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> ms.db.pools().all().isEmpty());
        assertThat(engine.requests(PoolService.POOL_DESTROY)).hasSize(1);
    }
}
