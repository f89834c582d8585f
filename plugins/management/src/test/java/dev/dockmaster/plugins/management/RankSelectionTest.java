package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.Fault;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolution of a command's ranks xor hosts against the membership, and grouping of ranks by host. */
class RankSelectionTest {
    static Member member(int rank, String addr) {
        return new Member(rank, "00000000-0000-0000-0000-0000000000" + (10 + rank), addr, "ofi+tcp://x", 1,
                List.of(), List.of(), "/h", MemberState.JOINED, "", 1, Instant.EPOCH);
    }

    static final List<Member> MEMBERS = List.of(member(0, "127.0.0.1:10001"), member(1, "127.0.0.1:10001"),
            member(2, "127.0.0.2:10001"), member(3, "127.0.0.2:10001"), member(4, "127.0.0.3:10001"));

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("nothing named: every member", "", "", List.of(0, 1, 2, 3, 4), "", "", false),
                Arguments.of("rank set", "1-2,4", "", List.of(1, 2, 4), "", "", true),
                Arguments.of("rank set with absent ranks", "[3-6,9]", "", List.of(3, 4), "5-6,9", "", true),
                Arguments.of("only absent ranks", "7", "", List.of(), "7", "", true),
                Arguments.of("host by IP", "", "127.0.0.2", List.of(2, 3), "", "", true),
                Arguments.of("host with port", "", "127.0.0.1:10001", List.of(0, 1), "", "", true),
                Arguments.of("host on another port is absent", "", "127.0.0.1:10002", List.of(), "", "127.0.0.1:10002",
                        true),
                Arguments.of("host range, some absent", "", "127.0.0.[2-5]", List.of(2, 3, 4), "",
                        "127.0.0.4,127.0.0.5", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void resolves(String name, String ranks, String hosts, List<Integer> selected, String absentRanks,
                  String absentHosts, boolean explicit) {
        RankSelection s = RankSelection.resolve(MEMBERS, ranks, hosts);
        assertThat(s.members()).extracting(Member::rank).containsExactlyElementsOf(selected);
        assertThat(s.absentRanks()).isEqualTo(absentRanks);
        assertThat(s.absentHosts()).isEqualTo(absentHosts);
        assertThat(s.explicit()).isEqualTo(explicit);
    }

    @Test
    void refusesBothOrMalformedSets() {
        assertThatThrownBy(() -> RankSelection.resolve(MEMBERS, "1", "127.0.0.1"))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> RankSelection.resolve(MEMBERS, "1-x", "")).isInstanceOf(Fault.class);
        assertThatThrownBy(() -> RankSelection.resolve(MEMBERS, "", "node[1-")).isInstanceOf(Fault.class);
    }

    @Test
    void groupsRanksByOwningHostAndFillsUnresponsiveResults() {
        Map<String, TreeSet<Long>> hosts = RankFanout.byHost(MEMBERS);
        assertThat(hosts).containsOnlyKeys("127.0.0.1:10001", "127.0.0.2:10001", "127.0.0.3:10001");
        assertThat(hosts.get("127.0.0.2:10001")).containsExactly(2L, 3L);

        List<RankResult> down = RankFanout.unresponsive(RankFanout.Method.START, "127.0.0.2:10001",
                hosts.get("127.0.0.2:10001"), "UNAVAILABLE: connection refused");
        assertThat(down).extracting(RankResult::getRank).containsExactly(2, 3);
        assertThat(down).allSatisfy(r -> {
            assertThat(r.getErrored()).isTrue();
            assertThat(r.getState()).isEqualTo("unresponsive");
            assertThat(r.getAction()).isEqualTo("start");
            assertThat(r.getAddr()).isEqualTo("127.0.0.2:10001");
            assertThat(r.getMsg()).contains("connection refused");
        });
    }
}
