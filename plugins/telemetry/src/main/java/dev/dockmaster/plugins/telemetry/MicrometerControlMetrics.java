package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricCounter;
import dev.dockmaster.spi.telemetry.MetricTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The SPI's {@link ControlMetrics} on this module's Micrometer registry: a timer {@code drpc_call} is exported as
 * {@code dockmaster_drpc_call_seconds} (a histogram with the gRPC metrics' buckets), a counter {@code x} as
 * {@code dockmaster_x_total}, a gauge as {@code dockmaster_<name>}.
 */
final class MicrometerControlMetrics implements ControlMetrics {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final MeterRegistry registry;

    MicrometerControlMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricTimer timer(String name, String description, Map<String, String> labels) {
        Timer timer = Timer.builder(meterName(name)).description(description).tags(tags(labels))
                .serviceLevelObjectives(GrpcServerMetrics.BUCKETS).register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public MetricCounter counter(String name, String description, Map<String, String> labels) {
        Counter counter = Counter.builder(meterName(name)).description(description).tags(tags(labels))
                .register(registry);
        return counter::increment;
    }

    @Override
    public void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
        Gauge.builder(meterName(name), value::getAsDouble).description(description).tags(tags(labels))
                .register(registry);
    }

    /** {@code drpc_call} -> {@code dockmaster.drpc.call}; the registry's naming gives back the underscores. */
    static String meterName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name \"" + name
                    + "\" must be lower_snake_case, starting with a letter");
        }
        return MetricNames.PREFIX + name.replace('_', '.');
    }

    private static Tags tags(Map<String, String> labels) {
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            tags = tags.and(label.getKey(), label.getValue());
        }
        return tags;
    }
}
