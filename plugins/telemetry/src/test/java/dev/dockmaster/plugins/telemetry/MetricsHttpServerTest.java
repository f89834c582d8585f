package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exporter's HTTP endpoint on a real socket. */
class MetricsHttpServerTest {

    @Test
    void metricsServesTheScrapeAsPrometheusTextEachTimeAfresh() {
        AtomicInteger scrapes = new AtomicInteger();
        int port = FreePorts.next();
        try (MetricsHttpServer server = MetricsHttpServer.start("0.0.0.0", port,
                () -> "# TYPE x counter\nx_total " + scrapes.incrementAndGet() + "\n")) {
            HttpResponse<String> first = Http.get(port, "/metrics");
            HttpResponse<String> second = Http.get(port, "/metrics");

            assertThat(server.port()).isEqualTo(port);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue(MetricsHttpServer.CONTENT_TYPE);
            assertThat(first.body()).isEqualTo("# TYPE x counter\nx_total 1\n");
            assertThat(second.body()).isEqualTo("# TYPE x counter\nx_total 2\n");
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /, 200, Dockmaster Control Plane Telemetry",
            "GET, /nope, 404, metrics are at /metrics",
            "GET, /metrics/extra, 404, metrics are at /metrics",
            "POST, /metrics, 405, method not allowed",
            "DELETE, /, 405, method not allowed",
    })
    void otherPathsAndMethods(String method, String path, int status, String bodyPart) throws IOException {
        int port = FreePorts.next();
        try (MetricsHttpServer ignored = MetricsHttpServer.start("0.0.0.0", port, () -> "x 1\n")) {
            HttpResponse<String> response = Http.send(method, port, path);

            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).contains(bodyPart);
        }
    }

    @Test
    void headAnswersWithoutABody() throws IOException {
        int port = FreePorts.next();
        try (MetricsHttpServer ignored = MetricsHttpServer.start("0.0.0.0", port, () -> "x 1\n")) {
            HttpResponse<String> response = Http.send("HEAD", port, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void aFailingScrapeIsA500NotADeadServer() {
        int port = FreePorts.next();
        try (MetricsHttpServer ignored = MetricsHttpServer.start("0.0.0.0", port, () -> {
            throw new IllegalStateException("registry closed");
        })) {
            HttpResponse<String> failed = Http.get(port, "/metrics");
            HttpResponse<String> index = Http.get(port, "/");

            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("registry closed");
            assertThat(index.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPortInUseIsATelemetryFault() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> MetricsHttpServer.start("0.0.0.0", port, () -> ""))
                    .isInstanceOfSatisfying(Fault.class, f -> {
                        assertThat(f.domain()).isEqualTo(TelemetryFaults.DOMAIN);
                        assertThat(f.code()).isEqualTo(TelemetryFaults.PORT_UNAVAILABLE);
                        assertThat(f.description()).startsWith("cannot serve telemetry on 0.0.0.0:" + port + ": ");
                        assertThat(f.resolution()).contains("telemetry_port");
                    });
        }
    }

    @Test
    void closeFreesThePort() throws IOException {
        int port = FreePorts.next();
        MetricsHttpServer server = MetricsHttpServer.start("0.0.0.0", port, () -> "x 1\n");
        assertThat(Http.get(port, "/metrics").statusCode()).isEqualTo(200);

        server.close();

        assertThatThrownBy(() -> Http.send("GET", port, "/metrics")).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
