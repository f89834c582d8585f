package dev.dockmaster.core.grpc;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricCounter;
import dev.dockmaster.spi.telemetry.MetricTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The {@link ControlMetrics} the core hands out before it knows which module exports metrics: modules are created
 * one after the other, and the core's own subsystems start before any of them. Handles resolve to the exporter's
 * series on first use after {@link #bind}; until then they drop what they are given. Gauges registered before the
 * bind are kept and registered with the exporter when it arrives.
 */
public final class LateBoundMetrics implements ControlMetrics {
    private volatile ControlMetrics target;
    private final List<PendingGauge> pendingGauges = new ArrayList<>();

    /** Binds the exporter; later binds are ignored (the module registry refuses two exporters). */
    public void bind(ControlMetrics exporter) {
        List<PendingGauge> gauges;
        synchronized (pendingGauges) {
            if (target != null) {
                return;
            }
            target = exporter;
            gauges = List.copyOf(pendingGauges);
            pendingGauges.clear();
        }
        gauges.forEach(g -> exporter.gauge(g.name(), g.description(), g.labels(), g.value()));
    }

    /** Whether an exporter is bound. */
    public boolean bound() {
        return target != null;
    }

    @Override
    public MetricTimer timer(String name, String description, Map<String, String> labels) {
        Map<String, String> fixed = Map.copyOf(labels);
        return new MetricTimer() {
            private volatile MetricTimer resolved;

            @Override
            public void record(long nanos) {
                MetricTimer t = resolved;
                if (t == null) {
                    ControlMetrics exporter = target;
                    if (exporter == null) {
                        return;
                    }
                    t = exporter.timer(name, description, fixed);
                    resolved = t;
                }
                t.record(nanos);
            }
        };
    }

    @Override
    public MetricCounter counter(String name, String description, Map<String, String> labels) {
        Map<String, String> fixed = Map.copyOf(labels);
        return new MetricCounter() {
            private volatile MetricCounter resolved;

            @Override
            public void increment() {
                MetricCounter c = resolved;
                if (c == null) {
                    ControlMetrics exporter = target;
                    if (exporter == null) {
                        return;
                    }
                    c = exporter.counter(name, description, fixed);
                    resolved = c;
                }
                c.increment();
            }
        };
    }

    @Override
    public void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
        ControlMetrics exporter;
        synchronized (pendingGauges) {
            exporter = target;
            if (exporter == null) {
                pendingGauges.add(new PendingGauge(name, description, Map.copyOf(labels), value));
                return;
            }
        }
        exporter.gauge(name, description, labels, value);
    }

    private record PendingGauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
    }
}
