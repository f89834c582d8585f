package dev.dockmaster.dmg;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.DaosWire;
import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.ListPluginsRequest;
import dev.dockmaster.client.api.ListPluginsResponse;
import dev.dockmaster.client.api.NetworkScanRequest;
import dev.dockmaster.client.api.NetworkScanResponse;
import dev.dockmaster.client.api.StorageFormatRequest;
import dev.dockmaster.client.api.StorageFormatResponse;
import dev.dockmaster.client.api.StorageScanRequest;
import dev.dockmaster.client.api.StorageScanResponse;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.telemetry.Telemetry.ListResponse;
import dev.dockmaster.client.telemetry.Telemetry.QueryResponse;
import dev.dockmaster.dmg.pretty.FormatPrinter;
import dev.dockmaster.dmg.pretty.HostErrorsPrinter;
import dev.dockmaster.dmg.pretty.NetworkPrinter;
import dev.dockmaster.dmg.pretty.PluginsPrinter;
import dev.dockmaster.dmg.pretty.StoragePrinter;
import dev.dockmaster.dmg.pretty.TelemetryPrinter;
import dev.dockmaster.spi.Fault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** The dmg command tree. Group commands only hold subcommands; leaf commands run against the control API. */
final class Commands {
    private Commands() {
    }

    /** The host-list error that makes a command fail after its output (DAOS's {@code resp.Errors()}). */
    static final class HostsFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostsFailed(String summary) {
            super(summary);
        }
    }

    @Command(name = "storage", description = "Perform tasks related to storage attached to remote servers",
            mixinStandardHelpOptions = false)
    static final class Storage implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Please specify one command of: format, query, scan");
        }
    }

    @Command(name = "network", description = "Perform tasks related to network devices attached to remote servers")
    static final class Network implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Please specify one command of: scan");
        }
    }

    @Command(name = "server", description = "Perform tasks related to remote servers")
    static final class Server implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Please specify one command of: plugins");
        }
    }

    /** Shared by commands that talk to a host list. */
    abstract static class HostListCommand implements Callable<Integer> {
        final Dmg dmg;

        @Option(names = {"-l", "--host-list"}, paramLabel = "HOSTLIST",
                description = "A hostlist or a comma separated list of hostnames to use instead of the configured one")
        String hostList;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message")
        boolean help;

        HostListCommand(Dmg dmg) {
            this.dmg = dmg;
        }

        /** Runs {@code action} with an invoker for the effective configuration, closing it afterwards. */
        <T> T withInvoker(Function<Invoker, T> action) {
            ControlConfig config = dmg.config(hostList);
            try (Invoker invoker = dmg.invoker(config)) {
                return action.apply(invoker);
            }
        }

        /** The JSON envelope for a grouped response, then failure when any host failed. */
        int finishJson(Object view, HostErrors errors) {
            Optional<String> summary = errors.summary();
            dmg.outputJson(view, summary.orElse(null), summary.isPresent() ? Dmg.DER_MISC : 0);
            return finish(errors);
        }

        int finish(HostErrors errors) {
            Optional<String> summary = errors.summary();
            if (summary.isPresent()) {
                throw new HostsFailed(summary.get());
            }
            return 0;
        }
    }

    @Command(name = "scan", description = "Scan SCM and NVMe storage attached to remote servers.")
    static final class StorageScan extends HostListCommand {
        @Option(names = {"-v", "--verbose"}, description = "List SCM & NVMe device details")
        boolean verbose;

        @Option(names = {"-n", "--nvme-health"}, description = "Display NVMe device health statistics")
        boolean nvmeHealth;

        StorageScan(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            if (verbose && nvmeHealth) {
                throw new IllegalArgumentException("cannot use --verbose with --nvme-health");
            }
            StorageScanRequest request = new StorageScanRequest(HostSet.empty(), false, nvmeHealth,
                    !(verbose || nvmeHealth), Optional.empty());
            dmg.debug("storage scan request: " + request);
            StorageScanResponse resp = withInvoker(invoker -> Control.storageScan(invoker, request));
            if (dmg.json()) {
                return finishJson(JsonViews.storageScan(resp), resp.errors());
            }
            String errors = HostErrorsPrinter.render(resp.errors());
            if (!errors.isEmpty()) {
                dmg.error(errors);
            }
            dmg.info(nvmeHealth ? StoragePrinter.nvmeHealth(resp.hostStorage())
                    : StoragePrinter.hostStorage(resp.hostStorage(), verbose));
            return finish(resp.errors());
        }
    }

    @Command(name = "format", description = "Format SCM and NVMe storage attached to remote servers.")
    static final class StorageFormat extends HostListCommand {
        @Option(names = {"-v", "--verbose"}, description = "Show results of each SCM & NVMe device format operation")
        boolean verbose;

        @Option(names = "--force", description = "Force storage format on a host, stopping any running engines "
                + "(CAUTION: destructive operation)")
        boolean force;

        StorageFormat(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            StorageFormatRequest request = StorageFormatRequest.of(HostSet.empty(), force);
            dmg.debug("storage format request: " + request);
            StorageFormatResponse resp = withInvoker(invoker -> Control.storageFormat(invoker, request));
            if (dmg.json()) {
                return finishJson(JsonViews.storageFormat(resp), resp.errors());
            }
            String errors = HostErrorsPrinter.render(resp.errors());
            if (!errors.isEmpty()) {
                dmg.error(errors);
            }
            dmg.info(FormatPrinter.formatResults(resp.hostFormats(), verbose));
            return finish(resp.errors());
        }
    }

    @Command(name = "query", description = "Query storage commands, including raw NVMe SSD device health stats "
            + "and internal blobstore health info")
    static final class StorageQuery implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Please specify one command of: usage");
        }
    }

    @Command(name = "usage", description = "Show SCM & NVMe storage space utilization per storage server")
    static final class StorageQueryUsage extends HostListCommand {
        StorageQueryUsage(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            StorageScanRequest request = new StorageScanRequest(HostSet.empty(), true, false, false,
                    Optional.empty());
            dmg.debug("storage query usage request: " + request);
            StorageScanResponse resp = withInvoker(invoker -> Control.storageScan(invoker, request));
            if (dmg.json()) {
                return finishJson(JsonViews.storageScan(resp), resp.errors());
            }
            String errors = HostErrorsPrinter.render(resp.errors());
            if (!errors.isEmpty()) {
                dmg.error(errors);
            }
            dmg.info(FormatPrinter.usage(resp.hostStorage()));
            return finish(resp.errors());
        }
    }

    @Command(name = "scan", description = "Scan for network interface devices on remote servers")
    static final class NetworkScan extends HostListCommand {
        @Option(names = {"-p", "--provider"}, paramLabel = "PROVIDER",
                description = "Filter device list to those that support the given OFI provider or 'all' for all "
                        + "available (default is the provider specified in daos_server.yml)")
        String provider = "";

        NetworkScan(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            NetworkScanRequest request = NetworkScanRequest.of(HostSet.empty(), provider);
            dmg.debug("network scan request: " + request);
            NetworkScanResponse resp = withInvoker(invoker -> Control.networkScan(invoker, request));
            if (dmg.json()) {
                return finishJson(JsonViews.networkScan(resp), resp.errors());
            }
            // DAOS prints the errors of a network scan with its results, on stdout.
            dmg.info(HostErrorsPrinter.render(resp.errors()) + NetworkPrinter.hostFabrics(resp.hostFabrics()));
            return finish(resp.errors());
        }
    }

    @Command(name = "plugins", description = "List the plugins each Dockmaster server loaded")
    static final class ServerPlugins extends HostListCommand {
        ServerPlugins(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            ListPluginsRequest request = ListPluginsRequest.of(HostSet.empty());
            dmg.debug("server plugins request: " + request);
            ListPluginsResponse resp = withInvoker(invoker -> Control.listPlugins(invoker, request));
            if (dmg.json()) {
                return finishJson(JsonViews.listPlugins(resp), resp.errors());
            }
            String errors = HostErrorsPrinter.render(resp.errors());
            if (!errors.isEmpty()) {
                dmg.error(errors);
            }
            dmg.info(PluginsPrinter.hostPlugins(resp.hostPlugins()));
            return finish(resp.errors());
        }
    }

    @Command(name = "telemetry", description = "Perform telemetry operations")
    static final class Telemetry implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Please specify one command of: metrics");
        }
    }

    @Command(name = "metrics", description = "Interact with metrics")
    static final class Metrics implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Please specify one command of: list or query");
        }
    }

    /**
     * Shared by the telemetry commands: one host ({@code -l}, default localhost, a port on it is ignored) and the
     * telemetry port ({@code -p}, default 9191). They talk HTTP to the exporter, not gRPC to the control port.
     */
    abstract static class MetricsCommand implements Callable<Integer> {
        final Dmg dmg;

        @Option(names = {"-l", "--host-list"}, paramLabel = "HOST", defaultValue = "localhost",
                description = "Single host address <ipv4addr/hostname> to connect to (default: ${DEFAULT-VALUE})")
        String host;

        @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9191",
                description = "Telemetry port on the host (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message")
        boolean help;

        MetricsCommand(Dmg dmg) {
            this.dmg = dmg;
        }

        /** The one host of -l, without a port (the telemetry port is -p). */
        String host() {
            dmg.rejectGlobalHostList();
            HostSet hosts = HostSet.parse(host);
            if (hosts.size() != 1) {
                throw new Fault("client", 500, "too many hosts: " + hosts.toRangedString(),
                        "give exactly one host with -l; telemetry is read from one server at a time");
            }
            String only = hosts.toRangedString();
            int colon = only.lastIndexOf(':');
            return colon > 0 && only.indexOf(':') == colon ? only.substring(0, colon) : only;
        }

        void connecting(String host) {
            if (!dmg.json()) {
                dmg.info("connecting to " + host + ":" + port + "...");
            }
        }
    }

    @Command(name = "list", description = "List available metrics on a DAOS storage node")
    static final class MetricsList extends MetricsCommand {
        MetricsList(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String target = host();
            connecting(target);
            ListResponse resp = dev.dockmaster.client.telemetry.Telemetry.list(dmg.metrics(), target, port);
            if (dmg.json()) {
                dmg.outputJson(JsonViews.metricsList(resp), null, 0);
                return 0;
            }
            String table = TelemetryPrinter.list(resp.availableMetricSets());
            if (!table.isEmpty()) {
                dmg.info(table);
            }
            return 0;
        }
    }

    @Command(name = "query", description = "Query metrics on a DAOS storage node")
    static final class MetricsQuery extends MetricsCommand {
        @Option(names = {"-m", "--metrics"}, paramLabel = "NAMES", defaultValue = "",
                description = "Comma-separated list of metric names")
        String metrics;

        MetricsQuery(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String target = host();
            List<String> names = Arrays.stream(metrics.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
            connecting(target);
            QueryResponse resp = dev.dockmaster.client.telemetry.Telemetry.query(dmg.metrics(), target, port, names);
            if (dmg.json()) {
                dmg.outputJson(JsonViews.metricsQuery(resp), null, 0);
                return 0;
            }
            String sets = TelemetryPrinter.query(resp.metricSets());
            if (!sets.isEmpty()) {
                dmg.info(sets);
            }
            return 0;
        }
    }

    @Command(name = "version", description = "Print dmg version")
    static final class Version implements Callable<Integer> {
        private final Dmg dmg;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message")
        boolean help;

        Version(Dmg dmg) {
            this.dmg = dmg;
        }

        @Override
        public Integer call() {
            dmg.rejectGlobalHostList();
            if (dmg.json()) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("name", "dmg");
                info.put("version", DmgVersion.DAOS);
                info.put("dockmaster_version", DmgVersion.DOCKMASTER);
                dmg.outputJson(info, null, 0);
                return 0;
            }
            dmg.info("dmg version " + DmgVersion.DAOS + "\n");
            dmg.info("dockmaster version " + DmgVersion.DOCKMASTER + " (DAOS wire protocol " + DaosWire.VERSION + ")\n");
            return 0;
        }
    }
}
