package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.telemetry.Metric;
import dev.dockmaster.client.telemetry.MetricSet;
import dev.dockmaster.client.telemetry.MetricType;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** {@code dmg telemetry metrics list|query}, laid out as DAOS prints them. */
public final class TelemetryPrinter {
    private TelemetryPrinter() {
    }

    /** A table of the families: name, type, help. Nothing when there are none. */
    public static String list(List<MetricSet> sets) {
        if (sets.isEmpty()) {
            return "";
        }
        TextTable table = new TextTable("Metric Set", "Type", "Description");
        sets.forEach(s -> table.row(s.name(), s.type().display(), s.description()));
        return table.render();
    }

    /** Per family: a title, its help, and a table of its values (one row per value, more for summaries/histograms). */
    public static String query(List<MetricSet> sets) {
        StringBuilder out = new StringBuilder();
        for (MetricSet set : sets) {
            out.append("- Metric Set: ").append(set.name()).append(" (Type: ").append(set.type().display())
                    .append(")\n");
            out.append(TextTable.indent(set.description() + "\n", 2));
            out.append(TextTable.indent(values(set.metrics(), set.type()), 4));
            out.append('\n');
        }
        return out.toString();
    }

    private static String values(List<Metric> metrics, MetricType type) {
        if (metrics.isEmpty()) {
            return "No metrics found\n";
        }
        TextTable table = new TextTable("Metric", "Labels", "Value");
        for (Metric metric : metrics) {
            String labels = labels(metric.labels());
            if (metric instanceof Metric.Simple s) {
                table.row(type.display(), labels, GoFloats.g(s.value()));
            } else if (metric instanceof Metric.Summary s) {
                table.row("Sample Count", labels, Long.toUnsignedString(s.sampleCount()));
                table.row("Sample Sum", labels, GoFloats.g(s.sampleSum()));
                for (Map.Entry<Double, Double> q : s.quantiles().entrySet()) {
                    table.row("Quantile(" + GoFloats.g(q.getKey()) + ")", labels, GoFloats.g(q.getValue()));
                }
            } else if (metric instanceof Metric.Histogram h) {
                table.row("Sample Count", labels, Long.toUnsignedString(h.sampleCount()));
                table.row("Sample Sum", labels, GoFloats.g(h.sampleSum()));
                for (int i = 0; i < h.buckets().size(); i++) {
                    Metric.Bucket b = h.buckets().get(i);
                    table.row("Bucket(" + i + ") Upper Bound", labels, GoFloats.g(b.upperBound()));
                    table.row("Bucket(" + i + ") Cumulative Count", labels,
                            Long.toUnsignedString(b.cumulativeCount()));
                }
            }
        }
        return table.render();
    }

    /** {@code (k=v, k2=v2)} sorted by name, or {@code N/A}. */
    static String labels(SortedMap<String, String> labels) {
        if (labels.isEmpty()) {
            return "N/A";
        }
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
