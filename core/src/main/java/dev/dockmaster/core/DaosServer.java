package dev.dockmaster.core;

import dev.dockmaster.core.config.ConfigProblem;
import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.drpc.DrpcServer;
import dev.dockmaster.core.drpc.DrpcTransports;
import dev.dockmaster.core.engine.EngineBinary;
import dev.dockmaster.core.engine.EngineCommandLine;
import dev.dockmaster.core.engine.EngineRuntime;
import dev.dockmaster.core.engine.LocalEngineHarness;
import dev.dockmaster.core.engine.OsProcessRunner;
import dev.dockmaster.core.system.LocalReplica;
import dev.dockmaster.core.system.ManagementClient;
import dev.dockmaster.core.grpc.CoreInventory;
import dev.dockmaster.core.grpc.GrpcEndpoint;
import dev.dockmaster.core.grpc.ModuleConfigs;
import dev.dockmaster.core.grpc.ModuleRegistry;
import dev.dockmaster.core.grpc.ServerModule;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginConfigs;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;
import dev.dockmaster.core.storage.StorageRegistry;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.core.config.TransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One running daos_server: plugins loaded, providers and modules created, the gRPC port open. The core owns the
 * lifecycle of everything plugins contribute: it creates them here and closes them, in reverse order, in
 * {@link #close()}.
 */
public final class DaosServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaosServer.class);

    private final PluginRegistry plugins;
    private final StorageRegistry storage;
    private final LocalEngineHarness engines;
    private final ModuleRegistry modules;
    private final GrpcEndpoint endpoint;
    private final Optional<DrpcServer> drpc;
    private final Optional<ManagementClient> managementClient;

    private DaosServer(PluginRegistry plugins, StorageRegistry storage, LocalEngineHarness engines,
                       ModuleRegistry modules, GrpcEndpoint endpoint, Optional<DrpcServer> drpc,
                       Optional<ManagementClient> managementClient) {
        this.plugins = plugins;
        this.storage = storage;
        this.engines = engines;
        this.modules = modules;
        this.endpoint = endpoint;
        this.drpc = drpc;
        this.managementClient = managementClient;
    }

    /**
     * Starts a server.
     *
     * @param config the validated configuration
     * @param home the installation directory, against which a relative {@code plugins.dir} resolves (the working
     *             directory when empty)
     * @throws InvalidConfigException when a plugin or module block of the configuration is wrong
     * @throws Fault when the server cannot run (a mandatory plugin failed, the port is taken...)
     */
    public static DaosServer start(ServerConfig config, Optional<Path> home) throws InvalidConfigException {
        BuildInfo build = BuildInfo.current();
        PluginSelection selection = PluginSelection.of(config.plugins().enabled(), config.plugins().disabled(),
                config.plugins().mandatory());
        PluginRegistry plugins = PluginRegistry.load(Optional.of(pluginsDir(config, home)), build.version(),
                selection);
        StorageRegistry storage = null;
        LocalEngineHarness engines = null;
        ManagementClient managementClient = null;
        ModuleRegistry modules = null;
        Optional<DrpcServer> drpc = Optional.empty();
        try {
            PluginConfigs pluginConfigs = PluginConfigs.resolve(config, plugins);
            ModuleConfigs.check(config, plugins);
            checkKnownNames(config, plugins);
            Path engineBinary = engineBinary(config, home);
            storage = StorageRegistry.create(plugins, pluginConfigs, selection.mandatory());
            String hostname = hostname();
            StorageRegistry providers = storage;
            engines = LocalEngineHarness.create(config, storage, LocalEngineHarness.Identity.of(config, hostname),
                    providers::describe);
            ServerInfo info = new ServerInfo(config.systemName(), build.daosVersion(), hostname, config.port(),
                    config.fabricProviders(), config.engines().size(), config.telemetryPort(), config.accessPoints(),
                    config.controlMetadata().path().isEmpty() ? Optional.empty()
                            : Optional.of(Path.of(config.controlMetadata().path())));
            ModuleRegistry[] self = new ModuleRegistry[1];
            List<GrpcModuleFactory> coreModules = List.of(new ServerModule(() -> new ServerModule.Snapshot(
                    plugins.all(), self[0].statuses(), build.version(), build.daosVersion())));
            // Modules are listed once the registry exists; a module asking while modules are still being created
            // sees none.
            CoreInventory inventory = new CoreInventory(plugins,
                    () -> self[0] == null ? List.of() : self[0].statuses());
            modules = ModuleRegistry.create(config, plugins, coreModules,
                    new ModuleRegistry.ModuleServices(info, transport(config), storage, engines, inventory),
                    selection.mandatory());
            self[0] = modules;
            // dRPC before the port opens, so a socket-in-use fault stops the start with nothing else listening.
            drpc = DrpcTransports.create(plugins, pluginConfigs).map(transport -> DrpcServer.start(transport,
                    Path.of(config.socketDir()), () -> config.engines().size()));
            ModuleRegistry registered = modules;
            drpc.ifPresent(server -> server.recordInto(registered.metrics()));
            // the engines' pool look-ups answer from the management module's pool records when it runs here
            Optional<DrpcServer> listener = drpc;
            registered.poolDirectory().ifPresent(pools -> listener.ifPresent(
                    server -> server.srv().usePoolDirectory(pools)));
            GrpcEndpoint endpoint = GrpcEndpoint.start(config.port(), modules, config.transport().allowInsecure());
            LOG.info("DAOS Control Server v{} (Dockmaster {}) (pid {}) listening on 0.0.0.0:{} ({} ms after process"
                            + " start)", build.daosVersion(), build.version(), ProcessHandle.current().pid(),
                    endpoint.port(), millisSinceProcessStart());
            // DAOS 4.1 step 13: with the port serving and the dRPC listener up, the engines start.
            if (!config.engines().isEmpty()) {
                if (drpc.isEmpty()) {
                    LOG.warn("no dRPC transport plugin is enabled: the {} configured engines are not started",
                            config.engines().size());
                } else {
                    ModuleRegistry registry = modules;
                    LocalReplica local = LocalReplica.of(config.accessPoints(), endpoint.port());
                    managementClient = ManagementClient.create(ManagementClient.Settings.daos(config.systemName(),
                                    build.daosVersion(), config.accessPoints(), local),
                            () -> registry.peerCredentials(config.transport().allowInsecure()));
                    LOG.info("management service: access points {}; this server {} (control address {})",
                            config.accessPoints(), local.replica() ? (local.bootstrap() ? "is the bootstrap replica"
                                    : "is a replica") : "is not a replica", local.controlAddress());
                    drpc.get().srv().addReadyListener(engines);
                    // engine RAS events (swim_rank_dead...) go to the leader like the harness's own
                    drpc.get().srv().addEventSink(managementClient::publish);
                    engines.run(new EngineRuntime(new OsProcessRunner(), engineBinary,
                            new EngineCommandLine.Common(config.systemName(), Path.of(config.socketDir()),
                                    config.fabricAuthKey(), config.disableSrx()),
                            System.getenv(), managementClient, drpc.get().engines(), managementClient));
                }
            }
            return new DaosServer(plugins, storage, engines, modules, endpoint, drpc,
                    Optional.ofNullable(managementClient));
        } catch (InvalidConfigException | RuntimeException e) {
            if (engines != null) {
                engines.close();
            }
            if (managementClient != null) {
                managementClient.close();
            }
            drpc.ifPresent(DrpcServer::close);
            if (modules != null) {
                modules.close();
            }
            if (storage != null) {
                storage.close();
            }
            plugins.close();
            throw e;
        }
    }

    /**
     * Checks a configuration the way {@link #start} would, plugin blocks included, without creating anything or
     * opening a port.
     */
    public static void validate(ServerConfig config, Optional<Path> home) throws InvalidConfigException {
        PluginSelection selection = PluginSelection.of(config.plugins().enabled(), config.plugins().disabled(),
                config.plugins().mandatory());
        try (PluginRegistry plugins = PluginRegistry.load(Optional.of(pluginsDir(config, home)),
                BuildInfo.current().version(), selection)) {
            PluginConfigs.resolve(config, plugins);
            ModuleConfigs.check(config, plugins);
            checkKnownNames(config, plugins);
            engineBinary(config, home);
        }
    }

    /** The engine binary, checked when engines are configured (a fault naming the file otherwise). */
    private static Path engineBinary(ServerConfig config, Optional<Path> home) {
        Path binary = EngineBinary.resolve(config.engineBinary(), home, System.getenv("PATH"));
        if (!config.engines().isEmpty()) {
            EngineBinary.check(binary);
        }
        return binary;
    }

    private static TransportInfo transport(ServerConfig config) {
        TransportConfig t = config.transport();
        return new TransportInfo(t.allowInsecure(), Path.of(t.caCert()), Path.of(t.cert()), Path.of(t.key()),
                Path.of(t.clientCertDir()));
    }

    private static Path pluginsDir(ServerConfig config, Optional<Path> home) {
        return home.orElse(Path.of("")).resolve(config.plugins().dir()).toAbsolutePath().normalize();
    }

    private static void checkKnownNames(ServerConfig config, PluginRegistry plugins) throws InvalidConfigException {
        Set<String> moduleNames = new java.util.HashSet<>(Set.of(ServerModule.NAME));
        Set<String> pluginIds = new java.util.HashSet<>();
        for (LoadedPlugin plugin : plugins.all()) {
            pluginIds.add(plugin.id());
            plugin.started().ifPresent(p -> p.grpcModules().forEach(f -> moduleNames.add(f.name())));
        }
        List<ConfigProblem> problems = new ArrayList<>(config.checkKnownNames(moduleNames, pluginIds));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    private static long millisSinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> java.time.Duration.between(start, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    public int port() {
        return endpoint.port();
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    public StorageRegistry storage() {
        return storage;
    }

    /** The engine instances of this host. */
    public LocalEngineHarness engines() {
        return engines;
    }

    public ModuleRegistry modules() {
        return modules;
    }

    /** The dRPC listener and engine client; empty when no dRPC transport plugin is enabled. */
    public Optional<DrpcServer> drpc() {
        return drpc;
    }

    public void awaitTermination() throws InterruptedException {
        endpoint.awaitTermination();
    }

    /**
     * Stop: the engines first, with SIGKILL (as DAOS when its root context is cancelled), then the port (running
     * calls finish), then modules, providers and plugins, newest first.
     */
    @Override
    public void close() {
        LOG.info("shutting down: {}", modules.active().stream().map(m -> m.name()).collect(Collectors.joining(", ")));
        engines.close();
        managementClient.ifPresent(ManagementClient::close);
        endpoint.close();
        drpc.ifPresent(DrpcServer::close);
        modules.close();
        storage.close();
        plugins.close();
        LOG.info("stopped");
    }
}
