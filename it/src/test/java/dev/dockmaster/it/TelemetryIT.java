package dev.dockmaster.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped distribution with {@code telemetry_port} set: the exporter serves the listed families, their values move
 * as the server is used, and dmg reads them back.
 */
class TelemetryIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;

    private static ServerProcess server;
    private static String host;
    private static int telemetryPort;

    static Path configWith(Path dir, String extraYaml) throws IOException {
        // Each server of this class gets its own socket directory and engine storage: two servers on one host
        // cannot share daos_server.sock (DAOS refuses the second with fault 6), and this class runs two at once.
        return Distribution.shippedConfig(dir, extraYaml);
    }

    @BeforeAll
    static void startServer() throws IOException {
        telemetryPort = Distribution.freePort();
        int port = Distribution.freePortPair();
        server = ServerProcess.start(work, configWith(work, "telemetry_port: " + telemetryPort), port);
        host = "localhost:" + port;
        Awaitility.await("telemetry on " + telemetryPort).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> ServerProcess.portOpen(telemetryPort));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetryPort + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The value of the one sample whose name is {@code name} and whose labels contain every {@code labels} pair. */
    static double sample(String text, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        double found = Double.NaN;
        int matches = 0;
        while (m.find()) {
            String set = m.group(1);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= set.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                found = Double.parseDouble(m.group(2));
                matches++;
            }
        }
        return matches == 1 ? found : matches == 0 ? 0 : Double.NaN;
    }

    /** The value of the sample {@code name} that has no labels; NaN when there is none. */
    static double plain(String text, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void engineDrpcAndManagementServiceValuesMoveWhenTheEnginesStartAndJoin() {
        String before = get("/metrics").body();
        assertThat(sample(before, "dockmaster_engine_state", "instance", "0", "state", "awaitformat")).isEqualTo(1);
        assertThat(plain(before, "dockmaster_ms_replica")).isEqualTo(1);
        assertThat(plain(before, "dockmaster_ms_leader")).isZero();

        ProcessResult format = Commands.dmg(work, "-i", "-l", host, "storage", "format");
        assertThat(format.exitCode()).as(format.toString()).isZero();

        Awaitility.await("both engines ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    String text = get("/metrics").body();
                    return sample(text, "dockmaster_engine_state", "instance", "0", "state", "ready") == 1
                            && sample(text, "dockmaster_engine_state", "instance", "1", "state", "ready") == 1;
                });
        String after = get("/metrics").body();
        assertThat(sample(after, "dockmaster_engine_state", "instance", "1", "rank", "1")).isEqualTo(1);
        assertThat(sample(after, "dockmaster_engine_state_transitions_total", "instance", "0", "state", "starting"))
                .isEqualTo(1);
        assertThat(sample(after, "dockmaster_drpc_server_handling_seconds_count", "module", "3", "method", "301",
                "status", "SUCCESS")).as("NotifyReady from both engines").isEqualTo(2);
        assertThat(plain(after, "dockmaster_ms_leader")).isEqualTo(1);
        assertThat(plain(after, "dockmaster_ms_members")).isEqualTo(2);
        assertThat(plain(after, "dockmaster_ms_raft_commit_seconds_count")).isGreaterThanOrEqualTo(1);

        // the server's dRPC calls to its engines: SetRank and SetUp once to each
        assertThat(sample(after, "dockmaster_drpc_client_calls_seconds_count", "module", "2", "method", "202",
                "status", "SUCCESS")).as("SetRank to both engines").isEqualTo(2);
        assertThat(sample(after, "dockmaster_drpc_client_calls_seconds_count", "module", "2", "method", "209",
                "status", "SUCCESS")).as("SetUp to both engines").isEqualTo(2);

        // the engines' own metrics, by rank, as DAOS's exporter publishes them
        Awaitility.await("engine metrics of ranks 0 and 1").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    String text = get("/metrics").body();
                    return sample(text, "engine_servicing_at", "rank", "0") > 0
                            && sample(text, "engine_servicing_at", "rank", "1") > 0;
                });
        String engines = get("/metrics").body();
        assertThat(engines).contains("# TYPE engine_started_at gauge").doesNotContain("dockmaster_engine_started_at");
        double now = System.currentTimeMillis() / 1000.0;
        for (String rank : List.of("0", "1")) {
            double startedAt = sample(engines, "engine_started_at", "rank", rank);
            assertThat(startedAt).as("rank " + rank).isBetween(now - 600, now);
            assertThat(sample(engines, "engine_servicing_at", "rank", rank)).as("rank " + rank)
                    .isBetween(startedAt, now + 1);
            assertThat(sample(engines, "engine_rank", "rank", rank)).isEqualTo(Double.parseDouble(rank));
            assertThat(sample(engines, "engine_drpc_calls_handled", "rank", rank)).as("SetRank, SetUp, ...")
                    .isGreaterThanOrEqualTo(2);
        }
        double uptime = sample(engines, "engine_uptime", "rank", "1");
        Awaitility.await("rank 1's uptime moves").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> sample(get("/metrics").body(), "engine_uptime", "rank", "1") > uptime);
    }

    @Test
    void metricsServesTheListedFamilies() {
        Commands.dmg(work, "-i", "-l", host, "storage", "scan");

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        String text = response.body();
        for (String family : List.of("dockmaster_grpc_server_started_total", "dockmaster_grpc_server_handled_total",
                "dockmaster_grpc_server_handling_seconds", "dockmaster_plugin_status", "dockmaster_module_enabled",
                "dockmaster_server_info", "dockmaster_jvm_memory_used_bytes", "dockmaster_jvm_threads_live_threads",
                "dockmaster_jvm_gc_memory_allocated_bytes_total", "dockmaster_process_uptime_seconds",
                "dockmaster_process_cpu_usage")) {
            assertThat(text).as(family).contains("# TYPE " + family + " ");
        }
        assertThat(text).contains("# TYPE dockmaster_grpc_server_handling_seconds histogram");
        for (String plugin : List.of("control", "storage-mock", "telemetry")) {
            assertThat(sample(text, "dockmaster_plugin_status", "plugin", plugin, "state", "STARTED"))
                    .as(plugin).isEqualTo(1);
        }
        for (String module : List.of("server", "control", "telemetry")) {
            assertThat(sample(text, "dockmaster_module_enabled", "module", module)).as(module).isEqualTo(1);
        }
        assertThat(sample(text, "dockmaster_process_uptime_seconds")).isZero(); // no labels: not matched by the regex
        assertThat(text).containsPattern("(?m)^dockmaster_process_uptime_seconds [0-9.eE+]+$");
        assertThat(get("/").body()).contains("<a href=\"/metrics\">");
    }

    @Test
    void grpcValuesMoveWithEveryStorageScan() {
        String[] scan = {"grpc_service", "ctl.CtlSvc", "grpc_method", "StorageScan"};
        String before = get("/metrics").body();

        for (int i = 0; i < 3; i++) {
            ProcessResult result = Commands.dmg(work, "-i", "-l", host, "storage", "scan");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        String after = get("/metrics").body();

        assertThat(sample(after, "dockmaster_grpc_server_started_total", scan)
                - sample(before, "dockmaster_grpc_server_started_total", scan)).isEqualTo(3);
        assertThat(sample(after, "dockmaster_grpc_server_handled_total", "grpc_method", "StorageScan",
                "grpc_code", "OK") - sample(before, "dockmaster_grpc_server_handled_total", "grpc_method",
                "StorageScan", "grpc_code", "OK")).isEqualTo(3);
        assertThat(sample(after, "dockmaster_grpc_server_handling_seconds_count", scan)
                - sample(before, "dockmaster_grpc_server_handling_seconds_count", scan)).isEqualTo(3);
        assertThat(sample(after, "dockmaster_grpc_server_handling_seconds_sum", scan))
                .isGreaterThan(sample(before, "dockmaster_grpc_server_handling_seconds_sum", scan));
        assertThat(sample(after, "dockmaster_grpc_server_handling_seconds_bucket",
                "grpc_method", "StorageScan", "le", "+Inf"))
                .isEqualTo(sample(after, "dockmaster_grpc_server_handling_seconds_count", scan));
    }

    @Test
    void dmgQueryShowsTheServersCounters() {
        Commands.dmg(work, "-i", "-l", host, "storage", "scan");

        ProcessResult result = Commands.dmg(work, "telemetry", "metrics", "query", "-l", "localhost",
                "-p", String.valueOf(telemetryPort), "-m", "dockmaster_grpc_server_handled_total,dockmaster_plugin_status");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .startsWith("connecting to localhost:" + telemetryPort + "...\n")
                .contains("- Metric Set: dockmaster_grpc_server_handled_total (Type: Counter)")
                .containsPattern("Counter +\\(grpc_code=OK, grpc_method=StorageScan, grpc_service=ctl.CtlSvc, "
                        + "grpc_type=unary\\) +[1-9]")
                .contains("- Metric Set: dockmaster_plugin_status (Type: Gauge)")
                .containsPattern("Gauge +\\(builtin=false, plugin=telemetry, state=STARTED, version=[^)]+\\) +1");
    }

    @Test
    void dmgListAndJson() {
        ProcessResult list = Commands.dmg(work, "telemetry", "metrics", "list", "-l", "localhost",
                "-p", String.valueOf(telemetryPort));
        ProcessResult json = Commands.dmg(work, "-j", "telemetry", "metrics", "query", "-l", "localhost",
                "-p", String.valueOf(telemetryPort), "-m", "dockmaster_grpc_server_handling_seconds");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).containsPattern("dockmaster_grpc_server_handling_seconds +Histogram +Time from");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonObject set = JsonParser.parseString(json.stdout()).getAsJsonObject().getAsJsonObject("response")
                .getAsJsonArray("metric_sets").get(0).getAsJsonObject();
        assertThat(set.get("type").getAsString()).isEqualTo("histogram");
        assertThat(set.getAsJsonArray("metrics")).isNotEmpty();
    }

    @Test
    void dmgAgainstAClosedPortOrTheControlPortIsAClearError() {
        int dead = Distribution.freePort();
        ProcessResult refused = Commands.dmg(work, "telemetry", "metrics", "list", "-l", "localhost",
                "-p", String.valueOf(dead));
        ProcessResult grpc = Commands.dmg(work, "telemetry", "metrics", "list", "-l", "localhost",
                "-p", host.substring(host.indexOf(':') + 1));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("ERROR: dmg: ")
                .contains("the telemetry endpoint at localhost:" + dead + " refused the connection");
        assertThat(grpc.exitCode()).isEqualTo(1);
        assertThat(grpc.stderr()).contains("ERROR: dmg: ").contains("/metrics");
    }

    @Test
    void micrometerShipsInsideThePluginOnly() throws IOException {
        try (Stream<Path> serverLib = Files.list(Distribution.home().resolve("lib"));
             Stream<Path> pluginLib = Files.list(Distribution.home().resolve("plugins/telemetry/lib"))) {
            assertThat(serverLib.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("micrometer") || n.startsWith("prometheus"));
            assertThat(pluginLib.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("micrometer-registry-prometheus-"))
                    .anyMatch(n -> n.startsWith("micrometer-core-"));
        }
    }

    @Test
    void aTelemetryPortInUseFailsThePluginWithTheFaultAndTheServerRuns(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = Distribution.freePort();
            Path config = configWith(dir, "telemetry_port: " + taken.getLocalPort());
            try (ServerProcess other = ServerProcess.start(dir, config, port)) {
                ProcessResult plugins = Commands.dmg(dir, "-i", "-l", "localhost:" + port, "server", "plugins");

                String all = plugins.stdout() + plugins.stderr();
                assertThat(all).contains("telemetry").contains("FAILED").contains("2401")
                        .contains("cannot serve telemetry on 0.0.0.0:" + taken.getLocalPort());
                assertThat(other.log()).contains("plugin telemetry FAILED").contains("code = 2401")
                        .contains("listening on");
            }
        }
    }
}
