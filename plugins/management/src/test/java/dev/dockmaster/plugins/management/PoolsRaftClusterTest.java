package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.mgmt.ListPoolsReq;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pool services replicated by raft: followers serve them, and they survive snapshots and a restart of every replica. */
class PoolsRaftClusterTest {

    static PoolCreateReq create(int i, String label) {
        return PoolCreateReq.newBuilder().setUuid(String.format("00000000-0000-4000-8000-%012d", i))
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval(label))
                .addTierbytes(64L << 20).addTierbytes(0).build();
    }

    static List<PoolService> poolServices(ReplicaHarness cluster, FakePoolEngine engine) {
        List<PoolService> out = new ArrayList<>();
        cluster.services.forEach(s -> out.add(new PoolService(s.poolAccess(), engine, Clock.systemUTC(),
                new Random(3))));
        return out;
    }

    static PoolService leaderOf(ReplicaHarness cluster, List<PoolService> pools) {
        return pools.get(cluster.services.indexOf(cluster.leader()));
    }

    static List<String> describe(ListPoolsResp resp) {
        return resp.getPoolsList().stream().map(p -> p.getUuid() + " " + p.getLabel() + " " + p.getState() + " "
                + p.getSvcRepsList()).toList();
    }

    @Test
    void poolsAreReplicatedAndSurviveSnapshotsAndRestarts(@TempDir Path root) throws Exception {
        FakePoolEngine engine = FakePoolEngine.standard();
        try (ReplicaHarness cluster = new ReplicaHarness(3, root, ReplicaHarness.FAST).start()) {
            await().atMost(Duration.ofSeconds(20)).until(cluster::hasLeader);
            ManagementService leader = cluster.leader();
            // one replica's engine at a time, so that each raft configuration change adds one voter (Ratis refuses
            // to go from one voter to three in one change when the first attempt timed out on a busy machine)
            for (int i = 0; i < 3; i++) {
                leader.join(RaftClusterTest.joinReq(String.format("00000000-0000-0000-0000-%012d", i),
                        cluster.accessPoints.get(i), 0), Optional.empty()).get();
                int voters = i + 1;
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(leader.node().orElseThrow().voters()).hasSize(voters));
            }
            List<PoolService> pools = poolServices(cluster, engine);
            try {
                PoolService onLeader = leaderOf(cluster, pools);
                // enough pool entries for a snapshot (threshold 32): 12 pools made and destroyed, 4 entries each
                for (int i = 100; i < 112; i++) {
                    onLeader.create(create(i, "scratch" + i)).get(10, TimeUnit.SECONDS);
                    onLeader.destroy(PoolDestroyReq.newBuilder().setId("scratch" + i).build()).get(10, TimeUnit.SECONDS);
                }
                onLeader.create(create(1, "tank")).get(10, TimeUnit.SECONDS);
                onLeader.create(create(2, "scratch").toBuilder().setNumsvcreps(1).build()).get(10, TimeUnit.SECONDS);
                onLeader.setProp(PoolSetPropReq.newBuilder().setId("scratch").addProperties(PoolProperty.newBuilder()
                        .setNumber(1).setStrval("renamed")).build()).get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> RaftClusterTest.hasSnapshot(cluster.dirs.get(0)));

                List<String> expected = describe(onLeader.list(ListPoolsReq.getDefaultInstance()));
                assertThat(expected).containsExactly(
                        "00000000-0000-4000-8000-000000000001 tank Ready [0, 1, 2]",
                        "00000000-0000-4000-8000-000000000002 renamed Ready [0]");
                for (PoolService follower : pools) {
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertThat(describe(follower.list(ListPoolsReq.getDefaultInstance())))
                                    .isEqualTo(expected));
                }
            } finally {
                pools.forEach(PoolService::close);
            }

            // every replica restarts from its directory (snapshot + log): the same pools, sizes and states
            cluster.restart();
            await().atMost(Duration.ofSeconds(30)).until(cluster::hasLeader);
            List<PoolService> after = poolServices(cluster, engine);
            try {
                for (PoolService replica : after) {
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertThat(describe(replica.list(ListPoolsReq.getDefaultInstance()))).containsExactly(
                                    "00000000-0000-4000-8000-000000000001 tank Ready [0, 1, 2]",
                                    "00000000-0000-4000-8000-000000000002 renamed Ready [0]"));
                }
                SystemDb db = cluster.leader().node().orElseThrow().db();
                assertThat(db.pools().byLabel("tank").orElseThrow().tierBytes()).containsExactly(64L << 20, 0L);
                assertThat(db.pools().byLabel("tank").orElseThrow().targetRanks()).containsExactly(0, 1, 2);
                // and the new leader can still change them
                leaderOf(cluster, after).destroy(PoolDestroyReq.newBuilder().setId("renamed").build())
                        .get(10, TimeUnit.SECONDS);
                assertThat(describe(leaderOf(cluster, after).list(ListPoolsReq.getDefaultInstance())))
                        .containsExactly("00000000-0000-4000-8000-000000000001 tank Ready [0, 1, 2]");
            } finally {
                after.forEach(PoolService::close);
            }
        }
    }
}
