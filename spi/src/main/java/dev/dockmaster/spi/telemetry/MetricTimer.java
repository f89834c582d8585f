package dev.dockmaster.spi.telemetry;

/** One timer series: see {@link ControlMetrics#timer}. */
@FunctionalInterface
public interface MetricTimer {

    /** Records one event that took {@code nanos} nanoseconds. */
    void record(long nanos);
}
