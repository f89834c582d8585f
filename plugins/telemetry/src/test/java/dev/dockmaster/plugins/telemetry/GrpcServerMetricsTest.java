package dev.dockmaster.plugins.telemetry;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The gRPC metrics interceptor in front of a real (in-process) gRPC server. */
class GrpcServerMetricsTest {
    static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<String, String> SAY = method("Say");
    static final MethodDescriptor<String, String> HANG = method("Hang");

    private PrometheusMeterRegistry registry;
    private Server server;
    private ManagedChannel channel;

    static MethodDescriptor<String, String> method(String name) {
        return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", name))
                .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();
    }

    /** {@code Say} answers "ok" with "ok" and "fail:CODE" with that status; {@code Hang} never answers. */
    static ServerServiceDefinition echo() {
        return ServerServiceDefinition.builder("test.Echo")
                .addMethod(SAY, ServerCalls.asyncUnaryCall((request, responses) -> {
                    if (request.startsWith("fail:")) {
                        responses.onError(Status.Code.valueOf(request.substring(5)).toStatus().asRuntimeException());
                        return;
                    }
                    if (request.equals("throw")) {
                        throw new IllegalStateException("handler bug");
                    }
                    responses.onNext(request);
                    responses.onCompleted();
                }))
                .addMethod(HANG, ServerCalls.asyncUnaryCall((request, responses) -> {
                }))
                .build();
    }

    @BeforeEach
    void start() throws IOException {
        registry = Telemetry.newRegistry();
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(echo(), new GrpcServerMetrics(registry)))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        registry.close();
    }

    private String call(MethodDescriptor<String, String> method, String request, CallOptions options) {
        return ClientCalls.blockingUnaryCall(channel, method, options, request);
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("ok", "ok", Status.Code.OK),
                Arguments.of("handler returns NOT_FOUND", "fail:NOT_FOUND", Status.Code.NOT_FOUND),
                Arguments.of("handler returns PERMISSION_DENIED", "fail:PERMISSION_DENIED",
                        Status.Code.PERMISSION_DENIED),
                Arguments.of("handler returns INTERNAL", "fail:INTERNAL", Status.Code.INTERNAL),
                Arguments.of("handler throws", "throw", Status.Code.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void countsEachCallUnderItsStatusCode(String name, String request, Status.Code expected) {
        for (int i = 0; i < 3; i++) {
            try {
                call(SAY, request, CallOptions.DEFAULT);
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(expected);
            }
        }

        assertThat(started("Say").count()).isEqualTo(3);
        assertThat(handled("Say", expected).count()).isEqualTo(3);
        assertThat(registry.find(MetricNames.GRPC_HANDLED).counters()).hasSize(1);
        Timer handling = handling("Say");
        assertThat(handling.count()).isEqualTo(3);
        assertThat(handling.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void histogramBucketsAreCumulativeAndEndWithEveryCall() {
        for (int i = 0; i < 20; i++) {
            call(SAY, "ok", CallOptions.DEFAULT);
        }

        CountAtBucket[] buckets = handling("Say").takeSnapshot().histogramCounts();
        assertThat(buckets).hasSize(GrpcServerMetrics.BUCKETS.length);
        for (int i = 1; i < buckets.length; i++) {
            assertThat(buckets[i].count()).isGreaterThanOrEqualTo(buckets[i - 1].count());
        }
        // An in-process echo takes far less than the largest bound (60 s).
        assertThat(buckets[buckets.length - 1].count()).isEqualTo(20);
    }

    @Test
    void methodsAreMeteredSeparatelyWithServiceMethodAndType() {
        call(SAY, "ok", CallOptions.DEFAULT);
        assertThatThrownBy(() -> call(HANG, "x", CallOptions.DEFAULT.withDeadlineAfter(50, TimeUnit.MILLISECONDS)))
                .isInstanceOf(StatusRuntimeException.class);

        assertThat(started("Say").count()).isEqualTo(1);
        assertThat(started("Hang").count()).isEqualTo(1);
        assertThat(started("Say").getId().getTag(MetricNames.TAG_SERVICE)).isEqualTo("test.Echo");
        assertThat(started("Say").getId().getTag(MetricNames.TAG_TYPE)).isEqualTo("unary");
    }

    @Test
    void aCallCancelledByItsDeadlineIsCountedOnceAsCancelled() {
        assertThatThrownBy(() -> call(HANG, "x", CallOptions.DEFAULT.withDeadlineAfter(50, TimeUnit.MILLISECONDS)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(registry.find(MetricNames.GRPC_HANDLED).tag(MetricNames.TAG_METHOD, "Hang")
                        .tag(MetricNames.TAG_CODE, "CANCELLED").counter()).isNotNull());
        assertThat(handled("Hang", Status.Code.CANCELLED).count()).isEqualTo(1);
        assertThat(handling("Hang").count()).isEqualTo(1);
    }

    @Test
    void exportedFamiliesCarryThePrefixAndLabels() {
        call(SAY, "ok", CallOptions.DEFAULT);

        String text = registry.scrape();

        assertThat(text)
                .contains("# TYPE dockmaster_grpc_server_started_total counter")
                .contains("# TYPE dockmaster_grpc_server_handled_total counter")
                .contains("# TYPE dockmaster_grpc_server_handling_seconds histogram")
                .contains("dockmaster_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Say\","
                        + "grpc_service=\"test.Echo\",grpc_type=\"unary\"} 1")
                .contains("dockmaster_grpc_server_handling_seconds_bucket{grpc_method=\"Say\","
                        + "grpc_service=\"test.Echo\",grpc_type=\"unary\",le=\"+Inf\"} 1")
                .contains("dockmaster_grpc_server_handling_seconds_count{grpc_method=\"Say\",");
    }

    private Counter started(String method) {
        return registry.get(MetricNames.GRPC_STARTED).tag(MetricNames.TAG_METHOD, method).counter();
    }

    private Counter handled(String method, Status.Code code) {
        return registry.get(MetricNames.GRPC_HANDLED).tag(MetricNames.TAG_METHOD, method)
                .tag(MetricNames.TAG_CODE, code.name()).counter();
    }

    private Timer handling(String method) {
        return registry.get(MetricNames.GRPC_HANDLING).tag(MetricNames.TAG_METHOD, method).timer();
    }
}
