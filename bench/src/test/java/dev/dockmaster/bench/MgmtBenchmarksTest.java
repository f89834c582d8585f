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
}
