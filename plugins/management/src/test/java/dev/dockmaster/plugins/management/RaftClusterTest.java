package dev.dockmaster.plugins.management;

import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.LeaderQueryResp;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.RASEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Three replicas in one JVM over Ratis's own gRPC on loopback. */
class RaftClusterTest {

    static JoinReq joinReq(String uuid, String addr, int idx) {
        return JoinReq.newBuilder().setSys("daos_server-2.6.5").setUuid(uuid).setRank(Ranks.NIL_RANK)
                .setUri("ofi+tcp://" + addr + "/" + idx).setNctxs(4).setAddr(addr).setSrvFaultDomain("/host")
                .setIdx(idx).setIncarnation(42).build();
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetails(0).unpack(ErrorInfo.class);
    }

    static boolean hasSnapshot(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"));
        }
    }

    @Test
    void electsReplicatesAddsVotersRedirectsAndSurvivesRestart(@TempDir Path root) throws Exception {
        try (ReplicaHarness cluster = new ReplicaHarness(3, root, ReplicaHarness.FAST).start()) {
            await().atMost(Duration.ofSeconds(20)).until(cluster::hasLeader);
            ManagementService leader = cluster.leader();
            assertThat(leader).isSameAs(cluster.services.get(0)); // the bootstrap replica is the only voter

            // engine 0 of the bootstrap replica gets rank 0, the others NextRank from 1
            JoinResp r0 = leader.join(joinReq("00000000-0000-0000-0000-000000000000", cluster.accessPoints.get(0), 0),
                    Optional.empty()).get();
            JoinResp r1 = leader.join(joinReq("00000000-0000-0000-0000-000000000001", cluster.accessPoints.get(1), 0),
                    Optional.empty()).get();
            JoinResp r2 = leader.join(joinReq("00000000-0000-0000-0000-000000000002", cluster.accessPoints.get(2), 0),
                    Optional.empty()).get();
            assertThat(List.of(r0.getRank(), r1.getRank(), r2.getRank())).containsExactly(0, 1, 2);
            assertThat(r0.getLocalJoin()).as("every server sets up its own engines").isFalse();
            assertThat(r1.getLocalJoin()).isFalse();

            // their engines joined: the leader makes the other two replicas voters, and they get the members
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(leader.node().orElseThrow().voters()).hasSize(3));
            for (ManagementService follower : cluster.services.subList(1, 3)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(follower.systemQuery(SystemQueryReq.getDefaultInstance()).getMembersList())
                                .extracting(m -> m.getRank()).containsExactly(0, 1, 2));
            }

            // a follower refuses a join with DAOS's not-leader error, pointing at the leader
            ManagementService follower = cluster.services.get(1);
            StatusRuntimeException redirected = catchThrowableOfType(StatusRuntimeException.class, () ->
                    follower.join(joinReq("00000000-0000-0000-0000-000000000009", cluster.accessPoints.get(1), 1),
                            Optional.empty()));
            assertThat(redirected.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            ErrorInfo info = errorInfo(redirected);
            assertThat(info.getReason()).isEqualTo("proto.system.ErrNotLeader");
            assertThat(info.getDomain()).isEqualTo("DAOS");
            assertThat(info.getMetadataMap()).containsEntry("LeaderHint", cluster.accessPoints.get(0));
            assertThat(info.getMetadataMap().get("Replicas")).startsWith("[\"127.0.0.1:");
            LeaderQueryResp lq = follower.leaderQuery(LeaderQueryReq.getDefaultInstance());
            assertThat(lq.getCurrentLeader()).isEqualTo(cluster.accessPoints.get(0));
            assertThat(lq.getReplicasList()).containsExactlyElementsOf(cluster.accessPoints);

            // enough member updates for a snapshot (threshold 32): the restart then restores from it
            for (int i = 0; i < 40; i++) {
                leader.clusterEvent(ClusterEventReq.newBuilder().setSequence(i).setEvent(RASEvent.newBuilder()
                        .setId(ManagementService.RAS_ENGINE_DIED).setRank(2).setIncarnation(42)
                        .setMsg("exit " + i)).build()).get();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> hasSnapshot(cluster.dirs.get(0)));
            long versionBefore = leader.node().orElseThrow().db().version();

            // a replica goes away: the leader reports it in DownReplicas, and still commits with two of three
            cluster.services.get(2).close();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(leader.leaderQuery(LeaderQueryReq.getDefaultInstance()).getDownReplicasList())
                            .containsExactly(cluster.accessPoints.get(2)));
            assertThat(leader.clusterEvent(ClusterEventReq.newBuilder().setEvent(RASEvent.newBuilder()
                    .setId(ManagementService.RAS_ENGINE_DIED).setRank(2).setIncarnation(42).setMsg("exit 39"))
                    .build()).get().getStatus()).isZero();

            // restart every replica from its directory: members and NextRank come back
            cluster.restart();
            await().atMost(Duration.ofSeconds(30)).until(cluster::hasLeader);
            ManagementService newLeader = cluster.leader();
            SystemQueryResp after = newLeader.systemQuery(SystemQueryReq.getDefaultInstance());
            assertThat(after.getMembersList()).extracting(m -> m.getRank()).containsExactly(0, 1, 2);
            assertThat(newLeader.node().orElseThrow().db().nextRank()).isEqualTo(3);
            assertThat(after.getMembers(2).getState()).isEqualTo("errored");
            assertThat(after.getMembers(2).getInfo()).isEqualTo("exit 39");
            assertThat(after.getDataVersion()).isGreaterThanOrEqualTo(versionBefore);
            JoinResp rejoin = newLeader.join(joinReq("00000000-0000-0000-0000-000000000001",
                    cluster.accessPoints.get(1), 0), Optional.empty()).get();
            assertThat(rejoin.getRank()).isEqualTo(1);
            JoinResp fresh = newLeader.join(joinReq("00000000-0000-0000-0000-000000000003",
                    cluster.accessPoints.get(2), 1), Optional.empty()).get();
            assertThat(fresh.getRank()).isEqualTo(3);
        }
    }
}
