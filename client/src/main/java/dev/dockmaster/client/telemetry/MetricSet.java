package dev.dockmaster.client.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * One metric family as dmg shows it.
 *
 * @param name the family name
 * @param description its HELP text (empty when none)
 * @param type its TYPE
 * @param metrics its labelled values (empty in a list response)
 */
public record MetricSet(String name, String description, MetricType type, List<Metric> metrics) {
    public MetricSet {
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(type, "type");
        metrics = List.copyOf(metrics);
    }

    /** The family without its values, as {@code metrics list} reports it. */
    public MetricSet withoutMetrics() {
        return new MetricSet(name, description, type, List.of());
    }
}
