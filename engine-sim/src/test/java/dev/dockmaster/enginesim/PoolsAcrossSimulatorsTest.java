package dev.dockmaster.enginesim;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.dockmaster.core.config.StorageClass;
import dev.dockmaster.core.config.StorageTier;
import dev.dockmaster.core.drpc.DrpcServer;
import dev.dockmaster.core.drpc.EngineReady;
import dev.dockmaster.core.engine.NvmeConfig;
import dev.dockmaster.plugins.drpc.seqpacket.SeqpacketTransport;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.GetACLReq;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolDestroyResp;
import dev.dockmaster.proto.mgmt.PoolExcludeReq;
import dev.dockmaster.proto.mgmt.PoolExcludeResp;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolServiceState;
import dev.dockmaster.proto.mgmt.StorageMediaType;
import dev.dockmaster.proto.mgmt.StorageUsageStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three engine simulators as OS processes, each with its own SCM directory and a file bdev listed in a daos_nvme.conf
 * written by the core's writer, ranked and given the group map over dRPC as daos_server does. A pool is created
 * across their ranks through one engine (which creates the other ranks' targets over the fabric), queried and read
 * through the others, survives a restart of one process, a create too large for one rank gets DER_NOSPACE and leaves
 * no target behind, and destroy removes every shard.
 */
class PoolsAcrossSimulatorsTest {
    private static final long MIB = 1 << 20;
    private static final int MGMT = 2;
    private static final int POOL_CREATE = 207;
    private static final int POOL_DESTROY = 208;
    private static final int POOL_GET_ACL = 213;
    private static final int POOL_QUERY = 223;
    private static final int POOL_EXCLUDE = 228;

    @TempDir
    Path dir;

    private DrpcServer server;
    private final BlockingQueue<EngineReady> ready = new LinkedBlockingQueue<>();
    private final Engine[] engines = new Engine[3];
    private final int[] targets = {2, 2, 4};
    private final long[] bdevBytes = {1024 * MIB, 1024 * MIB, 512 * MIB};

    /** One simulator process and what the test needs to reach it. */
    private static final class Engine {
        final int idx;
        final int port;
        final Path scm;
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();
        Process process;
        Path socket;
        String uri;

        Engine(int idx, int port, Path scm) {
            this.idx = idx;
            this.port = port;
            this.scm = scm;
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = DrpcServer.start(new SeqpacketTransport(16), dir, () -> 3);
        server.srv().addReadyListener(ready::add);
        for (int i = 0; i < 3; i++) {
            Path scm = Files.createDirectories(dir.resolve("scm" + i));
            Path bdev = dir.resolve("bdev" + i);
            try (RandomAccessFile f = new RandomAccessFile(bdev.toFile(), "rw")) {
                f.setLength(bdevBytes[i]); // sparse, as the file bdev provider allocates it
            }
            NvmeConfig.write(scm, "node", List.of(new StorageTier(1, StorageClass.FILE, "", List.of(), 0, false,
                    List.of(bdev.toString()), 1, 0, "", Set.of())), false);
            engines[i] = new Engine(i, EngineSimEndToEndTest.freePort(), scm);
        }
        for (Engine e : engines) {
            launch(e);
        }
        for (Engine e : engines) {
            join(e);
        }
        pushGroupMap(2);
    }

    @AfterEach
    void stop() {
        for (Engine e : engines) {
            if (e != null && e.process != null && e.process.isAlive()) {
                e.process.destroyForcibly();
            }
        }
        server.close();
    }

    private void launch(Engine e) throws Exception {
        e.out.clear();
        e.err.clear();
        e.process = EngineSimEndToEndTest.launch(e.port, dir, e.out, e.err, "-t", Integer.toString(targets[e.idx]),
                "-d", dir.toString(), "-s", e.scm.toString(), "-n", e.scm.resolve(NvmeConfig.FILE_NAME).toString(),
                "-I", Integer.toString(e.idx));
        EngineReady notified = ready.poll(60, TimeUnit.SECONDS);
        assertThat(notified).as("NotifyReady of engine %d; stderr %s", e.idx, e.err).isNotNull();
        assertThat(notified.instanceIdx()).isEqualTo(e.idx);
        e.socket = notified.socket();
        e.uri = notified.uri();
        assertThat(e.uri).isEqualTo("ofi+tcp://127.0.0.1:" + e.port);
    }

    /** SetRank (rank = instance index) and SetUp, as daos_server does after the join. */
    private void join(Engine e) throws Exception {
        assertThat(server.engines().setRank(e.socket, e.idx, 1)).isZero();
        assertThat(server.engines().setUp(e.socket)).isZero();
    }

    /** As the management service does: to one engine, which passes it to the others over the fabric. */
    private void pushGroupMap(int version) throws Exception {
        GroupUpdateReq.Builder map = GroupUpdateReq.newBuilder().setMapVersion(version);
        for (Engine e : engines) {
            map.addEngines(GroupUpdateReq.Engine.newBuilder().setRank(e.idx).setUri(e.uri).setIncarnation(1));
        }
        assertThat(server.engines().groupUpdate(engines[0].socket, map.build()).getStatus()).isZero();
        for (Engine e : List.of(engines[1], engines[2])) {
            await("group map on rank " + e.idx).atMost(Duration.ofSeconds(30)).until(() -> e.err.stream()
                    .anyMatch(l -> l.startsWith("daos_engine: group map version " + version + " from rank 0")));
        }
    }

    private <T extends MessageLite> T call(Engine e, int method, MessageLite req, Parser<T> answer) throws Exception {
        return answer.parseFrom(server.engines().call(e.socket, MGMT, method, req.toByteArray(),
                Duration.ofSeconds(60)));
    }

    private PoolQueryResp query(Engine via, String uuid) throws Exception {
        return call(via, POOL_QUERY, PoolQueryReq.newBuilder().setId(uuid).addAllSvcRanks(List.of(0, 1, 2))
                .setQueryMask(31).build(), PoolQueryResp.parser());
    }

    private static PoolCreateReq create(String uuid, String label, long scmPerRank, long nvmePerRank) {
        return PoolCreateReq.newBuilder().setUuid(uuid).setSys("daos_server").setUser("alice@")
                .setUsergroup("staff@").addAllRanks(List.of(0, 1, 2)).addTierbytes(scmPerRank)
                .addTierbytes(nvmePerRank).setNumsvcreps(3)
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval(label)).build();
    }

    private Map<Integer, Boolean> poolDirs(String uuid) {
        Map<Integer, Boolean> out = new HashMap<>();
        for (Engine e : engines) {
            out.put(e.idx, Files.exists(e.scm.resolve("dockmaster-pools").resolve(uuid)));
        }
        return out;
    }

    @Test
    void aPoolSpansThreeProcessesSurvivesARestartRefusesWhatDoesNotFitAndIsDestroyedEverywhere() throws Exception {
        String uuid = UUID.randomUUID().toString();
        PoolCreateResp created = call(engines[0], POOL_CREATE, create(uuid, "tank", 64 * MIB, 256 * MIB),
                PoolCreateResp.parser());
        assertThat(created.getStatus()).as("create; engine 0 stderr %s", engines[0].err).isZero();
        assertThat(created.getSvcRepsList()).containsExactly(0, 1, 2);
        assertThat(created.getSvcLdr()).isZero();
        assertThat(created.getTgtRanksList()).containsExactly(0, 1, 2);
        assertThat(created.getTierBytesList()).containsExactly(64 * MIB, 256 * MIB);
        for (Engine e : engines) {
            Path pool = e.scm.resolve("dockmaster-pools").resolve(uuid);
            assertThat(pool.resolve("shard.pb")).as("shard on rank %d", e.idx).exists();
            assertThat(pool.resolve("service.pb")).as("service replica on rank %d", e.idx).exists();
        }
        assertThat(call(engines[0], POOL_CREATE, create(uuid, "tank", 64 * MIB, 256 * MIB), PoolCreateResp.parser())
                .getStatus()).as("the same UUID again").isEqualTo(-1004);

        PoolQueryResp q = query(engines[1], uuid);
        assertThat(q.getStatus()).isZero();
        assertThat(q.getLabel()).isEqualTo("tank");
        assertThat(q.getTotalTargets()).isEqualTo(2 + 2 + 4);
        assertThat(q.getActiveTargets()).isEqualTo(8);
        assertThat(q.getTotalEngines()).isEqualTo(3);
        assertThat(q.getEnabledRanks()).isEqualTo("[0-2]");
        assertThat(q.getDisabledRanks()).isEqualTo("[]");
        assertThat(q.getDeadRanks()).isEqualTo("[]");
        assertThat(q.getVersion()).isEqualTo(1);
        assertThat(q.getState()).isEqualTo(PoolServiceState.Ready);
        assertThat(q.getSvcRepsList()).containsExactly(0, 1, 2);
        StorageUsageStats scm = q.getTierStats(0);
        assertThat(scm.getMediaType()).isEqualTo(StorageMediaType.SCM);
        assertThat(scm.getTotal()).isEqualTo(3 * 64 * MIB);
        assertThat(scm.getFree()).isEqualTo(3 * 64 * MIB);
        assertThat(scm.getMin()).as("rank 2 splits its 64 MiB over 4 targets").isEqualTo(16 * MIB);
        assertThat(scm.getMax()).isEqualTo(32 * MIB);
        assertThat(scm.getMean()).isEqualTo(3 * 64 * MIB / 8);
        assertThat(q.getTierStats(1).getTotal()).isEqualTo(3 * 256 * MIB);

        ACLResp acl = call(engines[2], POOL_GET_ACL, GetACLReq.newBuilder().setId(uuid).addSvcRanks(1).build(),
                ACLResp.parser());
        assertThat(acl.getStatus()).isZero();
        assertThat(acl.getAcl().getEntriesList()).containsExactly("A::OWNER@:rw", "A:G:GROUP@:rw");
        assertThat(acl.getAcl().getOwnerUser()).isEqualTo("alice@");
        assertThat(acl.getAcl().getOwnerGroup()).isEqualTo("staff@");

        PoolExcludeResp excluded = call(engines[0], POOL_EXCLUDE, PoolExcludeReq.newBuilder().setId(uuid).setRank(2)
                .addAllSvcRanks(List.of(0, 1, 2)).build(), PoolExcludeResp.parser());
        assertThat(excluded.getStatus()).isZero();

        // Restart the process of rank 1: its pool data, and the group map it kept, come back from its SCM directory
        // (no new GroupUpdate is sent).
        engines[1].process.destroy();
        assertThat(engines[1].process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        launch(engines[1]);
        join(engines[1]);
        PoolQueryResp afterRestart = query(engines[1], uuid);
        assertThat(afterRestart.getStatus()).as("query after restart; stderr %s", engines[1].err).isZero();
        assertThat(afterRestart.getLabel()).isEqualTo("tank");
        assertThat(afterRestart.getVersion()).as("the exclusion bumped the map version").isEqualTo(2);
        assertThat(afterRestart.getDisabledRanks()).isEqualTo("[2]");
        assertThat(afterRestart.getEnabledRanks()).isEqualTo("[0-1]");
        assertThat(afterRestart.getActiveTargets()).isEqualTo(4);
        assertThat(afterRestart.getDisabledTargets()).isEqualTo(4);
        assertThat(afterRestart.getState()).isEqualTo(PoolServiceState.Degraded);
        assertThat(afterRestart.getTierStats(0).getTotal()).isEqualTo(2 * 64 * MIB);

        // Ranks 0 and 1 have 768 MiB of bdev left, rank 2 only 256 MiB: the create fails there and is rolled back.
        String tooBig = UUID.randomUUID().toString();
        PoolCreateResp refused = call(engines[0], POOL_CREATE, create(tooBig, "huge", 64 * MIB, 768 * MIB),
                PoolCreateResp.parser());
        assertThat(refused.getStatus()).isEqualTo(-1007);
        assertThat(poolDirs(tooBig)).containsOnly(Map.entry(0, false), Map.entry(1, false), Map.entry(2, false));
        assertThat(engines[0].err).anyMatch(l -> l.contains("rank 2 cannot hold"));

        PoolDestroyResp destroyed = call(engines[2], POOL_DESTROY, PoolDestroyReq.newBuilder().setId(uuid)
                .addAllSvcRanks(List.of(0, 1, 2)).build(), PoolDestroyResp.parser());
        assertThat(destroyed.getStatus()).isZero();
        assertThat(poolDirs(uuid)).containsOnly(Map.entry(0, false), Map.entry(1, false), Map.entry(2, false));
        assertThat(query(engines[0], uuid).getStatus()).isEqualTo(-1005);

        // The space is free again: the create that did not fit before now does.
        assertThat(call(engines[0], POOL_CREATE, create(tooBig, "huge", 64 * MIB, 512 * MIB),
                PoolCreateResp.parser()).getStatus()).isZero();
    }

    @Test
    void anEngineWhoseFabricPortIsTakenExitsWithStatusOneBeforeNotifyReady() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            List<String> out = new ArrayList<>();
            List<String> err = new CopyOnWriteArrayList<>();
            Process p = EngineSimEndToEndTest.launch(taken.getLocalPort(), dir, out, err, "-t", "1", "-d",
                    dir.toString(), "-I", "0", "-s", dir.resolve("other").toString());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(err).anyMatch(l ->
                    l.contains("CaRT initialisation failed: cannot listen on ofi+tcp://127.0.0.1:"
                            + taken.getLocalPort())));
        }
        assertThat(ready.poll(1, TimeUnit.SECONDS)).as("no NotifyReady from the failed engine").isNull();
    }
}
