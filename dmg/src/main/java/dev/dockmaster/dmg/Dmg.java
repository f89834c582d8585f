package dev.dockmaster.dmg;

import dev.dockmaster.client.Component;
import dev.dockmaster.client.ConfigSearchPath;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.invoke.DaosStatusException;
import dev.dockmaster.client.invoke.GrpcInvoker;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.telemetry.HttpMetricsFetcher;
import dev.dockmaster.client.telemetry.MetricsFetcher;
import dev.dockmaster.spi.Fault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code dmg}, the DAOS administration tool, on Dockmaster's control API: {@code dmg [-o CONFIG] [-l HOSTS] [-i] [-j]
 * [-d] <command>}. Output follows DAOS: tables on stdout, per-host error tables and the final
 * {@code ERROR: dmg: ...} line on stderr, {@code -j} prints the {@code {"response", "error", "status"}} envelope, and
 * the exit code is 1 whenever the command or any host failed.
 */
@Command(name = "dmg", usageHelpAutoWidth = true,
        description = "Administrative tool for managing DAOS clusters (Dockmaster implementation).")
public final class Dmg implements Callable<Integer> {

    /** How dmg finds its configuration: the {@code -o} path, if any, to a configuration. */
    @FunctionalInterface
    public interface ConfigLoader {
        ControlConfig load(Optional<Path> explicitPath);
    }

    /** DAOS's DER_MISC, the JSON status of an error that is not a DAOS status. */
    static final int DER_MISC = -1025;

    @Option(names = {"-o", "--config-path"}, paramLabel = "CONFIG", description = "Client config file path")
    Path configPath;

    @Option(names = {"-l", "--host-list"}, paramLabel = "HOSTLIST", hidden = true,
            description = "Deprecated global host list; give -l to the command instead")
    String globalHostList;

    @Option(names = {"-i", "--insecure"}, description = "Have dmg attempt to connect without certificates")
    boolean insecure;

    @Option(names = {"-j", "--json"}, description = "Enable JSON output")
    boolean json;

    @Option(names = {"-d", "--debug"}, description = "Enable debug output")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final ConfigLoader configs;
    private final Function<ControlConfig, Invoker> invokers;
    private final MetricsFetcher metrics;
    private boolean wroteJson;

    private Dmg(PrintStream out, PrintStream err, ConfigLoader configs, Function<ControlConfig, Invoker> invokers,
                MetricsFetcher metrics) {
        this.out = out;
        this.err = err;
        this.configs = configs;
        this.invokers = invokers;
        this.metrics = metrics;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs dmg against real servers, with the configuration found as DAOS finds it. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, path -> ControlConfig.locate(path, ConfigSearchPath.fromEnvironment()),
                config -> new GrpcInvoker(config, Component.ADMIN));
    }

    /** Runs dmg with an injected configuration source and invoker (the test seam). */
    public static int run(String[] args, PrintStream out, PrintStream err, ConfigLoader configs,
                          Function<ControlConfig, Invoker> invokers) {
        return run(args, out, err, configs, invokers, new HttpMetricsFetcher(HttpMetricsFetcher.DEFAULT_TIMEOUT));
    }

    /** Runs dmg with injected configuration, invoker and telemetry fetcher (the telemetry commands' test seam). */
    public static int run(String[] args, PrintStream out, PrintStream err, ConfigLoader configs,
                          Function<ControlConfig, Invoker> invokers, MetricsFetcher metrics) {
        Dmg root = new Dmg(out, err, configs, invokers, metrics);
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand("storage", new CommandLine(new Commands.Storage())
                .addSubcommand("scan", new Commands.StorageScan(root))
                .addSubcommand("format", new Commands.StorageFormat(root))
                .addSubcommand("query", new CommandLine(new Commands.StorageQuery())
                        .addSubcommand("usage", new Commands.StorageQueryUsage(root))));
        cl.addSubcommand("network", new CommandLine(new Commands.Network())
                .addSubcommand("scan", new Commands.NetworkScan(root)));
        cl.addSubcommand("server", new CommandLine(new Commands.Server())
                .addSubcommand("plugins", new Commands.ServerPlugins(root)));
        cl.addSubcommand("pool", new CommandLine(new PoolCommands.PoolGroup())
                .addSubcommand("create", new PoolCommands.Create(root))
                .addSubcommand("list", new PoolCommands.ListPools(root))
                .addSubcommand("query", new PoolCommands.Query(root))
                .addSubcommand("destroy", new PoolCommands.Destroy(root))
                .addSubcommand("evict", new PoolCommands.Evict(root))
                .addSubcommand("get-prop", new PoolCommands.GetProp(root))
                .addSubcommand("set-prop", new PoolCommands.SetProp(root))
                .addSubcommand("get-acl", new PoolCommands.GetAcl(root))
                .addSubcommand("overwrite-acl", new PoolCommands.OverwriteAcl(root))
                .addSubcommand("update-acl", new PoolCommands.UpdateAcl(root))
                .addSubcommand("delete-acl", new PoolCommands.DeleteAcl(root))
                .addSubcommand("exclude", new PoolCommands.Exclude(root))
                .addSubcommand("drain", new PoolCommands.Drain(root))
                .addSubcommand("reintegrate", new PoolCommands.Reintegrate(root)));
        cl.addSubcommand("system", new CommandLine(new SystemCommands.SystemGroup())
                .addSubcommand("list-pools", new PoolCommands.SystemListPools(root))
                .addSubcommand("query", new SystemCommands.Query(root))
                .addSubcommand("leader-query", new SystemCommands.LeaderQuery(root))
                .addSubcommand("stop", new SystemControlCommands.Stop(root))
                .addSubcommand("start", new SystemControlCommands.Start(root))
                .addSubcommand("exclude", new SystemControlCommands.Exclude(root))
                .addSubcommand("clear-exclude", new SystemControlCommands.ClearExclude(root))
                .addSubcommand("erase", new SystemControlCommands.Erase(root))
                .addSubcommand("cleanup", new SystemControlCommands.Cleanup(root))
                .addSubcommand("set-attr", new SystemControlCommands.SetAttr(root))
                .addSubcommand("get-attr", new SystemControlCommands.GetAttr(root))
                .addSubcommand("del-attr", new SystemControlCommands.DelAttr(root))
                .addSubcommand("set-prop", new SystemControlCommands.SetProp(root))
                .addSubcommand("get-prop", new SystemControlCommands.GetProp(root)));
        cl.addSubcommand("telemetry", new CommandLine(new Commands.Telemetry())
                .addSubcommand("metrics", new CommandLine(new Commands.Metrics())
                        .addSubcommand("list", new Commands.MetricsList(root))
                        .addSubcommand("query", new Commands.MetricsQuery(root))));
        cl.addSubcommand("version", new Commands.Version(root));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, arguments) -> {
            int code = root.fail(ex.getMessage(), null);
            err.println("Run 'dmg --help' for usage.");
            return code;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> root.fail(ex));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code dmg} without a command. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "Please specify one command of: network, pool, server, storage, system, telemetry or version");
    }

    // ---- services for the commands ----

    boolean json() {
        return json;
    }

    /** The configuration with -i and the host list (the command's, else the global one) applied. */
    ControlConfig config(String commandHostList) {
        ControlConfig config = configs.load(Optional.ofNullable(configPath));
        if (insecure) {
            config = config.withAllowInsecure(true);
        }
        String hosts = commandHostList != null ? commandHostList : globalHostList;
        if (hosts != null) {
            HostSet parsed = HostSet.parse(hosts);
            if (parsed.isEmpty()) {
                throw new Fault("client", 503, "empty host list given with -l/--host-list",
                        "give at least one host, e.g. -l wolf-[71-72]");
            }
            config = config.withHostList(List.of(parsed.toRangedString()));
        }
        debug("control config: " + config);
        return config;
    }

    MetricsFetcher metrics() {
        return metrics;
    }

    Invoker invoker(ControlConfig config) {
        return invokers.apply(config);
    }

    /** The pool operations over an invoker of this run. */
    dev.dockmaster.client.pool.PoolClient pools(Invoker invoker) {
        return new dev.dockmaster.client.pool.PoolClient(invoker);
    }

    /** Refuses the deprecated global -l for commands that take no host list, as DAOS does. */
    void rejectGlobalHostList() {
        if (globalHostList != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "unknown flag `l'/`host-list'");
        }
    }

    void debug(String message) {
        if (debug) {
            err.println("DEBUG: " + message);
        }
    }

    /** Writes like Go's log to stdout: the text, with a newline added when it has none. */
    void info(String text) {
        out.print(text);
        if (text.isEmpty() || !text.endsWith("\n")) {
            out.print('\n');
        }
    }

    /** Writes like DAOS's command-line error logger: {@code ERROR: } before the text. */
    void error(String text) {
        err.print("ERROR: " + text);
        if (text.isEmpty() || !text.endsWith("\n")) {
            err.print('\n');
        }
    }

    /** Prints the JSON envelope once per run. */
    void outputJson(Object response, String error, int status) {
        if (wroteJson) {
            return;
        }
        wroteJson = true;
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("response", response);
        envelope.put("error", error);
        envelope.put("status", status);
        out.println(Json.write(envelope));
    }

    /** A failure that ends the run: JSON envelope when asked for, then the DAOS error lines, exit code 1. */
    int fail(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return fail(message, failure);
    }

    private int fail(String message, Throwable failure) {
        // a command's wrapped failure keeps the status and resolution of what it wraps
        Throwable cause = failure instanceof SystemCommands.CommandFailed && failure.getCause() != null
                ? failure.getCause() : failure;
        if (json) {
            int status = cause instanceof DaosStatusException d ? d.status() : DER_MISC;
            outputJson(null, message, status);
        }
        error("dmg: " + message);
        if (cause instanceof Fault f && !f.resolution().isEmpty()) {
            error("dmg: " + f.domain() + ": code = " + f.code() + " resolution = \"" + f.resolution() + "\"");
        }
        return 1;
    }
}
