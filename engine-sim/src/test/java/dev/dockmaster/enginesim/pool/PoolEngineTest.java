package dev.dockmaster.enginesim.pool;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.dockmaster.enginesim.fabric.FabricClient;
import dev.dockmaster.enginesim.fabric.FabricServer;
import dev.dockmaster.enginesim.fabric.FabricUri;
import dev.dockmaster.enginesim.fabric.RankDirectory;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.ModifyACLReq;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolDestroyResp;
import dev.dockmaster.proto.mgmt.PoolDrainReq;
import dev.dockmaster.proto.mgmt.PoolDrainResp;
import dev.dockmaster.proto.mgmt.PoolEvictReq;
import dev.dockmaster.proto.mgmt.PoolEvictResp;
import dev.dockmaster.proto.mgmt.PoolExcludeReq;
import dev.dockmaster.proto.mgmt.PoolExcludeResp;
import dev.dockmaster.proto.mgmt.PoolGetPropReq;
import dev.dockmaster.proto.mgmt.PoolGetPropResp;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolReintReq;
import dev.dockmaster.proto.mgmt.PoolReintResp;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.proto.mgmt.PoolSetPropResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Two pool engines in this JVM (ranks 0 and 1) joined by real fabric endpoints on loopback: the service calls on a
 * created pool, forwarding from an engine without a service copy, map versions, and refusals with DAOS statuses.
 */
class PoolEngineTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true);
    private final FabricServer[] servers = new FabricServer[2];
    private final PoolEngine[] engines = new PoolEngine[2];
    private final PoolStore[] stores = new PoolStore[2];
    private String uuid;

    @BeforeEach
    void start() throws Exception {
        RankDirectory[] dirs = new RankDirectory[2];
        for (int r = 0; r < 2; r++) {
            FabricServer.Handler handler = new FabricServer.Handler();
            servers[r] = FabricServer.start(new FabricUri("ofi+tcp", "127.0.0.1", 0), handler, log);
            dirs[r] = new RankDirectory(new FabricUri("ofi+tcp", "127.0.0.1", servers[r].port()));
            dirs[r].setSelfRank(r);
            stores[r] = PoolStore.open(dir.resolve("scm" + r), log);
            engines[r] = new PoolEngine(stores[r], () -> new EngineCapacity.Tiers(10 * GIB, 0, List.of()), dirs[r],
                    new FabricClient(Duration.ofSeconds(2), Duration.ofSeconds(10)), r == 0 ? 2 : 4, log);
            handler.set(engines[r]::fabric);
        }
        Map<Integer, String> map = Map.of(0, dirs[0].selfUri().toString(), 1, dirs[1].selfUri().toString());
        dirs[0].update(1, map);
        dirs[1].update(1, map);
        uuid = UUID.randomUUID().toString();
    }

    @AfterEach
    void stop() {
        for (FabricServer s : servers) {
            s.close();
        }
    }

    private <T extends MessageLite> T call(int via, int method, MessageLite req, Parser<T> parser) throws Exception {
        return parser.parseFrom(engines[via].call(method, req.toByteString()).toByteString());
    }

    private PoolCreateResp create(int numsvcreps, String... acl) throws Exception {
        return call(0, PoolEngine.POOL_CREATE, PoolCreateReq.newBuilder().setUuid(uuid).setUser("alice@")
                .setUsergroup("staff@").addAllRanks(List.of(0, 1)).addTierbytes(GIB).addTierbytes(0)
                .setNumsvcreps(numsvcreps).addAllAcl(List.of(acl))
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("tank")).build(),
                PoolCreateResp.parser());
    }

    private PoolQueryResp query(int via, long mask) throws Exception {
        return call(via, PoolEngine.POOL_QUERY, PoolQueryReq.newBuilder().setId(uuid).addSvcRanks(0)
                .setQueryMask(mask).build(), PoolQueryResp.parser());
    }

    @Test
    void oneReplicaLeadsAndTheOtherEngineForwardsToIt() throws Exception {
        PoolCreateResp created = create(1, "A::OWNER@:rw", "A::EVERYONE@:r");
        assertThat(created.getStatus()).isZero();
        assertThat(created.getSvcRepsList()).as("the coordinating engine's rank leads").containsExactly(0);
        assertThat(stores[1].service(uuid)).isEmpty();
        assertThat(stores[1].shard(uuid)).isPresent();

        PoolQueryResp q = query(1, 0);
        assertThat(q.getStatus()).isZero();
        assertThat(q.getQueryMask()).as("0 means the default mask").isEqualTo(3);
        assertThat(q.getTierStatsCount()).isEqualTo(2);
        assertThat(q.getRebuild().getState().name()).isEqualTo("IDLE");
        assertThat(q.getEnabledRanks()).as("not asked for").isEmpty();
        assertThat(q.getTotalTargets()).isEqualTo(6);
        assertThat(q.getSvcLdr()).isZero();

        PoolQueryResp noSvcRanks = call(1, PoolEngine.POOL_QUERY, PoolQueryReq.newBuilder().setId(uuid).build(),
                PoolQueryResp.parser());
        assertThat(noSvcRanks.getStatus()).as("nobody to ask").isEqualTo(Der.NONEXIST);
        assertThat(query(0, PoolEngine.QUERY_ENABLED).getEnabledRanks()).isEqualTo("[0-1]");
        assertThat(call(0, PoolEngine.POOL_QUERY, PoolQueryReq.newBuilder().setId("tank").build(),
                PoolQueryResp.parser()).getUuid()).as("by label").isEqualTo(uuid);
    }

    @Test
    void propertiesAreSetReadAndCheckedWithTheServiceListDerived() throws Exception {
        assertThat(create(3).getSvcRepsList()).containsExactly(0, 1);
        PoolSetPropResp set = call(1, PoolEngine.POOL_SET_PROP, PoolSetPropReq.newBuilder().setId(uuid)
                .addSvcRanks(0).addProperties(PoolProperty.newBuilder().setNumber(3).setNumval(25))
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("pond"))
                .addProperties(PoolProperty.newBuilder().setNumber(6).setStrval("bob@")).build(),
                PoolSetPropResp.parser());
        assertThat(set.getStatus()).isZero();
        PoolSetPropResp bad = call(0, PoolEngine.POOL_SET_PROP, PoolSetPropReq.newBuilder().setId(uuid)
                .addProperties(PoolProperty.newBuilder().setNumber(3).setNumval(101)).build(),
                PoolSetPropResp.parser());
        assertThat(bad.getStatus()).isEqualTo(Der.INVAL);

        PoolGetPropResp all = call(1, PoolEngine.POOL_GET_PROP, PoolGetPropReq.newBuilder().setId(uuid)
                .addSvcRanks(1).build(), PoolGetPropResp.parser());
        assertThat(all.getStatus()).isZero();
        Map<Integer, PoolProperty> byNumber = all.getPropertiesList().stream()
                .collect(java.util.stream.Collectors.toMap(PoolProperty::getNumber, p -> p));
        assertThat(byNumber.get(1).getStrval()).isEqualTo("pond");
        assertThat(byNumber.get(3).getNumval()).as("the refused 101 left 25").isEqualTo(25);
        assertThat(byNumber.get(6).getStrval()).isEqualTo("bob@");
        assertThat(byNumber.get(7).getStrval()).isEqualTo("staff@");
        assertThat(byNumber.get(8).getStrval()).isEqualTo("[0-1]");
        assertThat(byNumber.get(19).getNumval()).as("svc_rf from numsvcreps 3").isEqualTo(1);
        assertThat(byNumber).doesNotContainKey(2);

        PoolGetPropResp some = call(0, PoolEngine.POOL_GET_PROP, PoolGetPropReq.newBuilder().setId(uuid)
                .addProperties(PoolProperty.newBuilder().setNumber(5)).build(), PoolGetPropResp.parser());
        assertThat(some.getPropertiesList()).extracting(PoolProperty::getNumber, PoolProperty::getNumval)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, 1L));
        assertThat(stores[1].service(uuid).orElseThrow().getMetaVersion()).as("both replicas have the change")
                .isEqualTo(stores[0].service(uuid).orElseThrow().getMetaVersion()).isEqualTo(2);
    }

    @Test
    void aclCallsEditTheListAndRefuseBadEntries() throws Exception {
        assertThat(create(1).getStatus()).isZero();
        ACLResp updated = call(1, PoolEngine.POOL_UPDATE_ACL, ModifyACLReq.newBuilder().setId(uuid).addSvcRanks(0)
                .addEntries("A::bob@:r").addEntries("A::OWNER@:rwA").build(), ACLResp.parser());
        assertThat(updated.getAcl().getEntriesList()).containsExactly("A::OWNER@:rwA", "A::bob@:r",
                "A:G:GROUP@:rw");
        ACLResp bad = call(0, PoolEngine.POOL_OVERWRITE_ACL, ModifyACLReq.newBuilder().setId(uuid)
                .addEntries("A:G:OWNER@:r").build(), ACLResp.parser());
        assertThat(bad.getStatus()).isEqualTo(Der.INVAL);
        ACLResp deleted = call(0, PoolEngine.POOL_DELETE_ACL, DeleteACLReq.newBuilder().setId(uuid)
                .setPrincipal("u:bob@").build(), ACLResp.parser());
        assertThat(deleted.getAcl().getEntriesList()).containsExactly("A::OWNER@:rwA", "A:G:GROUP@:rw");
        assertThat(call(0, PoolEngine.POOL_DELETE_ACL, DeleteACLReq.newBuilder().setId(uuid).setPrincipal("u:bob@")
                .build(), ACLResp.parser()).getStatus()).isEqualTo(Der.NONEXIST);
        ACLResp overwritten = call(0, PoolEngine.POOL_OVERWRITE_ACL, ModifyACLReq.newBuilder().setId(uuid)
                .addEntries("A::EVERYONE@:r").build(), ACLResp.parser());
        assertThat(overwritten.getAcl().getEntriesList()).containsExactly("A::EVERYONE@:r");
        assertThat(overwritten.getAcl().getOwnerUser()).isEqualTo("alice@");
    }

    @Test
    void aCreateWithABadAceIsRefusedAndLeavesNothing() throws Exception {
        assertThat(create(1, "A::OWNER@:rw", "Z::bob@:r").getStatus()).isEqualTo(Der.INVAL);
        assertThat(stores[0].shard(uuid)).isEmpty();
        assertThat(stores[1].shard(uuid)).isEmpty();
    }

    /** Each step on the same pool, in order: the status and the pool map version after it. */
    static Stream<Arguments> targetSteps() {
        return Stream.of(
                arguments("drain a target of rank 1", (Step) (t, id) -> t.call(0, PoolEngine.POOL_DRAIN,
                        PoolDrainReq.newBuilder().setId(id).setRank(1).addTargetidx(2).build(),
                        PoolDrainResp.parser()).getStatus(), 0, 2, 5),
                arguments("drain it again changes nothing", (Step) (t, id) -> t.call(0, PoolEngine.POOL_DRAIN,
                        PoolDrainReq.newBuilder().setId(id).setRank(1).addTargetidx(2).build(),
                        PoolDrainResp.parser()).getStatus(), 0, 2, 5),
                arguments("exclude all of rank 0", (Step) (t, id) -> t.call(1, PoolEngine.POOL_EXCLUDE,
                        PoolExcludeReq.newBuilder().setId(id).setRank(0).addSvcRanks(0).build(),
                        PoolExcludeResp.parser()).getStatus(), 0, 3, 3),
                arguments("reintegrate all of rank 0", (Step) (t, id) -> t.call(0, PoolEngine.POOL_REINT,
                        PoolReintReq.newBuilder().setId(id).setRank(0).build(),
                        PoolReintResp.parser()).getStatus(), 0, 4, 5),
                arguments("exclude a rank outside the pool", (Step) (t, id) -> t.call(0, PoolEngine.POOL_EXCLUDE,
                        PoolExcludeReq.newBuilder().setId(id).setRank(7).build(),
                        PoolExcludeResp.parser()).getStatus(), Der.NONEXIST, 4, 5),
                arguments("exclude a target a rank does not have", (Step) (t, id) -> t.call(0,
                        PoolEngine.POOL_EXCLUDE, PoolExcludeReq.newBuilder().setId(id).setRank(0).addTargetidx(2)
                                .build(), PoolExcludeResp.parser()).getStatus(), Der.NONEXIST, 4, 5),
                arguments("evict: nothing connected", (Step) (t, id) -> t.call(0, PoolEngine.POOL_EVICT,
                        PoolEvictReq.newBuilder().setId(id).build(), PoolEvictResp.parser()).getCount(), 0, 4, 5));
    }

    @FunctionalInterface
    interface Step {
        int run(PoolEngineTest test, String uuid) throws Exception;
    }

    @Test
    void targetStateChangesBumpTheMapVersionOnlyWhenSomethingMoves() throws Exception {
        assertThat(create(1).getStatus()).isZero();
        for (Arguments a : targetSteps().toList()) {
            Object[] s = a.get();
            assertThat(((Step) s[1]).run(this, uuid)).as("%s: status", s[0]).isEqualTo(s[2]);
            PoolQueryResp q = query(0, 31);
            assertThat(q.getVersion()).as("%s: map version", s[0]).isEqualTo(s[3]);
            assertThat(q.getActiveTargets()).as("%s: active targets", s[0]).isEqualTo(s[4]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void badCreatesAreRefusedWithTheirStatus(String name, PoolCreateReq.Builder req, int status) throws Exception {
        assertThat(call(0, PoolEngine.POOL_CREATE, req.build(), PoolCreateResp.parser()).getStatus())
                .isEqualTo(status);
        assertThat(stores[0].shards()).isEmpty();
        assertThat(stores[1].shards()).isEmpty();
    }

    static Stream<Arguments> badCreates() {
        PoolCreateReq.Builder ok = PoolCreateReq.newBuilder().setUuid(UUID.randomUUID().toString())
                .addAllRanks(List.of(0, 1)).addTierbytes(GIB);
        return Stream.of(
                arguments("not a UUID", ok.clone().setUuid("pool-1"), Der.INVAL),
                arguments("no ranks", ok.clone().clearRanks(), Der.INVAL),
                arguments("a rank twice", ok.clone().addRanks(1), Der.INVAL),
                arguments("no tier bytes", ok.clone().clearTierbytes(), Der.INVAL),
                arguments("no SCM", ok.clone().clearTierbytes().addTierbytes(0).addTierbytes(GIB), Der.INVAL),
                arguments("a rank not in the group map", ok.clone().addRanks(5), Der.OOG),
                arguments("more SCM than the engines have", ok.clone().clearTierbytes().addTierbytes(11 * GIB),
                        Der.NOSPACE),
                arguments("NVMe on engines without any", ok.clone().addTierbytes(1), Der.NOSPACE),
                arguments("a bad property", ok.clone().addProperties(PoolProperty.newBuilder().setNumber(11)
                        .setNumval(9)), Der.INVAL),
                arguments("a bad owner", ok.clone().setUser("alice"), Der.INVAL));
    }

    @Test
    void destroyRefusesOpenHandlesUnlessForced() throws Exception {
        assertThat(create(1).getStatus()).isZero();
        stores[0].put(stores[0].service(uuid).orElseThrow().toBuilder().setHandles(2).setMetaVersion(9).build());
        assertThat(call(0, PoolEngine.POOL_DESTROY, PoolDestroyReq.newBuilder().setId(uuid).build(),
                PoolDestroyResp.parser()).getStatus()).isEqualTo(Der.BUSY);
        assertThat(stores[1].shard(uuid)).isPresent();
        assertThat(call(1, PoolEngine.POOL_DESTROY, PoolDestroyReq.newBuilder().setId(uuid).addSvcRanks(0)
                .setForce(true).build(), PoolDestroyResp.parser()).getStatus()).isZero();
        assertThat(stores[0].shards()).isEmpty();
        assertThat(stores[1].shards()).isEmpty();
        assertThat(stores[0].service(uuid)).isEmpty();
    }

    @Test
    void aChangeWithoutAMajorityOfReplicasIsRefusedAndNotKept() throws Exception {
        assertThat(create(3).getSvcRepsList()).containsExactly(0, 1);
        long before = stores[0].service(uuid).orElseThrow().getMetaVersion();
        servers[1].close();
        assertThat(call(0, PoolEngine.POOL_SET_PROP, PoolSetPropReq.newBuilder().setId(uuid)
                .addProperties(PoolProperty.newBuilder().setNumber(3).setNumval(5)).build(),
                PoolSetPropResp.parser()).getStatus()).as("1 of 2 replicas").isEqualTo(Der.TIMEDOUT);
        assertThat(stores[0].service(uuid).orElseThrow().getMetaVersion()).isEqualTo(before);
        assertThat(call(0, PoolEngine.POOL_GET_PROP, PoolGetPropReq.newBuilder().setId(uuid)
                .addProperties(PoolProperty.newBuilder().setNumber(3)).build(), PoolGetPropResp.parser())
                .getProperties(0).getNumval()).isZero();
        assertThat(query(0, 31).getDeadRanks()).as("rank 1 does not answer").isEqualTo("[1]");
        assertThat(logged.toString()).contains("only 1 of 2 pool service replicas took the change");
    }

    @Test
    void aReplicaThatMissedAChangeServesTheNewerCopyAndKeepsIt() throws Exception {
        assertThat(create(3).getSvcRepsList()).containsExactly(0, 1);
        var behind = stores[1].service(uuid).orElseThrow();
        // A change rank 1 did not get (it was down): only rank 0 holds version + 1.
        stores[0].put(behind.toBuilder().setMetaVersion(behind.getMetaVersion() + 1).clearAcl()
                .addAcl("A::EVERYONE@:r").build());
        ACLResp read = call(1, PoolEngine.POOL_GET_ACL, dev.dockmaster.proto.mgmt.GetACLReq.newBuilder().setId(uuid)
                .build(), ACLResp.parser());
        assertThat(read.getAcl().getEntriesList()).containsExactly("A::EVERYONE@:r");
        assertThat(stores[1].service(uuid).orElseThrow().getMetaVersion()).isEqualTo(behind.getMetaVersion() + 1);
    }
}
