package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.StateUpdate;
import dev.dockmaster.plugins.management.raft.StateUpdates;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The leader's probe of member hosts over real loopback sockets: a closed control port makes running ranks Unresponsive. */
class UnreachableHostWatcherTest {

    @Test
    void runningRanksOfAHostThatStoppedListeningBecomeUnresponsiveAfterThreeFailedProbes() throws Exception {
        try (ServerSocket alive = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int deadPort;
            try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                deadPort = closed.getLocalPort();
            }
            String self = "127.0.0.1:1";
            String aliveAddr = "127.0.0.1:" + alive.getLocalPort();
            String deadAddr = "127.0.0.1:" + deadPort;
            List<Member> members = List.of(
                    LeadershipHandoverTest.member(0, self, MemberState.JOINED),
                    LeadershipHandoverTest.member(1, aliveAddr, MemberState.JOINED),
                    LeadershipHandoverTest.member(2, deadAddr, MemberState.JOINED),
                    LeadershipHandoverTest.member(3, deadAddr, MemberState.READY),
                    LeadershipHandoverTest.member(4, deadAddr, MemberState.STOPPED),
                    LeadershipHandoverTest.member(5, deadAddr, MemberState.ADMIN_EXCLUDED));
            List<StateUpdates> committed = new ArrayList<>();
            List<String> probed = new ArrayList<>();
            UnreachableHostWatcher watcher = new UnreachableHostWatcher(addr -> {
                probed.add(addr);
                return UnreachableHostWatcher.acceptsConnections(addr);
            }, updates -> {
                committed.add(updates);
                return CompletableFuture.completedFuture(null);
            });

            assertThat(watcher.check(members, self)).as("one failed probe is not enough").isEmpty();
            assertThat(probed).as("the leader's own host is not probed").containsExactlyInAnyOrder(aliveAddr, deadAddr);
            assertThat(watcher.check(members, self)).as("nor two").isEmpty();
            assertThat(committed).isEmpty();

            assertThat(watcher.check(members, self)).containsExactly(2, 3);
            assertThat(committed).hasSize(1);
            assertThat(committed.get(0).getUpdatesList()).extracting(StateUpdate::getRank, StateUpdate::getState)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "unresponsive"),
                            org.assertj.core.groups.Tuple.tuple(3, "unresponsive"));
            assertThat(committed.get(0).getUpdates(0).getInfo()).contains(deadAddr).contains("not reachable");
        }
    }

    @Test
    void aHostThatAnswersAgainBetweenProbesStartsCountingFromZero() {
        List<Boolean> answers = new ArrayList<>(List.of(false, false, true, false, false));
        List<StateUpdates> committed = new ArrayList<>();
        UnreachableHostWatcher watcher = new UnreachableHostWatcher(addr -> answers.remove(0), updates -> {
            committed.add(updates);
            return CompletableFuture.completedFuture(null);
        });
        List<Member> members = List.of(LeadershipHandoverTest.member(1, "127.0.0.1:2", MemberState.JOINED));
        watcher.check(members, "127.0.0.1:1");
        watcher.check(members, "127.0.0.1:1");
        watcher.check(members, "127.0.0.1:1");
        watcher.check(members, "127.0.0.1:1");
        assertThat(watcher.check(members, "127.0.0.1:1")).isEmpty();
        assertThat(committed).isEmpty();
    }
}
