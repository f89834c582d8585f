package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.proto.shared.RankResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The RAS events a stop or start fan-out raises, and the fan-out's progress accounting. */
class SystemEventsTest {

    private static List<RankResult> results(int count, int... errored) {
        List<RankResult> out = new ArrayList<>();
        for (int rank = 0; rank < count; rank++) {
            boolean failed = false;
            for (int e : errored) {
                failed |= e == rank;
            }
            out.add(RankResult.newBuilder().setRank(rank).setErrored(failed).build());
        }
        return out;
    }

    static Stream<Arguments> stops() {
        return Stream.of(
                Arguments.of("no failure", "stop", results(3), ""),
                Arguments.of("no ranks", "stop", List.of(), ""),
                Arguments.of("one rank failed to stop", "stop", results(3, 1),
                        "System shutdown failed during \"stop\" action, failed rank 1"),
                Arguments.of("prep shutdown failed on several", "prep shutdown", results(6, 0, 1, 2, 5),
                        "System shutdown failed during \"prep shutdown\" action, failed ranks 0-2,5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stops")
    void systemStopFailedIsRaisedWhenARankErrored(String name, String action, List<RankResult> results,
                                                 String message) {
        Optional<RASEvent> event = SystemEvents.stopFailed(action, results, "host-1");
        if (message.isEmpty()) {
            assertThat(event).isEmpty();
            return;
        }
        RASEvent e = event.orElseThrow();
        assertThat(e.getId()).isEqualTo(18);
        assertThat(e.getMsg()).isEqualTo(message);
        assertThat(e.getSeverity()).isEqualTo(SystemEvents.SEVERITY_ERROR);
        assertThat(e.getType()).isEqualTo(SystemEvents.TYPE_INFO_ONLY);
        assertThat(e.getRank()).isEqualTo(-1);
        assertThat(e.getHostname()).isEqualTo("host-1");
        assertThat(SystemEvents.describe(e)).startsWith("id: [system_stop_failed] ts: [")
                .contains("host: [host-1] type: [INFO] sev: [ERROR] msg: [" + message + "]");
    }

    @Test
    void systemStartFailedNamesTheFailedRanks() {
        assertThat(SystemEvents.startFailed(results(2), "h")).isEmpty();
        RASEvent e = SystemEvents.startFailed(results(4, 3), "h").orElseThrow();
        assertThat(e.getId()).isEqualTo(17);
        assertThat(e.getMsg()).isEqualTo("System startup failed, failed rank 3");
        assertThat(SystemEvents.describe(e)).startsWith("id: [system_start_failed]");
    }

    @Test
    void progressCountsAnsweringAndUnresponsiveHosts() {
        java.util.Map<String, TreeSet<Long>> hosts = new java.util.TreeMap<>();
        hosts.put("a:1", new TreeSet<>(List.of(0L, 1L)));
        hosts.put("b:1", new TreeSet<>(List.of(2L)));
        hosts.put("c:1", new TreeSet<>(List.of(3L)));
        RankFanout.Progress progress = new RankFanout.Progress(RankFanout.Method.STOP, hosts);
        progress.hostDone("a:1", hosts.get("a:1"), List.of(RankResult.newBuilder().setRank(0).build(),
                RankResult.newBuilder().setRank(1).setErrored(true).setState("errored").build()));
        progress.hostDone("b:1", hosts.get("b:1"),
                RankFanout.unresponsive(RankFanout.Method.STOP, "b:1", hosts.get("b:1"), "UNAVAILABLE"));
        progress.hostDone("c:1", hosts.get("c:1"), List.of());
        assertThat(progress.answered()).isEqualTo(2);
        assertThat(progress.unresponsive()).isEqualTo(1);
    }

    @Test
    void swimRankDeadHasDaos26sNumberAndExcludesTheRank() {
        // daos_srv/ras.h: the enum's order, 0 unknown ... 16 swim_rank_dead, 17 system_start_failed, 18 stop
        RASEvent dead = RASEvent.newBuilder().setId(16).setRank(3).setIncarnation(9).build();
        assertThat(ManagementService.stateUpdateFor(dead)).hasValueSatisfying(u -> {
            assertThat(u.getState()).isEqualTo("excluded");
            assertThat(u.getRank()).isEqualTo(3);
        });
        assertThat(ManagementService.stateUpdateFor(dead.toBuilder().setId(13).build()))
                .as("13 is rdb_durable_format_incompatible's neighbour, not a membership event").isEmpty();
    }
}
