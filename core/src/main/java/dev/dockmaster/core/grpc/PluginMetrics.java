package dev.dockmaster.core.grpc;

import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricCounter;
import dev.dockmaster.spi.telemetry.MetricTimer;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A plugin's metrics sink as the core calls it: creating a series runs with the plugin's class loader as the
 * thread's context class loader, like every other call into a plugin; recording into a series does not swap
 * loaders, since it sits on hot paths (every dRPC call) and only touches the plugin's own objects.
 */
final class PluginMetrics implements ControlMetrics {
    private final ControlMetrics delegate;
    private final ClassLoader loader;

    private PluginMetrics(ControlMetrics delegate, ClassLoader loader) {
        this.delegate = delegate;
        this.loader = loader;
    }

    static ControlMetrics wrap(ControlMetrics delegate, ClassLoader loader) {
        return new PluginMetrics(delegate, loader);
    }

    @Override
    public MetricTimer timer(String name, String description, Map<String, String> labels) {
        return ContextClassLoader.call(loader, () -> delegate.timer(name, description, labels));
    }

    @Override
    public MetricCounter counter(String name, String description, Map<String, String> labels) {
        return ContextClassLoader.call(loader, () -> delegate.counter(name, description, labels));
    }

    @Override
    public void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
        ContextClassLoader.run(loader, () -> delegate.gauge(name, description, labels, value));
    }
}
