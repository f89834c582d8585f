package dev.dockmaster.core.grpc;

import dev.dockmaster.core.ServerFaults;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.PeerTls;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.ServerInventory;
import dev.dockmaster.spi.grpc.TransportInfo;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ServerCredentials;
import dev.dockmaster.spi.storage.StorageProviders;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Set;

/**
 * Creates the gRPC modules that the configuration enables, from the core's own factories and every started plugin,
 * checks that no two of them claim one service or one interceptor order, and closes them at shutdown.
 */
public final class ModuleRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleRegistry.class);
    public static final String CORE_PLUGIN_ID = "core";

    private final List<ActiveModule> active;
    private final List<ModuleStatus> statuses;
    private final LateBoundMetrics metrics;

    private ModuleRegistry(List<ActiveModule> active, List<ModuleStatus> statuses, LateBoundMetrics metrics) {
        this.metrics = metrics;
        this.active = List.copyOf(active);
        this.statuses = List.copyOf(statuses);
    }

    /** A registry for tests and tools: insecure transport, no engines, no inventory. */
    public static ModuleRegistry create(ServerConfig config, PluginRegistry plugins,
                                        List<GrpcModuleFactory> coreFactories, ServerInfo server,
                                        StorageProviders storage, Set<String> mandatory) {
        return create(config, plugins, coreFactories, ModuleServices.basic(server, storage), mandatory);
    }

    /**
     * @param coreFactories the server's own modules, created with the core's class loader
     * @param services what every module's context hands out
     * @param mandatory plugins whose module failure stops the server
     */
    public static ModuleRegistry create(ServerConfig config, PluginRegistry plugins,
                                        List<GrpcModuleFactory> coreFactories, ModuleServices services,
                                        Set<String> mandatory) {
        List<ActiveModule> active = new ArrayList<>();
        List<ModuleStatus> statuses = new ArrayList<>();
        Map<String, String> serviceOwners = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        ClassLoader coreLoader = ModuleRegistry.class.getClassLoader();
        coreFactories.forEach(f -> candidates.add(new Candidate(f, CORE_PLUGIN_ID, coreLoader)));
        for (LoadedPlugin plugin : plugins.started()) {
            for (GrpcModuleFactory factory : ContextClassLoader.call(plugin.classLoader(),
                    () -> plugin.plugin().grpcModules())) {
                candidates.add(new Candidate(factory, plugin.id(), plugin.classLoader()));
            }
        }
        CompletableFuture<ModuleRegistry> finished = new CompletableFuture<>();
        Thread creator = Thread.currentThread();
        LateBoundMetrics metrics = new LateBoundMetrics();
        boolean allowInsecure = services.transport().allowInsecure();
        Supplier<ModuleRegistry> whenFinished = () -> awaitFinished(finished, creator);
        Supplier<ChannelCredentials> peerCredentials = () -> whenFinished.get().peerCredentials(allowInsecure);
        Supplier<Optional<PeerTls>> peerTls = () -> whenFinished.get().peerTls(allowInsecure);
        try {
            for (Candidate candidate : candidates) {
                String name = candidate.factory().name();
                if (!config.moduleEnabled(name)) {
                    LOG.info("module {} (plugin {}) disabled by configuration", name, candidate.pluginId());
                    statuses.add(new ModuleStatus(name, candidate.pluginId(), false, List.of()));
                    continue;
                }
                ModuleContext context = new Context(ModuleConfigs.view(config, name, candidate.loader()),
                        services.server(),
                        services.transport(), services.storage(), services.engines(), services.inventory(),
                        peerCredentials, peerTls, metrics);
                ActiveModule module;
                try {
                    module = ContextClassLoader.call(candidate.loader(), () -> {
                        GrpcModule created = candidate.factory().create(context);
                        return new ActiveModule(name, candidate.pluginId(), created, candidate.loader(),
                                created.services());
                    });
                } catch (RuntimeException | LinkageError e) {
                    if (mandatory.contains(candidate.pluginId()) || CORE_PLUGIN_ID.equals(candidate.pluginId())) {
                        throw ServerFaults.moduleFailed(name, candidate.pluginId(), e);
                    }
                    plugins.markFailed(candidate.pluginId(), "module " + name + " failed to start: " + e);
                    statuses.add(new ModuleStatus(name, candidate.pluginId(), false, List.of()));
                    continue;
                }
                for (String service : module.serviceNames()) {
                    String owner = serviceOwners.putIfAbsent(service, name);
                    if (owner != null) {
                        closeQuietly(module);
                        throw ServerFaults.duplicateService(service, owner, name);
                    }
                }
                LOG.info("module {} (plugin {}) serves {}", name, candidate.pluginId(), module.serviceNames());
                active.add(module);
                statuses.add(new ModuleStatus(name, candidate.pluginId(), true, module.serviceNames()));
            }
            ModuleRegistry registry = new ModuleRegistry(active, statuses, metrics);
            registry.bindMetricsExporter();
            registry.orderedInterceptors();
            registry.serverCredentials();
            finished.complete(registry);
            return registry;
        } catch (RuntimeException e) {
            finished.completeExceptionally(e);
            active.forEach(ModuleRegistry::closeQuietly);
            throw e;
        }
    }

    public List<ActiveModule> active() {
        return active;
    }

    public List<ModuleStatus> statuses() {
        return statuses;
    }

    /** Every module's interceptors, lowest order first; refuses two interceptors with one order. */
    public List<OrderedInterceptor> orderedInterceptors() {
        List<OrderedInterceptor> all = new ArrayList<>();
        for (ActiveModule module : active) {
            all.addAll(ContextClassLoader.call(module.loader(), () -> module.module().interceptors()));
        }
        all.sort(Comparator.comparingInt(OrderedInterceptor::order));
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).order() == all.get(i - 1).order()) {
                throw ServerFaults.interceptorOrderConflict(all.get(i).order(), all.get(i - 1).name(),
                        all.get(i).name());
            }
        }
        return all;
    }

    /**
     * The transport credentials a module supplies (the security module's TLS), if any; refuses two modules that
     * both supply them, since the port can only be opened one way.
     */
    public Optional<ModuleCredentials> serverCredentials() {
        ModuleCredentials found = null;
        for (ActiveModule module : active) {
            Optional<ServerCredentials> credentials = ContextClassLoader.call(module.loader(),
                    () -> module.module().serverCredentials());
            if (credentials.isEmpty()) {
                continue;
            }
            if (found != null) {
                throw ServerFaults.duplicateCredentials(found.module(), module.name());
            }
            found = new ModuleCredentials(module.name(), credentials.get());
        }
        return Optional.ofNullable(found);
    }

    /**
     * The credentials for this server's calls to other servers: those a module supplies (the security module's
     * mutual TLS with the server certificate), else plaintext when the port is plaintext too.
     *
     * @throws dev.dockmaster.spi.Fault two modules supply them, or none does on a TLS port
     */
    public ChannelCredentials peerCredentials(boolean allowInsecure) {
        String foundModule = null;
        ChannelCredentials found = null;
        for (ActiveModule module : active) {
            Optional<ChannelCredentials> credentials = ContextClassLoader.call(module.loader(),
                    () -> module.module().peerCredentials());
            if (credentials.isEmpty()) {
                continue;
            }
            if (found != null) {
                throw ServerFaults.duplicateCredentials(foundModule, module.name());
            }
            foundModule = module.name();
            found = credentials.get();
        }
        if (found != null) {
            return found;
        }
        if (allowInsecure) {
            return InsecureChannelCredentials.create();
        }
        throw ServerFaults.noPeerCredentials();
    }

    /**
     * The registry once every module exists. Modules ask for peer credentials from handlers and background tasks; a
     * task a module starts while being created (raft, with control metadata ready) may ask before the others exist,
     * and then waits. Asking on the thread that creates the modules could never be answered: that is refused.
     */
    private static ModuleRegistry awaitFinished(CompletableFuture<ModuleRegistry> finished, Thread creator) {
        ModuleRegistry registry = finished.getNow(null);
        if (registry != null) {
            return registry;
        }
        if (Thread.currentThread() == creator) {
            throw new IllegalStateException("peer credentials are available once every module exists:"
                    + " ask for them from a handler or a background task, not while the module is created");
        }
        try {
            return finished.get(CREATION_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the modules to be created", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the server's modules failed to start: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the server's modules were not created within " + CREATION_WAIT);
        }
    }

    /** How long a background task waits for the other modules to be created before it gives up. */
    private static final java.time.Duration CREATION_WAIT = java.time.Duration.ofSeconds(60);

    /**
     * This server's TLS identity for transports that are not grpc-java (raft): from the module that supplies it,
     * empty when the server runs insecure.
     *
     * @throws dev.dockmaster.spi.Fault two modules supply it, or none does on a TLS port
     */
    public Optional<PeerTls> peerTls(boolean allowInsecure) {
        String foundModule = null;
        PeerTls found = null;
        for (ActiveModule module : active) {
            Optional<PeerTls> tls = ContextClassLoader.call(module.loader(), () -> module.module().peerTls());
            if (tls.isEmpty()) {
                continue;
            }
            if (found != null) {
                throw ServerFaults.duplicateCredentials(foundModule, module.name());
            }
            foundModule = module.name();
            found = tls.get();
        }
        if (found != null || allowInsecure) {
            return Optional.ofNullable(found);
        }
        throw ServerFaults.noPeerCredentials();
    }

    /**
     * Where the core and modules record metrics: bound to the exporting module's sink when one module supplies it
     * ({@link GrpcModule#metrics()}), else dropping everything.
     */
    public LateBoundMetrics metrics() {
        return metrics;
    }

    /** Binds the one module's metrics sink; two modules supplying one is a start-up fault, as for credentials. */
    private void bindMetricsExporter() {
        String foundModule = null;
        for (ActiveModule module : active) {
            Optional<ControlMetrics> sink = ContextClassLoader.call(module.loader(), () -> module.module().metrics());
            if (sink.isEmpty()) {
                continue;
            }
            if (foundModule != null) {
                throw ServerFaults.duplicateMetricsExporter(foundModule, module.name());
            }
            foundModule = module.name();
            metrics.bind(PluginMetrics.wrap(sink.get(), module.loader()));
        }
    }

    /**
     * The pool directory a module supplies (the management service's pool records), for the engines' pool look-ups;
     * with two, the first in module order is used and the other is logged.
     */
    public Optional<dev.dockmaster.spi.engine.PoolDirectory> poolDirectory() {
        dev.dockmaster.spi.engine.PoolDirectory found = null;
        for (ActiveModule module : active) {
            Optional<dev.dockmaster.spi.engine.PoolDirectory> directory = ContextClassLoader.call(module.loader(),
                    () -> module.module().poolDirectory());
            if (directory.isEmpty()) {
                continue;
            }
            if (found != null) {
                LOG.warn("module {} also supplies a pool directory; the first one is used", module.name());
                continue;
            }
            found = directory.get();
        }
        return Optional.ofNullable(found);
    }

    /** Credentials and the module that supplied them. */
    public record ModuleCredentials(String module, ServerCredentials credentials) {
    }

    /** What modules see when the caller has no transport configuration (tests): plaintext, DAOS's default paths. */
    /**
     * What the core hands every module, besides its own configuration block.
     *
     * @param server facts about this server
     * @param transport the server's {@code transport_config}
     * @param storage the storage providers of every enabled plugin
     * @param engines the engine instances of this server
     * @param inventory the live view of plugins and modules
     */
    public record ModuleServices(ServerInfo server, TransportInfo transport, StorageProviders storage,
                                 EngineHarness engines, ServerInventory inventory) {
        /** Insecure transport, no engines, no inventory: for tests and tools. */
        public static ModuleServices basic(ServerInfo server, StorageProviders storage) {
            return new ModuleServices(server, insecureTransport(), storage, EngineHarness.none(),
                    ServerInventory.EMPTY);
        }

        public ModuleServices withTransport(TransportInfo other) {
            return new ModuleServices(server, other, storage, engines, inventory);
        }
    }

    static TransportInfo insecureTransport() {
        java.nio.file.Path certs = java.nio.file.Path.of("/etc/daos/certs");
        return new TransportInfo(true, certs.resolve("daosCA.crt"), certs.resolve("server.crt"),
                certs.resolve("server.key"), certs.resolve("clients"));
    }

    @Override
    public void close() {
        List<ActiveModule> reversed = new ArrayList<>(active);
        java.util.Collections.reverse(reversed);
        reversed.forEach(ModuleRegistry::closeQuietly);
    }

    private static void closeQuietly(ActiveModule module) {
        try {
            ContextClassLoader.run(module.loader(), () -> module.module().close());
        } catch (RuntimeException e) {
            LOG.warn("error closing module {}: {}", module.name(), e.toString());
        }
    }

    private record Candidate(GrpcModuleFactory factory, String pluginId, ClassLoader loader) {
    }

    private record Context(dev.dockmaster.spi.config.ConfigView config, ServerInfo server,
                           TransportInfo transport, StorageProviders storage, EngineHarness engines,
                           ServerInventory inventory, Supplier<ChannelCredentials> peerCredentialsSupplier,
                           Supplier<Optional<PeerTls>> peerTlsSupplier, ControlMetrics metrics)
            implements ModuleContext {
        @Override
        public ChannelCredentials peerCredentials() {
            return peerCredentialsSupplier.get();
        }

        @Override
        public Optional<PeerTls> peerTls() {
            return peerTlsSupplier.get();
        }
    }
}
