package dev.dockmaster.client.telemetry;

import java.util.Locale;

/** The kind of a metric family, named as DAOS names them ({@code untyped} is DAOS's "Generic"). */
public enum MetricType {
    UNKNOWN("Unknown"),
    GENERIC("Generic"),
    COUNTER("Counter"),
    GAUGE("Gauge"),
    SUMMARY("Summary"),
    HISTOGRAM("Histogram");

    private final String display;

    MetricType(String display) {
        this.display = display;
    }

    /** As dmg prints it in tables: {@code Counter}, {@code Generic}... */
    public String display() {
        return display;
    }

    /** As dmg writes it in JSON: lower case. */
    public String jsonName() {
        return display.toLowerCase(Locale.ROOT);
    }

    /** The type of a {@code # TYPE} line; empty when the word is not a Prometheus type. */
    static java.util.Optional<MetricType> fromPrometheus(String word) {
        return java.util.Optional.ofNullable(switch (word) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "summary" -> SUMMARY;
            case "histogram" -> HISTOGRAM;
            case "untyped" -> GENERIC;
            default -> null;
        });
    }
}
