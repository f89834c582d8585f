package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When a leader whose local engines cannot be reached hands leadership over, and to whom. */
class LeadershipHandoverTest {
    static final List<String> APS = List.of("127.0.0.1:10001", "127.0.0.1:10011", "127.0.0.1:10021");
    static final Replicas REPLICAS = Replicas.resolve(APS, 10001);
    static final Set<String> ALL_VOTERS = Set.of(REPLICAS.peerId(0), REPLICAS.peerId(1), REPLICAS.peerId(2));

    static List<EngineView> engines(EngineState... states) {
        List<EngineView> out = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            out.add(new EngineView(i, states[i], List.of()));
        }
        return out;
    }

    static Member member(int rank, String addr, MemberState state) {
        return new Member(rank, "00000000-0000-0000-0000-00000000000" + rank, addr, "ofi+tcp://x", 1, List.of(),
                List.of(), "/h", state, "", 1, Instant.EPOCH);
    }

    static List<Member> members(MemberState onSelf, MemberState onSecond, MemberState onThird) {
        return List.of(member(0, APS.get(0), onSelf), member(1, APS.get(1), onSecond),
                member(2, APS.get(2), onThird));
    }

    static Stream<Arguments> cases() {
        MemberState j = MemberState.JOINED;
        MemberState s = MemberState.STOPPED;
        MemberState e = MemberState.ERRORED;
        return Stream.of(
                Arguments.of("engines running: stay", engines(EngineState.READY, EngineState.READY),
                        members(j, j, j), ALL_VOTERS, Optional.empty()),
                Arguments.of("one engine still running: stay", engines(EngineState.STOPPED, EngineState.READY),
                        members(s, j, j), ALL_VOTERS, Optional.empty()),
                Arguments.of("an engine starting: stay", engines(EngineState.STOPPED, EngineState.STARTING),
                        members(s, j, j), ALL_VOTERS, Optional.empty()),
                Arguments.of("engines waiting for format: stay", engines(EngineState.AWAIT_FORMAT),
                        members(s, j, j), ALL_VOTERS, Optional.empty()),
                Arguments.of("no engines configured: stay", engines(), members(j, j, j), ALL_VOTERS,
                        Optional.empty()),
                Arguments.of("all stopped, second replica joined: hand to it",
                        engines(EngineState.STOPPED, EngineState.STOPPED), members(s, j, j), ALL_VOTERS,
                        Optional.of(REPLICAS.peerId(1))),
                Arguments.of("stopped and errored, only third joined: hand to third",
                        engines(EngineState.STOPPED, EngineState.ERRORED), members(s, e, j), ALL_VOTERS,
                        Optional.of(REPLICAS.peerId(2))),
                Arguments.of("every member down: nobody better, stay", engines(EngineState.STOPPED),
                        members(s, s, e), ALL_VOTERS, Optional.empty()),
                Arguments.of("the joined replica is not a voter yet: stay", engines(EngineState.ERRORED),
                        members(e, s, j), Set.of(REPLICAS.peerId(0), REPLICAS.peerId(1)), Optional.empty()),
                Arguments.of("joined members only on a non-replica host: stay", engines(EngineState.STOPPED),
                        List.of(member(0, APS.get(0), s), member(1, APS.get(1), s), member(2, APS.get(2), s),
                                member(3, "127.0.0.1:10031", j)), ALL_VOTERS, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void successor(String name, List<EngineView> engines, List<Member> members, Set<String> voters,
                   Optional<String> expected) {
        assertThat(LeadershipHandover.successor(engines, members, voters, REPLICAS, 0)).isEqualTo(expected);
    }

    /** A harness whose engines' states the test sets. */
    static final class SettableEngines implements EngineHarness {
        volatile EngineState state = EngineState.READY;

        @Override
        public List<EngineView> engines() {
            return List.of(new EngineView(0, state, List.of()));
        }

        @Override
        public List<EngineFormatResult> format(boolean reformat) {
            return List.of();
        }
    }

    @Test
    void aLeaderWhoseEnginesStoppedHandsOverToAReplicaWithJoinedEngines(@TempDir Path root) throws Exception {
        try (ReplicaHarness cluster = new ReplicaHarness(3, root, ReplicaHarness.FAST)) {
            SettableEngines bootstrapEngines = new SettableEngines();
            cluster.services.add(cluster.startReplica(0, bootstrapEngines));
            cluster.services.add(cluster.startReplica(1, EngineHarness.none()));
            cluster.services.add(cluster.startReplica(2, EngineHarness.none()));
            await().atMost(Duration.ofSeconds(20)).until(cluster::hasLeader);
            ManagementService leader = cluster.leader();
            assertThat(leader).isSameAs(cluster.services.get(0));
            for (int i = 0; i < 3; i++) {
                leader.join(RaftClusterTest.joinReq("00000000-0000-0000-0000-00000000000" + i,
                        cluster.accessPoints.get(i), 0), Optional.empty()).get(20, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(leader.node().orElseThrow().voters()).hasSize(3));

            // the leader's only engine stops (its member follows, as a stop's results would record)
            bootstrapEngines.state = EngineState.STOPPED;
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> !leader.node().orElseThrow().isLeader()
                    && cluster.services.subList(1, 3).stream().anyMatch(s -> s.node().orElseThrow().isLeader()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("handover within a few checks").isLessThan(Duration.ofSeconds(10));

            // the new leader takes writes; the old one stays a follower while its engines are down
            ManagementService newLeader = cluster.leader();
            newLeader.systemSetAttr(QuorumLossTest.setAttr("after", "handover")).get(20, TimeUnit.SECONDS);
            assertThat(leader.node().orElseThrow().isLeader()).isFalse();
        }
    }
}
