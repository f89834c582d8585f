package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineListener;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the core and other modules record through the SPI, as Prometheus shows it. */
class ControlMetricsExportTest {

    @Test
    void timersCountersAndGaugesAreExportedUnderTheDockmasterPrefix() {
        PrometheusMeterRegistry registry = Telemetry.newRegistry();
        ControlMetrics metrics = new MicrometerControlMetrics(registry);

        metrics.timer("drpc_server_handling", "dRPC calls", Map.of("method", "301", "status", "SUCCESS"))
                .record(2_000_000);
        metrics.counter("ms_joins", "joins", Map.of()).increment();
        metrics.gauge("ms_leader", "1 on the leader", Map.of(), () -> 1);

        String text = registry.scrape();
        assertThat(text)
                .contains("dockmaster_drpc_server_handling_seconds_count{method=\"301\",status=\"SUCCESS\"} 1")
                .contains("dockmaster_drpc_server_handling_seconds_bucket{method=\"301\",status=\"SUCCESS\",le=\"0.002\"} 1")
                .contains("dockmaster_ms_joins_total 1.0")
                .contains("dockmaster_ms_leader 1.0");
    }

    @Test
    void aNameThatIsNotSnakeCaseIsRefused() {
        ControlMetrics metrics = new MicrometerControlMetrics(Telemetry.newRegistry());

        assertThatThrownBy(() -> metrics.counter("Drpc-Calls", "x", Map.of()))
                .hasMessageContaining("lower_snake_case");
    }

    /** Two engines whose states the test changes, telling the listeners as the core's harness does. */
    static final class ChangingHarness implements EngineHarness {
        final List<EngineView> views = new CopyOnWriteArrayList<>();
        final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

        void change(int index, EngineState state, OptionalInt rank) {
            EngineView before = views.get(index);
            EngineView after = new EngineView(index, state, before.tiers(), rank);
            views.set(index, after);
            listeners.forEach(l -> l.stateChanged(after, before.state()));
        }

        @Override
        public List<EngineView> engines() {
            return List.copyOf(views);
        }

        @Override
        public List<EngineFormatResult> format(boolean reformat) {
            return List.of();
        }

        @Override
        public void addListener(EngineListener listener) {
            listeners.add(listener);
        }

        final Map<Integer, Map<String, Double>> published = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, Double> engineMetrics(int index) {
            return published.getOrDefault(index, Map.of());
        }
    }

    @Test
    void engineStatesFollowTheHarnessAndTransitionsAreCounted() {
        ChangingHarness harness = new ChangingHarness();
        List<EngineTier> tiers = List.of(new EngineTier(0, "ram", "/mnt/daos0", List.of(), 0));
        harness.views.add(new EngineView(0, EngineState.AWAIT_FORMAT, tiers));
        harness.views.add(new EngineView(1, EngineState.AWAIT_FORMAT, tiers));
        PrometheusMeterRegistry registry = Telemetry.newRegistry();
        EngineMetrics metrics = new EngineMetrics(registry, harness);

        harness.change(0, EngineState.STARTING, OptionalInt.empty());
        harness.change(0, EngineState.READY, OptionalInt.of(0));
        harness.change(0, EngineState.ERRORED, OptionalInt.of(0));
        harness.change(0, EngineState.STARTING, OptionalInt.of(0));
        metrics.refresh();

        String text = registry.scrape();
        assertThat(text)
                .contains("dockmaster_engine_state{instance=\"0\",rank=\"0\",state=\"starting\"} 1.0")
                .contains("dockmaster_engine_state{instance=\"1\",rank=\"\",state=\"awaitformat\"} 1.0")
                .contains("dockmaster_engine_state_transitions_total{instance=\"0\",state=\"starting\"} 2.0")
                .contains("dockmaster_engine_state_transitions_total{instance=\"0\",state=\"errored\"} 1.0");
        assertThat(text.lines().filter(l -> l.startsWith("dockmaster_engine_state{instance=\"0\""))).hasSize(1);
    }

    @Test
    void readyEnginesOwnMetricsAreExportedAsEngineFamiliesByRank() {
        ChangingHarness harness = new ChangingHarness();
        List<EngineTier> tiers = List.of(new EngineTier(0, "ram", "/mnt/daos0", List.of(), 0));
        harness.views.add(new EngineView(0, EngineState.READY, tiers, OptionalInt.of(3)));
        harness.views.add(new EngineView(1, EngineState.READY, tiers, OptionalInt.of(4)));
        harness.views.add(new EngineView(2, EngineState.STOPPED, tiers, OptionalInt.of(5)));
        harness.published.put(0, Map.of("started_at", 1764130000.0, "drpc/calls_handled", 7.0));
        harness.published.put(1, Map.of("started_at", 1764130001.0, "drpc/calls_handled", 9.0,
                "net/req_total", 1.0));
        harness.published.put(2, Map.of("started_at", 1.0)); // stale: the engine is stopped
        PrometheusMeterRegistry registry = Telemetry.newRegistry();
        EngineMetrics metrics = new EngineMetrics(registry, harness);

        metrics.refresh();
        String text = registry.scrape();
        assertThat(text)
                .contains("# TYPE engine_started_at gauge")
                .contains("engine_started_at{rank=\"3\"} 1.76413E9")
                .contains("engine_started_at{rank=\"4\"} 1.764130001E9")
                .contains("engine_drpc_calls_handled{rank=\"3\"} 7.0")
                .contains("engine_drpc_calls_handled{rank=\"4\"} 9.0")
                .doesNotContain("engine_started_at{rank=\"5\"}")
                .doesNotContain("req_total")
                .doesNotContain("dockmaster_engine_started_at");

        // values are read afresh at each scrape; an engine that stops drops out
        harness.published.put(0, Map.of("started_at", 1764130000.0, "drpc/calls_handled", 8.0));
        harness.change(1, EngineState.STOPPED, OptionalInt.of(4));
        metrics.refresh();
        text = registry.scrape();
        assertThat(text).contains("engine_drpc_calls_handled{rank=\"3\"} 8.0")
                .doesNotContain("engine_drpc_calls_handled{rank=\"4\"}").doesNotContain("engine_started_at{rank=\"4\"}");
    }
}
