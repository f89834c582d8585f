package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management service benchmarks still work. They load the management plugin from its built zip through the
 * core's plugin loader, so this is also the check that Ratis runs inside the plugin's own class loader (its threads
 * included) as the server runs it.
 */
class MgmtBenchmarksTest {

    @Test
    void aSmallJoinStormJoinsEveryEngineInFewRaftEntries() throws Exception {
        List<JoinStormBenchmark.Result> results = JoinStormBenchmark.run(64, 2);

        for (JoinStormBenchmark.Result r : results) {
            assertThat(r.distinctRanks()).isEqualTo(64);
            assertThat(r.joinedMembers()).isEqualTo(64);
            // joins are batched: far fewer raft entries than engines
            assertThat(r.raftEntries()).isBetween(1L, 16L);
        }
    }

    @Test
    void failoverRoundMeasuresTheTimeUntilASurvivorCommits() throws Exception {
        // fast raft timings keep the check short; the benchmark itself runs DAOS's
        long[] millis = FailoverBenchmark.run(1, "heartbeat_timeout = 500ms\nelection_timeout = 500ms\n"
                + "leader_lease_timeout = 250ms");

        assertThat(millis).hasSize(1);
        // a follower waits at least the heartbeat timeout before it stands for election
        assertThat(millis[0]).isBetween(400L, 20_000L);
    }

    @Test
    void commitLatencyRunsOnOneAndThreeReplicas() throws Exception {
        for (int replicas : new int[] {1, 3}) {
            RaftCommitBenchmark.Result r = RaftCommitBenchmark.run(replicas, 10, 30);

            assertThat(r.update().nanos()).hasSize(30).doesNotContain(0L);
            assertThat(r.baseline().nanos()).hasSize(30).doesNotContain(0L);
        }
    }

    @Test
    void aSmallScaleRunStopsAndStartsEveryRankThroughTheClient() throws Exception {
        ScaleBenchmark.Result r = ScaleBenchmark.run(8, 2, 2, 5, 2);

        assertThat(r.ranks()).isEqualTo(16);
        assertThat(r.query().nanos()).hasSize(5).doesNotContain(0L);
        assertThat(r.rounds()).hasSize(2);
        for (ScaleBenchmark.Round round : r.rounds()) {
            // the run itself checks every result and the members' states after each command; one raft entry
            // records a stop's results
            assertThat(round.stopEntries()).isEqualTo(1);
            assertThat(round.startEntries()).isPositive();
        }
    }

    @Test
    void poolCreatesAndListsRunThroughTheManagementService() throws Exception {
        PoolBenchmark.Result r = PoolBenchmark.run(1, 40, 5, 10);

        assertThat(r.creates().nanos()).hasSize(40).doesNotContain(0L);
        assertThat(r.lists().nanos()).hasSize(10).doesNotContain(0L);
        assertThat(r.listedPools()).isEqualTo(40);
        // each create reached the engine once, each warm-up destroy evicted then destroyed
        assertThat(r.engineCalls()).isEqualTo(40 + 5 * 3);
    }
}
