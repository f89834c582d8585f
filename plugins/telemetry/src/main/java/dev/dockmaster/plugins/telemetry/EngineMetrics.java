package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local engine instances: which state each is in (one series per instance, re-read before every scrape, labelled
 * with the state and the rank once it has one) and how often each entered each state since the server started, which
 * counts starts ({@code starting}) and failures ({@code errored}): DAOS does not restart engines on its own, so a
 * growing {@code errored} count is an engine an admin keeps restarting.
 */
final class EngineMetrics {
    private final MeterRegistry registry;
    private final EngineHarness engines;
    private final MultiGauge states;

    EngineMetrics(MeterRegistry registry, EngineHarness engines) {
        this.registry = registry;
        this.engines = engines;
        this.states = MultiGauge.builder(MetricNames.ENGINE_STATE)
                .description("1 for each local engine instance; the state label says which state it is in")
                .register(registry);
        engines.addListener((engine, previous) -> transitions(engine.index(), engine.state()).increment());
        refresh();
    }

    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (EngineView engine : engines.engines()) {
            rows.add(MultiGauge.Row.of(Tags.of("instance", Integer.toString(engine.index()),
                    "state", name(engine.state()),
                    "rank", engine.rank().isPresent() ? Integer.toString(engine.rank().getAsInt()) : ""), 1));
        }
        states.register(rows, true);
    }

    private Counter transitions(int instance, EngineState state) {
        return Counter.builder(MetricNames.ENGINE_TRANSITIONS)
                .description("times the local engine instance entered the state since the server started")
                .tags("instance", Integer.toString(instance), "state", name(state))
                .register(registry);
    }

    /** DAOS's lower-case spelling: {@code AWAIT_FORMAT} is {@code awaitformat}. */
    static String name(EngineState state) {
        return state.name().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
