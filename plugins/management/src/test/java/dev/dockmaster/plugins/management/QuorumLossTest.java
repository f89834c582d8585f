package dev.dockmaster.plugins.management;

import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas in one JVM lose two of them: the survivor still answers reads (its possibly stale copy), a write
 * fails within the raft deadline with DAOS's not-leader error (which clients retry), and once the two come back a
 * write succeeds and everything acknowledged before is still there.
 */
class QuorumLossTest {

    static SystemSetAttrReq setAttr(String key, String value) {
        return SystemSetAttrReq.newBuilder().putAttributes(key, value).build();
    }

    /** The error a failed write leaves, as the client would see it on the wire: a not-leader redirect. */
    static ErrorInfo notLeaderInfo(Throwable thrown, ManagementService on) throws Exception {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        StatusRuntimeException wire;
        if (cause instanceof RaftNode.NotLeader notLeader) {
            wire = MgmtErrors.notLeader(notLeader.leaderHint(), on.replicas().resolved());
        } else {
            assertThat(cause).isInstanceOf(StatusRuntimeException.class);
            wire = (StatusRuntimeException) cause;
        }
        return RaftClusterTest.errorInfo(wire);
    }

    @Test
    void readsAnswerWritesFailRetryablyAndNothingAcknowledgedIsLost(@TempDir Path root) throws Exception {
        try (ReplicaHarness cluster = new ReplicaHarness(3, root, ReplicaHarness.FAST).start()) {
            await().atMost(Duration.ofSeconds(20)).until(cluster::hasLeader);
            ManagementService leader = cluster.leader();
            for (int i = 0; i < 3; i++) {
                leader.join(RaftClusterTest.joinReq("00000000-0000-0000-0000-00000000000" + i,
                        cluster.accessPoints.get(i), 0), Optional.empty()).get(20, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(leader.node().orElseThrow().voters()).hasSize(3));
            leader.systemSetAttr(setAttr("before", "loss")).get(20, TimeUnit.SECONDS);
            for (ManagementService replica : cluster.services) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(replica.systemGetAttr(SystemGetAttrReq.getDefaultInstance()).getAttributesMap())
                                .containsEntry("before", "loss"));
            }

            // the two followers go: the leader is left without a majority
            int survivor = cluster.services.indexOf(leader);
            for (int i = 0; i < 3; i++) {
                if (i != survivor) {
                    cluster.stopReplica(i);
                }
            }

            // reads answer from the survivor's copy
            assertThat(leader.systemQuery(SystemQueryReq.getDefaultInstance()).getMembersList())
                    .extracting(m -> m.getRank()).containsExactly(0, 1, 2);
            assertThat(leader.systemGetAttr(SystemGetAttrReq.getDefaultInstance()).getAttributesMap())
                    .containsEntry("before", "loss");

            // a write fails, within the raft deadline, with a not-leader error naming no other leader
            long start = System.nanoTime();
            Throwable failed = null;
            try {
                leader.systemSetAttr(setAttr("during", "loss"))
                        .get(ManagementService.RAFT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (StatusRuntimeException | ExecutionException e) {
                failed = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failed).as("a write without a quorum must fail").isNotNull();
            assertThat(took).isLessThan(ManagementService.RAFT_TIMEOUT.plusSeconds(2));
            ErrorInfo info = notLeaderInfo(failed, leader);
            assertThat(info.getReason()).isEqualTo(MgmtErrors.NOT_LEADER_REASON);
            assertThat(info.getMetadataMap().get("LeaderHint")).isEmpty();
            assertThat(info.getMetadataMap().get("Replicas")).contains(cluster.accessPoints.get(0));
            // reads still answer after the leader stepped down
            assertThat(leader.node().orElseThrow().isLeader()).isFalse();
            assertThat(leader.systemQuery(SystemQueryReq.getDefaultInstance()).getMembersCount()).isEqualTo(3);

            // the quorum returns: a leader is elected and takes writes again
            for (int i = 0; i < 3; i++) {
                if (i != survivor) {
                    cluster.restartReplica(i);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(cluster::hasLeader);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    cluster.leader().systemSetAttr(setAttr("after", "return")).get(10, TimeUnit.SECONDS));
            for (ManagementService replica : cluster.services) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    Map<String, String> attrs = replica.systemGetAttr(SystemGetAttrReq.getDefaultInstance())
                            .getAttributesMap();
                    assertThat(attrs).containsEntry("before", "loss").containsEntry("after", "return");
                    assertThat(replica.systemQuery(SystemQueryReq.getDefaultInstance()).getMembersList())
                            .extracting(m -> m.getRank()).containsExactly(0, 1, 2);
                });
            }
        }
    }
}
