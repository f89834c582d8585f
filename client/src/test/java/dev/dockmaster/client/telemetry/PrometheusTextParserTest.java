package dev.dockmaster.client.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusTextParserTest {

    static SortedMap<String, String> labels(String... kv) {
        SortedMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    static MetricSet set(String name, String help, MetricType type, Metric... metrics) {
        return new MetricSet(name, help, type, List.of(metrics));
    }

    static Metric simple(double value, String... kv) {
        return new Metric.Simple(labels(kv), value);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("empty text", "", List.of()),
                Arguments.of("blank lines and comments", "\n# just a comment\n   \n#\n", List.of()),
                Arguments.of("counter with help and labels", """
                        # HELP http_requests_total The total number of HTTP requests.
                        # TYPE http_requests_total counter
                        http_requests_total{method="post",code="200"} 1027 1395066363000
                        http_requests_total{method="post",code="400"}    3 1395066363000
                        """, List.of(set("http_requests_total", "The total number of HTTP requests.",
                        MetricType.COUNTER, simple(1027, "code", "200", "method", "post"),
                        simple(3, "code", "400", "method", "post")))),
                Arguments.of("openmetrics-style counter family without _total", """
                        # TYPE calls counter
                        calls_total 5
                        """, List.of(set("calls", "", MetricType.COUNTER, simple(5)))),
                Arguments.of("gauge without labels, special values", """
                        # TYPE g gauge
                        g NaN
                        # TYPE h gauge
                        h +Inf
                        # TYPE i gauge
                        i -Inf
                        # TYPE j gauge
                        j -1.5e-3
                        """, List.of(set("g", "", MetricType.GAUGE, simple(Double.NaN)),
                        set("h", "", MetricType.GAUGE, simple(Double.POSITIVE_INFINITY)),
                        set("i", "", MetricType.GAUGE, simple(Double.NEGATIVE_INFINITY)),
                        set("j", "", MetricType.GAUGE, simple(-0.0015)))),
                Arguments.of("label escapes, blanks and a trailing comma", """
                        # TYPE m gauge
                        m { path = "C:\\\\dir\\"x\\"" , text="two\\nlines", } 1
                        """, List.of(set("m", "", MetricType.GAUGE,
                        simple(1, "path", "C:\\dir\"x\"", "text", "two\nlines")))),
                Arguments.of("help escapes", """
                        # HELP m back\\\\slash and\\nnewline and \\t kept
                        m 2
                        """, List.of(set("m", "back\\slash and\nnewline and \\t kept", MetricType.GENERIC,
                        simple(2)))),
                Arguments.of("samples without TYPE are generic, sorted by name", """
                        zeta 1
                        alpha{a="b"} 2
                        """, List.of(set("alpha", "", MetricType.GENERIC, simple(2, "a", "b")),
                        set("zeta", "", MetricType.GENERIC, simple(1)))),
                Arguments.of("explicit untyped", "# TYPE u untyped\nu 7\n",
                        List.of(set("u", "", MetricType.GENERIC, simple(7)))),
                Arguments.of("histogram grouped by labels, buckets in order", """
                        # HELP lat Latency.
                        # TYPE lat histogram
                        lat_bucket{m="a",le="0.1"} 1
                        lat_bucket{m="a",le="1"} 3
                        lat_bucket{m="a",le="+Inf"} 4
                        lat_sum{m="a"} 2.5
                        lat_count{m="a"} 4
                        lat_bucket{m="b",le="+Inf"} 0
                        lat_sum{m="b"} 0
                        lat_count{m="b"} 0
                        """, List.of(set("lat", "Latency.", MetricType.HISTOGRAM,
                        new Metric.Histogram(labels("m", "a"), 4, 2.5, List.of(new Metric.Bucket(0.1, 1),
                                new Metric.Bucket(1, 3), new Metric.Bucket(Double.POSITIVE_INFINITY, 4))),
                        new Metric.Histogram(labels("m", "b"), 0, 0,
                                List.of(new Metric.Bucket(Double.POSITIVE_INFINITY, 0)))))),
                Arguments.of("summary with quantiles", """
                        # TYPE rpc summary
                        rpc{quantile="0.99"} 3.5
                        rpc{quantile="0.5"} 1.25
                        rpc_sum 17
                        rpc_count 9
                        """, List.of(set("rpc", "", MetricType.SUMMARY,
                        new Metric.Summary(labels(), 9, 17, new TreeMap<>(Map.of(0.5, 1.25, 0.99, 3.5)))))),
                Arguments.of("a gauge named like a histogram part stays its own family", """
                        # TYPE x gauge
                        x 1
                        x_count 2
                        """, List.of(set("x", "", MetricType.GAUGE, simple(1)),
                        set("x_count", "", MetricType.GENERIC, simple(2)))),
                Arguments.of("CRLF line ends", "# TYPE c counter\r\nc 1\r\n",
                        List.of(set("c", "", MetricType.COUNTER, simple(1)))),
                Arguments.of("a family with TYPE and no samples", "# TYPE lonely gauge\n",
                        List.of(set("lonely", "", MetricType.GAUGE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String name, String text, List<MetricSet> expected) throws PrometheusTextException {
        assertThat(List.copyOf(PrometheusTextParser.parse(text).values())).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("an HTML page", "<html>\n<body>hi</body>\n", 1, "invalid metric name \"<html>\""),
                Arguments.of("missing value", "m{a=\"b\"}\n", 1, "missing value for metric \"m\""),
                Arguments.of("bad value", "m 12abc\n", 1, "invalid value \"12abc\""),
                Arguments.of("bad timestamp", "m 1 soon\n", 1, "invalid timestamp \"soon\""),
                Arguments.of("trailing text", "m 1 2 3\n", 1, "unexpected text after the sample: \"3\""),
                Arguments.of("unterminated label value", "m{a=\"b} 1\n", 1, "unterminated value of label \"a\""),
                Arguments.of("unquoted label value", "m{a=b} 1\n", 1,
                        "expected '\"' to start the value of label \"a\""),
                Arguments.of("bad escape", "m{a=\"\\t\"} 1\n", 1, "invalid escape sequence \"\\t\" in label \"a\""),
                Arguments.of("bad label name", "m{1a=\"x\"} 1\n", 1, "invalid label name \"1a\""),
                Arguments.of("missing comma", "m{a=\"x\" b=\"y\"} 1\n", 1,
                        "expected ',' or '}' after the value of label \"a\""),
                Arguments.of("duplicate label", "m{a=\"x\",a=\"y\"} 1\n", 1, "duplicate label name \"a\""),
                Arguments.of("unknown type", "# TYPE m meter\n", 1, "unknown metric type \"meter\""),
                Arguments.of("second TYPE", "# TYPE m gauge\n# TYPE m counter\n", 2,
                        "second TYPE line for metric name \"m\""),
                Arguments.of("second HELP", "# HELP m a\n# HELP m b\n", 2, "second HELP line for metric name \"m\""),
                Arguments.of("TYPE after samples", "m 1\n# TYPE m gauge\n", 2,
                        "TYPE line for metric name \"m\" after its samples"),
                Arguments.of("bucket without le", "# TYPE h histogram\nh_bucket 1\n", 2,
                        "sample of histogram \"h\" without the \"le\" label"),
                Arguments.of("bad le", "# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", 2, "invalid le label \"x\""),
                Arguments.of("histogram sample without suffix", "# TYPE h histogram\nh 1\n", 2,
                        "without a _bucket, _sum or _count suffix"),
                Arguments.of("fractional count", "# TYPE h histogram\nh_count 1.5\n", 2,
                        "count of \"h_count\" is not a non-negative whole number"),
                Arguments.of("summary value without quantile", "# TYPE s summary\ns 1\n", 2,
                        "sample of summary \"s\" without the \"quantile\" label"),
                Arguments.of("a gRPC port's bytes", "\u0000\u0000\u0018\u0004\n", 1, "invalid metric name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refuses(String name, String text, int line, String problem) {
        assertThatThrownBy(() -> PrometheusTextParser.parse(text))
                .isInstanceOfSatisfying(PrometheusTextException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(problem);
                });
    }

    @Test
    void readsWhatMicrometersPrometheusRegistryWrites() throws PrometheusTextException {
        // An excerpt of the telemetry plugin's real output (micrometer-registry-prometheus 1.17).
        String text = """
                # HELP dockmaster_grpc_server_handled_total gRPC calls completed on the server, by status code
                # TYPE dockmaster_grpc_server_handled_total counter
                dockmaster_grpc_server_handled_total{grpc_code="OK",grpc_method="StorageScan",grpc_service="ctl.CtlSvc",grpc_type="unary"} 2.0
                # HELP dockmaster_grpc_server_handling_seconds Time from the start of a gRPC call to its status
                # TYPE dockmaster_grpc_server_handling_seconds histogram
                dockmaster_grpc_server_handling_seconds_bucket{grpc_method="StorageScan",grpc_service="ctl.CtlSvc",grpc_type="unary",le="0.001"} 0
                dockmaster_grpc_server_handling_seconds_bucket{grpc_method="StorageScan",grpc_service="ctl.CtlSvc",grpc_type="unary",le="+Inf"} 2
                dockmaster_grpc_server_handling_seconds_count{grpc_method="StorageScan",grpc_service="ctl.CtlSvc",grpc_type="unary"} 2
                dockmaster_grpc_server_handling_seconds_sum{grpc_method="StorageScan",grpc_service="ctl.CtlSvc",grpc_type="unary"} 0.0312
                # HELP dockmaster_grpc_server_handling_seconds_max Time from the start of a gRPC call to its status
                # TYPE dockmaster_grpc_server_handling_seconds_max gauge
                dockmaster_grpc_server_handling_seconds_max{grpc_method="StorageScan",grpc_service="ctl.CtlSvc",grpc_type="unary"} 0.03
                """;

        SortedMap<String, MetricSet> sets = PrometheusTextParser.parse(text);

        assertThat(sets).containsOnlyKeys("dockmaster_grpc_server_handled_total",
                "dockmaster_grpc_server_handling_seconds", "dockmaster_grpc_server_handling_seconds_max");
        Metric.Histogram histogram = (Metric.Histogram) sets.get("dockmaster_grpc_server_handling_seconds")
                .metrics().get(0);
        assertThat(histogram.sampleCount()).isEqualTo(2);
        assertThat(histogram.sampleSum()).isEqualTo(0.0312);
        assertThat(histogram.labels()).containsEntry("grpc_method", "StorageScan").doesNotContainKey("le");
        assertThat(histogram.buckets()).containsExactly(new Metric.Bucket(0.001, 0),
                new Metric.Bucket(Double.POSITIVE_INFINITY, 2));
    }
}
