package dev.dockmaster.bench;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.engine.RankResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scale benchmark's simulated engines answer rank operations as the real harness does: only for their own
 * ranks, with DAOS's actions and state names, and with the states they end in.
 */
class SimulatedEngineHarnessTest {
    static final Duration T = Duration.ofSeconds(5);

    /** Engine 0 has rank 10, engine 1 rank 11; both start in {@code initial}. */
    record Case(String name, EngineState initial, BiFunction<SimulatedEngineHarness, Set<Integer>, List<RankResult>> op,
                Set<Integer> ranks, List<String> results, List<EngineState> after) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> operations() {
        BiFunction<SimulatedEngineHarness, Set<Integer>, List<RankResult>> stop = (h, r) -> h.stop(r, true, T);
        BiFunction<SimulatedEngineHarness, Set<Integer>, List<RankResult>> start = (h, r) -> h.start(r, T);
        BiFunction<SimulatedEngineHarness, Set<Integer>, List<RankResult>> prep = (h, r) -> h.prepShutdown(r, T);
        BiFunction<SimulatedEngineHarness, Set<Integer>, List<RankResult>> reset = (h, r) -> h.resetFormat(r, T);
        return Stream.of(
                new Case("stop of both ready engines", EngineState.READY, stop, Set.of(10, 11),
                        List.of("10 stop ok stopped", "11 stop ok stopped"),
                        List.of(EngineState.STOPPED, EngineState.STOPPED)),
                new Case("stop of one rank leaves the other running", EngineState.READY, stop, Set.of(11),
                        List.of("11 stop ok stopped"), List.of(EngineState.READY, EngineState.STOPPED)),
                new Case("stop of ranks of other hosts answers nothing", EngineState.READY, stop, Set.of(1, 2, 12),
                        List.of(), List.of(EngineState.READY, EngineState.READY)),
                new Case("stop of stopped engines: already stopped", EngineState.STOPPED, stop, Set.of(10),
                        List.of("10 stop ok stopped"), List.of(EngineState.STOPPED, EngineState.STOPPED)),
                new Case("start rejoins and is ready", EngineState.STOPPED, start, Set.of(10, 11),
                        List.of("10 start ok ready", "11 start ok ready"),
                        List.of(EngineState.READY, EngineState.READY)),
                new Case("start of a ready engine: already ready", EngineState.READY, start, Set.of(10),
                        List.of("10 start ok ready"), List.of(EngineState.READY, EngineState.READY)),
                new Case("start of an unknown rank answers nothing", EngineState.STOPPED, start, Set.of(99),
                        List.of(), List.of(EngineState.STOPPED, EngineState.STOPPED)),
                new Case("an errored engine starts again", EngineState.ERRORED, start, Set.of(11),
                        List.of("11 start ok ready"), List.of(EngineState.ERRORED, EngineState.READY)),
                new Case("prep shutdown of ready engines: stopping, still running", EngineState.READY, prep,
                        Set.of(10), List.of("10 prep shutdown ok stopping"),
                        List.of(EngineState.READY, EngineState.READY)),
                new Case("prep shutdown of stopped engines: stopped", EngineState.STOPPED, prep, Set.of(10, 11),
                        List.of("10 prep shutdown ok stopped", "11 prep shutdown ok stopped"),
                        List.of(EngineState.STOPPED, EngineState.STOPPED)),
                new Case("reset format of stopped engines: awaitformat, rank forgotten", EngineState.STOPPED, reset,
                        Set.of(10), List.of("10 reset format ok awaitformat"),
                        List.of(EngineState.AWAIT_FORMAT, EngineState.STOPPED))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void rankOperations(Case c) {
        SimulatedEngineHarness harness = SimulatedEngineHarness.withRanks(c.initial(), 10, 11);

        List<RankResult> results = c.op().apply(harness, c.ranks());

        assertThat(results).extracting(r -> r.rank() + " " + r.action() + " " + (r.errored() ? "errored" : "ok")
                + " " + r.state()).containsExactlyElementsOf(c.results());
        assertThat(harness.engines()).extracting(EngineView::state).containsExactlyElementsOf(c.after());
    }

    @Test
    void resetFormatIsRefusedWhileARankRuns() {
        SimulatedEngineHarness harness = SimulatedEngineHarness.withRanks(EngineState.READY, 10, 11);

        assertThatThrownBy(() -> harness.resetFormat(Set.of(10, 11), T))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(612))
                .hasMessageContaining("10,11");
        assertThat(harness.engines()).extracting(EngineView::state)
                .containsExactly(EngineState.READY, EngineState.READY);
    }

    @Test
    void aStartJoinsWithTheKnownRankAndANewIncarnation() {
        List<String> joins = new ArrayList<>();
        SimulatedEngineHarness harness = new SimulatedEngineHarness(2, EngineState.STOPPED, (index, rank, inc) -> {
            joins.add(index + " " + rank + " " + inc);
            return CompletableFuture.completedFuture(rank.orElse(40 + index));
        });

        harness.startAll(T).join();
        harness.stop(Set.of(40, 41), true, T);
        List<RankResult> restarted = harness.start(Set.of(41), T);

        assertThat(joins).containsExactly("0 OptionalInt.empty 1", "1 OptionalInt.empty 1", "1 OptionalInt[41] 2");
        assertThat(restarted).extracting(RankResult::rank, RankResult::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(41, "ready"));
        assertThat(harness.engines()).extracting(EngineView::rank)
                .containsExactly(OptionalInt.of(40), OptionalInt.of(41));
    }

    @Test
    void aFailedOrLateJoinLeavesTheEngineErrored() {
        SimulatedEngineHarness harness = SimulatedEngineHarness.withRanks(EngineState.STOPPED, (index, rank, inc) ->
                index == 0 ? CompletableFuture.failedFuture(new IllegalStateException("join refused"))
                        : new CompletableFuture<>(), 10, 11);

        List<RankResult> results = harness.start(Set.of(10, 11), Duration.ofMillis(200));

        assertThat(results).extracting(RankResult::rank, RankResult::errored, RankResult::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10, true, "errored"),
                org.assertj.core.groups.Tuple.tuple(11, true, "errored"));
        assertThat(results.get(0).message()).contains("join refused");
        assertThat(results.get(1).message()).contains("no join within");
        assertThat(harness.engines()).extracting(EngineView::state)
                .containsExactly(EngineState.ERRORED, EngineState.ERRORED);
    }

    @Test
    void anEngineThatNeverJoinedHasNoRankToReport() {
        SimulatedEngineHarness harness = new SimulatedEngineHarness(1, EngineState.STOPPED,
                (index, rank, inc) -> CompletableFuture.failedFuture(new IllegalStateException("no leader")));

        List<RankResult> results = harness.startAll(T).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(results).isEmpty();
        assertThat(harness.engines()).extracting(EngineView::state, EngineView::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EngineState.ERRORED, OptionalInt.empty()));
    }

    @Test
    void listenersSeeEveryStateChange() {
        SimulatedEngineHarness harness = SimulatedEngineHarness.withRanks(EngineState.STOPPED, 10, 11);
        List<String> changes = new ArrayList<>();
        harness.addListener((engine, previous) -> changes.add(engine.index() + ":" + previous + "->" + engine.state()));

        harness.start(Set.of(10), T);
        harness.stop(Set.of(10, 11), true, T);

        assertThat(changes).containsExactly("0:STOPPED->STARTING", "0:STARTING->READY", "0:READY->STOPPED");
    }
}
