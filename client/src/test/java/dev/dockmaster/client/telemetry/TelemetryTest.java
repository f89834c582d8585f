package dev.dockmaster.client.telemetry;

import com.sun.net.httpserver.HttpServer;
import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryTest {
    static final String EXPORT = """
            # HELP b_total B things.
            # TYPE b_total counter
            b_total{x="1"} 4
            # HELP a_gauge An A.
            # TYPE a_gauge gauge
            a_gauge 2
            """;

    /** A fetcher that records the URIs it was asked for. */
    static final class Recording implements MetricsFetcher {
        final List<URI> asked = new ArrayList<>();
        final String body;

        Recording(String body) {
            this.body = body;
        }

        @Override
        public String get(URI uri) {
            asked.add(uri);
            return body;
        }
    }

    @Test
    void listIsEveryFamilySortedWithoutValues() {
        Recording fetcher = new Recording(EXPORT);

        Telemetry.ListResponse resp = Telemetry.list(fetcher, "wolf-1", 9191);

        assertThat(fetcher.asked).containsExactly(URI.create("http://wolf-1:9191/metrics"));
        assertThat(resp.availableMetricSets()).containsExactly(
                new MetricSet("a_gauge", "An A.", MetricType.GAUGE, List.of()),
                new MetricSet("b_total", "B things.", MetricType.COUNTER, List.of()));
    }

    @Test
    void queryAllOrTheNamedFamiliesInTheGivenOrder() {
        assertThat(Telemetry.query(new Recording(EXPORT), "h", 1, List.of()).metricSets())
                .extracting(MetricSet::name).containsExactly("a_gauge", "b_total");
        Telemetry.QueryResponse named = Telemetry.query(new Recording(EXPORT), "h", 1, List.of("b_total", "a_gauge"));
        assertThat(named.metricSets()).extracting(MetricSet::name).containsExactly("b_total", "a_gauge");
        assertThat(named.metricSets().get(0).metrics()).containsExactly(
                new Metric.Simple(PrometheusTextParserTest.labels("x", "1"), 4));
    }

    @Test
    void anUnknownNameIsAFault() {
        assertThatThrownBy(() -> Telemetry.query(new Recording(EXPORT), "h", 1, List.of("a_gauge", "nope")))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.description()).isEqualTo("metric \"nope\" not found on host h");
                    assertThat(f.resolution()).contains("dmg telemetry metrics list");
                });
    }

    @Test
    void textThatIsNotPrometheusIsAFaultNamingTheLine() {
        assertThatThrownBy(() -> Telemetry.list(new Recording("<html>\n</html>\n"), "h", 8080))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description()).isEqualTo(
                        "unable to list metrics: the answer of http://h:8080/metrics is not Prometheus text: "
                                + "line 1: invalid metric name \"<html>\""));
    }

    @ParameterizedTest(name = "host \"{0}\" port {1}")
    @CsvSource({"'', 9191, host must be specified", "h, 0, invalid telemetry port 0",
            "h, 70000, invalid telemetry port 70000"})
    void badRequestsNeverReachTheNetwork(String host, int port, String problem) {
        Recording fetcher = new Recording(EXPORT);
        assertThatThrownBy(() -> Telemetry.list(fetcher, host, port))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description()).isEqualTo(problem));
        assertThat(fetcher.asked).isEmpty();
    }

    @Test
    void ipv6HostsAreBracketed() {
        assertThat(Telemetry.metricsUri("::1", 9191)).isEqualTo(URI.create("http://[::1]:9191/metrics"));
    }

    // ---- the real HTTP fetcher, on real sockets ----

    @Test
    void httpFetcherReadsA200Body() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = EXPORT.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Telemetry.ListResponse resp = Telemetry.list(new HttpMetricsFetcher(Duration.ofSeconds(5)), "127.0.0.1",
                    server.getAddress().getPort());
            assertThat(resp.availableMetricSets()).hasSize(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpFetcherReportsANon200Status() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThatThrownBy(() -> new HttpMetricsFetcher(Duration.ofSeconds(5))
                    .get(Telemetry.metricsUri("127.0.0.1", port)))
                    .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description())
                            .isEqualTo("GET http://127.0.0.1:" + port + "/metrics failed: HTTP status 404"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpFetcherReportsARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> new HttpMetricsFetcher(Duration.ofSeconds(5))
                .get(Telemetry.metricsUri("127.0.0.1", closed)))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ClientFaults.CONNECTION_REFUSED);
                    assertThat(f.description())
                            .isEqualTo("the telemetry endpoint at 127.0.0.1:" + closed + " refused the connection");
                    assertThat(f.resolution()).contains("telemetry_port");
                });
    }

    @Test
    void httpFetcherTimesOutOnASilentServer() throws IOException {
        // A socket that accepts (the backlog does) and never answers.
        try (ServerSocket silent = new ServerSocket(0)) {
            int port = silent.getLocalPort();
            assertThatThrownBy(() -> new HttpMetricsFetcher(Duration.ofMillis(300))
                    .get(Telemetry.metricsUri("127.0.0.1", port)))
                    .isInstanceOfSatisfying(Fault.class, f -> {
                        assertThat(f.code()).isEqualTo(ClientFaults.RPC_TIMEOUT);
                        assertThat(f.description()).endsWith("timed out after 300ms");
                    });
        }
    }

    @Test
    void httpFetcherNamesAGrpcPortForWhatItIs() throws Exception {
        io.grpc.Server grpc = io.grpc.Grpc.newServerBuilderForPort(0, io.grpc.InsecureServerCredentials.create())
                .build().start();
        try {
            int port = grpc.getPort();
            assertThatThrownBy(() -> new HttpMetricsFetcher(Duration.ofSeconds(5))
                    .get(Telemetry.metricsUri("127.0.0.1", port)))
                    .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description())
                            .startsWith("GET http://127.0.0.1:" + port + "/metrics failed: ")
                            .contains("does not answer HTTP/1.1")
                            .matches("[\\x20-\\x7e]*"));
        } finally {
            grpc.shutdownNow();
        }
    }
}
