package dev.dockmaster.core.grpc;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricCounter;
import dev.dockmaster.spi.telemetry.MetricTimer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/** A {@link ControlMetrics} that keeps what it is given, keyed {@code name{labels}}, for assertions. */
public final class RecordingMetrics implements ControlMetrics {
    public final Map<String, List<Long>> timings = new ConcurrentHashMap<>();
    public final Map<String, Integer> counts = new ConcurrentHashMap<>();
    public final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    public static String key(String name, Map<String, String> labels) {
        return name + new java.util.TreeMap<>(labels);
    }

    @Override
    public MetricTimer timer(String name, String description, Map<String, String> labels) {
        List<Long> list = timings.computeIfAbsent(key(name, labels), k -> new CopyOnWriteArrayList<>());
        return list::add;
    }

    @Override
    public MetricCounter counter(String name, String description, Map<String, String> labels) {
        String key = key(name, labels);
        counts.putIfAbsent(key, 0);
        return () -> counts.merge(key, 1, Integer::sum);
    }

    @Override
    public void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
        gauges.put(key(name, labels), value);
    }
}
