package dev.dockmaster.spi.telemetry;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Where the core and modules record the control plane's own metrics (dRPC calls, management-service role, raft
 * commits, fan-out durations ...), without depending on a metrics library. The module that exports metrics (the
 * {@code telemetry} plugin) supplies the implementation ({@link dev.dockmaster.spi.grpc.GrpcModule#metrics()}); with
 * none, everything recorded here costs a branch and is dropped.
 *
 * <p>Names are lower_snake_case without a prefix or unit suffix; the exporter adds its prefix and units (a timer
 * {@code drpc_call} becomes {@code dockmaster_drpc_call_seconds}). Labels are fixed per handle: ask for one handle
 * per label combination once and keep it, since creating handles is not meant for the hot path.
 */
public interface ControlMetrics {

    /** Counts events and their durations (a histogram in Prometheus). */
    MetricTimer timer(String name, String description, Map<String, String> labels);

    /** Counts events. */
    MetricCounter counter(String name, String description, Map<String, String> labels);

    /** A value read when metrics are exported; {@code value} must be cheap and never block. */
    void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value);

    /** Records nothing. */
    ControlMetrics NONE = new ControlMetrics() {
        @Override
        public MetricTimer timer(String name, String description, Map<String, String> labels) {
            return nanos -> {
            };
        }

        @Override
        public MetricCounter counter(String name, String description, Map<String, String> labels) {
            return () -> {
            };
        }

        @Override
        public void gauge(String name, String description, Map<String, String> labels, DoubleSupplier value) {
        }
    };
}
