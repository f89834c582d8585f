package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;

/**
 * The local engine instances, as this server sees them and as they see themselves.
 *
 * <p>As this server sees them: which state each is in (one series per instance, re-read before every scrape, labelled
 * with the state and the rank once it has one) and how often each entered each state since the server started, which
 * counts starts ({@code starting}) and failures ({@code errored}): DAOS does not restart engines on its own, so a
 * growing {@code errored} count is an engine an admin keeps restarting.
 *
 * <p>As they see themselves: each ready engine's own metrics (what it publishes, {@link EngineHarness#engineMetrics}),
 * exported as DAOS's daos_server exports the engines' telemetry: {@code engine_<path>} with a {@code rank} label, no
 * {@code dockmaster_} prefix, read afresh before every scrape. An engine that is not ready, or has no rank yet, is not
 * exported (DAOS adds an engine's source when it is ready and removes it when it stops).
 */
final class EngineMetrics {
    private final MeterRegistry registry;
    private final EngineHarness engines;
    private final MultiGauge states;
    private final Map<String, MultiGauge> own = new HashMap<>();
    /** Bounds the engine metric families one server exports, whatever its engines publish. */
    static final int MAX_ENGINE_FAMILIES = 512;

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
        refreshOwn();
    }

    private synchronized void refreshOwn() {
        Map<String, List<MultiGauge.Row<?>>> byName = new TreeMap<>();
        for (EngineView engine : engines.engines()) {
            if (engine.state() != EngineState.READY || engine.rank().isEmpty()) {
                continue;
            }
            Tags rank = Tags.of("rank", Integer.toString(engine.rank().getAsInt()));
            engines.engineMetrics(engine.index()).forEach((path, value) -> ownName(path).ifPresent(name ->
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(MultiGauge.Row.of(rank, value))));
        }
        for (String name : byName.keySet()) {
            if (!own.containsKey(name) && own.size() < MAX_ENGINE_FAMILIES) {
                own.put(name, MultiGauge.builder(name)
                        .description("the engines' own metric " + name.substring(MetricNames.ENGINE_OWN.length())
                                .replace('.', '/') + ", by rank, as the engines publish it")
                        .register(registry));
            }
        }
        // families no ready engine publishes any more are emptied, so stopped engines' values do not linger
        own.forEach((name, gauge) -> gauge.register(byName.getOrDefault(name, List.of()), true));
    }

    /**
     * The meter name of an engine metric path: {@code drpc/calls_handled} is {@code engine.drpc.calls_handled},
     * exported as {@code engine_drpc_calls_handled}. Paths whose exported name would end in a suffix Prometheus keeps
     * for counters and histograms are left out rather than break the exposition.
     */
    static Optional<String> ownName(String path) {
        String exported = "engine_" + path.replace('/', '_');
        for (String reserved : List.of("_total", "_created", "_bucket", "_count", "_sum", "_info")) {
            if (exported.endsWith(reserved)) {
                return Optional.empty();
            }
        }
        return Optional.of(MetricNames.ENGINE_OWN + path.replace('/', '.'));
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
