package dev.dockmaster.plugins.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-method gRPC server metrics, named after go-grpc-prometheus so that existing dashboards read them: calls started,
 * calls handled by status code, and a latency histogram. The meters of a method are looked up once and cached, so a
 * call costs two counter increments and one timer record.
 */
final class GrpcServerMetrics implements ServerInterceptor {

    /** Histogram bucket bounds: control-plane calls run from ~100 µs (cheap unary) to tens of seconds (format). */
    static final Duration[] BUCKETS = {
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private static final Status.Code[] CODES = Status.Code.values();

    private final MeterRegistry registry;
    private final ConcurrentMap<String, MethodMeters> byMethod = new ConcurrentHashMap<>();

    GrpcServerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        MethodMeters meters = byMethod.get(method.getFullMethodName());
        if (meters == null) {
            meters = byMethod.computeIfAbsent(method.getFullMethodName(), name -> new MethodMeters(registry, method));
        }
        meters.started.increment();
        MonitoredCall<Q, R> monitored = new MonitoredCall<>(call, meters, System.nanoTime());
        return new SimpleForwardingServerCallListener<>(next.startCall(monitored, headers)) {
            // A handler that throws is closed by grpc with UNKNOWN directly on the transport, past every
            // interceptor's ServerCall: record it here.
            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (RuntimeException | Error e) {
                    monitored.finish(Status.Code.UNKNOWN);
                    throw e;
                }
            }

            @Override
            public void onHalfClose() {
                try {
                    super.onHalfClose();
                } catch (RuntimeException | Error e) {
                    monitored.finish(Status.Code.UNKNOWN);
                    throw e;
                }
            }

            @Override
            public void onCancel() {
                // The client went away or the deadline passed: the call never closes with a status of its own.
                monitored.finish(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    /** The meters of one method; the per-code counters are created when a code is first seen. */
    private static final class MethodMeters {
        private final MeterRegistry registry;
        private final Tags tags;
        private final Counter started;
        private final Timer handling;
        private final AtomicReferenceArray<Counter> handled = new AtomicReferenceArray<>(CODES.length);

        MethodMeters(MeterRegistry registry, MethodDescriptor<?, ?> method) {
            this.registry = registry;
            String service = method.getServiceName() == null ? "" : method.getServiceName();
            String name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
            this.tags = Tags.of(MetricNames.TAG_SERVICE, service, MetricNames.TAG_METHOD, name,
                    MetricNames.TAG_TYPE, method.getType().name().toLowerCase(Locale.ROOT));
            this.started = Counter.builder(MetricNames.GRPC_STARTED)
                    .description("gRPC calls started on the server")
                    .tags(tags).register(registry);
            this.handling = Timer.builder(MetricNames.GRPC_HANDLING)
                    .description("Time from the start of a gRPC call to its status, whatever the status")
                    .tags(tags)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
        }

        Counter handled(Status.Code code) {
            Counter counter = handled.get(code.ordinal());
            if (counter == null) {
                counter = Counter.builder(MetricNames.GRPC_HANDLED)
                        .description("gRPC calls completed on the server, by status code")
                        .tags(tags).tag(MetricNames.TAG_CODE, code.name())
                        .register(registry);
                handled.set(code.ordinal(), counter);
            }
            return counter;
        }
    }

    private static final class MonitoredCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private final MethodMeters meters;
        private final long startNanos;
        private final AtomicBoolean finished = new AtomicBoolean();

        MonitoredCall(ServerCall<Q, R> delegate, MethodMeters meters, long startNanos) {
            super(delegate);
            this.meters = meters;
            this.startNanos = startNanos;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            finish(status.getCode());
            super.close(status, trailers);
        }

        void finish(Status.Code code) {
            if (finished.compareAndSet(false, true)) {
                meters.handling.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
                meters.handled(code).increment();
            }
        }
    }
}
