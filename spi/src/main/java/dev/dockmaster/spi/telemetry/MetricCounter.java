package dev.dockmaster.spi.telemetry;

/** One counter series: see {@link ControlMetrics#counter}. */
@FunctionalInterface
public interface MetricCounter {

    void increment();
}
