package dev.dockmaster.dmg;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.telemetry.MetricsFetcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.dockmaster.dmg.DmgGoldenTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code dmg telemetry metrics list|query}: goldens as DAOS prints them, JSON, flags and errors. */
class DmgTelemetryTest {
    static final String EXPORT = """
            # HELP dockmaster_grpc_server_handled_total gRPC calls completed on the server, by status code
            # TYPE dockmaster_grpc_server_handled_total counter
            dockmaster_grpc_server_handled_total{grpc_code="OK",grpc_method="StorageScan"} 2.0
            dockmaster_grpc_server_handled_total{grpc_code="UNAVAILABLE",grpc_method="StorageScan"} 1.0
            # HELP dockmaster_process_uptime_seconds The uptime of the Java virtual machine
            # TYPE dockmaster_process_uptime_seconds gauge
            dockmaster_process_uptime_seconds 12.5
            # HELP lat Latency.
            # TYPE lat histogram
            lat_bucket{m="a",le="0.001"} 1
            lat_bucket{m="a",le="+Inf"} 3
            lat_sum{m="a"} 0.0045
            lat_count{m="a"} 3
            # TYPE rpc summary
            rpc{quantile="0.5"} 1.25
            rpc{quantile="0.99"} 3.5
            rpc_sum 17
            rpc_count 9
            plain 1000000
            """;

    /** A fetcher that records what it was asked for and answers EXPORT, or fails when told to. */
    static final class Fetcher implements MetricsFetcher {
        final List<URI> asked = new ArrayList<>();
        RuntimeException failure;
        String body = EXPORT;

        @Override
        public String get(URI uri) {
            asked.add(uri);
            if (failure != null) {
                throw failure;
            }
            return body;
        }
    }

    final Fetcher fetcher = new Fetcher();

    DmgHarness.Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Dmg.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), path -> ControlConfig.defaults(),
                config -> {
                    throw new AssertionError("telemetry commands must not open gRPC connections");
                }, fetcher);
        return new DmgHarness.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listPrintsEveryFamilySorted() {
        DmgHarness.Result r = run("telemetry", "metrics", "list", "-l", "wolf-1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fetcher.asked).containsExactly(URI.create("http://wolf-1:9191/metrics"));
        assertThat(r.out()).isEqualTo(golden("""
connecting to wolf-1:9191...
Metric Set                           Type      Description                                        $
----------                           ----      -----------                                        $
dockmaster_grpc_server_handled_total Counter   gRPC calls completed on the server, by status code $
dockmaster_process_uptime_seconds    Gauge     The uptime of the Java virtual machine             $
lat                                  Histogram Latency.                                           $
plain                                Generic                                                      $
rpc                                  Summary                                                      $
"""));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void queryPrintsValuesWithLabelsSummariesAndHistograms() {
        DmgHarness.Result r = run("telemetry", "metrics", "query", "-l", "wolf-1:10001", "-p", "9999");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fetcher.asked).containsExactly(URI.create("http://wolf-1:9999/metrics"));
        assertThat(r.out()).isEqualTo(golden("""
connecting to wolf-1:9999...
- Metric Set: dockmaster_grpc_server_handled_total (Type: Counter)
  gRPC calls completed on the server, by status code
    Metric  Labels                                           Value $
    ------  ------                                           ----- $
    Counter (grpc_code=OK, grpc_method=StorageScan)          2     $
    Counter (grpc_code=UNAVAILABLE, grpc_method=StorageScan) 1     $

- Metric Set: dockmaster_process_uptime_seconds (Type: Gauge)
  The uptime of the Java virtual machine
    Metric Labels Value $
    ------ ------ ----- $
    Gauge  N/A    12.5  $

- Metric Set: lat (Type: Histogram)
  Latency.
    Metric                     Labels Value  $
    ------                     ------ -----  $
    Sample Count               (m=a)  3      $
    Sample Sum                 (m=a)  0.0045 $
    Bucket(0) Upper Bound      (m=a)  0.001  $
    Bucket(0) Cumulative Count (m=a)  1      $
    Bucket(1) Upper Bound      (m=a)  +Inf   $
    Bucket(1) Cumulative Count (m=a)  3      $

- Metric Set: plain (Type: Generic)

    Metric  Labels Value $
    ------  ------ ----- $
    Generic N/A    1e+06 $

- Metric Set: rpc (Type: Summary)

    Metric         Labels Value $
    ------         ------ ----- $
    Sample Count   N/A    9     $
    Sample Sum     N/A    17    $
    Quantile(0.5)  N/A    1.25  $
    Quantile(0.99) N/A    3.5   $

"""));
    }

    @Test
    void queryNamedMetricsInTheGivenOrder() {
        DmgHarness.Result r = run("telemetry", "metrics", "query", "-m", "rpc, lat");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fetcher.asked).containsExactly(URI.create("http://localhost:9191/metrics"));
        assertThat(r.out()).containsSubsequence("- Metric Set: rpc (Type: Summary)", "- Metric Set: lat (Type:")
                .doesNotContain("plain").doesNotContain("dockmaster_process_uptime_seconds");
    }

    @Test
    void listJsonIsDaosShape() {
        fetcher.body = "# HELP up Is it up.\n# TYPE up gauge\nup 1\n";
        DmgHarness.Result r = run("-j", "telemetry", "metrics", "list", "-l", "h");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                {
                  "response": {
                    "available_metric_sets": [
                      {
                        "type": "gauge",
                        "name": "up",
                        "description": "Is it up.",
                        "metrics": null
                      }
                    ]
                  },
                  "error": null,
                  "status": 0
                }
                """);
    }

    @Test
    void queryJsonCarriesValuesBucketsAndQuantiles() {
        DmgHarness.Result r = run("-j", "telemetry", "metrics", "query", "-m", "lat,rpc,dockmaster_process_uptime_seconds");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).doesNotContain("connecting");
        JsonObject response = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("response");
        var sets = response.getAsJsonArray("metric_sets");
        assertThat(sets).hasSize(3);
        JsonObject lat = sets.get(0).getAsJsonObject();
        assertThat(lat.keySet()).containsExactly("type", "name", "description", "metrics");
        assertThat(lat.get("type").getAsString()).isEqualTo("histogram");
        JsonObject histogram = lat.getAsJsonArray("metrics").get(0).getAsJsonObject();
        assertThat(histogram.keySet()).containsExactly("labels", "sample_count", "sample_sum", "buckets");
        assertThat(histogram.getAsJsonObject("labels").get("m").getAsString()).isEqualTo("a");
        assertThat(histogram.get("sample_count").getAsLong()).isEqualTo(3);
        assertThat(histogram.get("sample_sum").getAsDouble()).isEqualTo(0.0045);
        JsonObject inf = histogram.getAsJsonArray("buckets").get(1).getAsJsonObject();
        assertThat(inf.keySet()).containsExactly("label", "cumulative_count", "upper_bound");
        assertThat(inf.get("upper_bound").getAsString()).isEqualTo("+Inf");
        JsonObject summary = sets.get(1).getAsJsonObject().getAsJsonArray("metrics").get(0).getAsJsonObject();
        assertThat(summary.getAsJsonObject("quantiles").get("0.99").getAsString()).isEqualTo("3.5");
        JsonObject gauge = sets.get(2).getAsJsonObject().getAsJsonArray("metrics").get(0).getAsJsonObject();
        assertThat(gauge.keySet()).containsExactly("labels", "value");
        assertThat(gauge.getAsJsonObject("labels").keySet()).isEmpty();
        assertThat(gauge.get("value").getAsDouble()).isEqualTo(12.5);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused", List.of("telemetry", "metrics", "list", "-l", "h"),
                        ClientFaults.telemetryRefused("h:9191"), "the telemetry endpoint at h:9191 refused the connection"),
                Arguments.of("not prometheus", List.of("telemetry", "metrics", "query", "-l", "h"), null,
                        "is not Prometheus text: line 1: invalid metric name \"<html>\""),
                Arguments.of("unknown metric", List.of("telemetry", "metrics", "query", "-l", "h", "-m", "nope"),
                        null, "metric \\\"nope\\\" not found on host h"),
                Arguments.of("two hosts", List.of("telemetry", "metrics", "list", "-l", "h1,h2"), null,
                        "too many hosts: h[1-2]"),
                Arguments.of("bad port", List.of("telemetry", "metrics", "list", "-l", "h", "-p", "0"), null,
                        "invalid telemetry port 0"),
                Arguments.of("port not a number", List.of("telemetry", "metrics", "list", "-p", "http"), null,
                        "Invalid value for option '--port'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failuresAreDaosErrorsAndTheJsonEnvelope(String name, List<String> args, RuntimeException failure,
                                                 String message) {
        if (failure != null) {
            fetcher.failure = failure;
        } else {
            fetcher.body = name.equals("not prometheus") ? "<html>\n" : EXPORT;
        }
        DmgHarness.Result text = run(args.toArray(String[]::new));
        List<String> jsonArgs = new ArrayList<>(List.of("-j"));
        jsonArgs.addAll(args);
        DmgHarness.Result json = run(jsonArgs.toArray(String[]::new));

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).startsWith("ERROR: dmg: ").contains(message.replace("\\\"", "\""));
        assertThat(json.exitCode()).isEqualTo(1);
        JsonObject envelope = JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(envelope.get("response").isJsonNull()).isTrue();
        assertThat(envelope.get("error").getAsString()).contains(message.replace("\\\"", "\""));
        assertThat(envelope.get("status").getAsInt()).isEqualTo(Dmg.DER_MISC);
    }

    @Test
    void telemetryWithoutASubcommandSaysWhatExists() {
        DmgHarness.Result r = run("telemetry", "metrics");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Please specify one command of: list or query");
    }
}
