package dev.dockmaster.client.telemetry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** One labelled value of a metric family: a plain value, a summary or a histogram. */
public sealed interface Metric permits Metric.Simple, Metric.Summary, Metric.Histogram {

    /** The labels, sorted by name (the {@code le} and {@code quantile} labels are not labels of the metric). */
    SortedMap<String, String> labels();

    private static SortedMap<String, String> sorted(Map<String, String> labels) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
    }

    /** A counter, gauge or untyped value. */
    record Simple(SortedMap<String, String> labels, double value) implements Metric {
        public Simple {
            labels = sorted(labels);
        }

        public static Simple of(Map<String, String> labels, double value) {
            return new Simple(new TreeMap<>(labels), value);
        }
    }

    /** A summary: count, sum and quantiles (quantile → value, sorted by quantile). */
    record Summary(SortedMap<String, String> labels, long sampleCount, double sampleSum,
                   SortedMap<Double, Double> quantiles) implements Metric {
        public Summary {
            labels = sorted(labels);
            quantiles = Collections.unmodifiableSortedMap(new TreeMap<>(quantiles));
        }
    }

    /** A histogram: count, sum and cumulative buckets in the order the exporter gave them. */
    record Histogram(SortedMap<String, String> labels, long sampleCount, double sampleSum, List<Bucket> buckets)
            implements Metric {
        public Histogram {
            labels = sorted(labels);
            buckets = List.copyOf(buckets);
        }
    }

    /** One histogram bucket: the observations at or below {@code upperBound}. */
    record Bucket(double upperBound, long cumulativeCount) {
    }
}
