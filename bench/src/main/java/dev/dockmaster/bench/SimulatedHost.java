package dev.dockmaster.bench;

import dev.dockmaster.core.config.TypesafeConfigView;
import dev.dockmaster.plugins.control.ControlModuleFactory;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One simulated daos_server for the scale benchmark: the real control module ({@code ctl.CtlSvc} from
 * {@code plugins/control}, created by its factory as the server creates it) over a {@link SimulatedEngineHarness},
 * served by its own grpc-java server on its own loopback port. What a real server has besides (the core's security
 * and request-check interceptors, the other modules, the engine processes) is not here: the benchmark measures the
 * management service, its fan-out and the client.
 */
public final class SimulatedHost implements AutoCloseable {
    private final Server server;
    private final GrpcModule control;
    private final SimulatedEngineHarness engines;

    private SimulatedHost(Server server, GrpcModule control, SimulatedEngineHarness engines) {
        this.server = server;
        this.control = control;
        this.engines = engines;
    }

    /**
     * Starts a host on a free loopback port.
     *
     * @param harness  makes the host's engines, given the host's control address ({@code 127.0.0.1:port}), which
     *                 their joins carry
     * @param executor runs the host's RPC handlers; it must allow blocking (a start waits for the engines' joins)
     */
    public static SimulatedHost start(Function<String, SimulatedEngineHarness> harness, Executor executor)
            throws IOException {
        // the port is bound before the module exists, so the harness knows its address; calls wait for the module
        LateRegistry services = new LateRegistry();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .fallbackHandlerRegistry(services).executor(executor).build().start();
        int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
        SimulatedEngineHarness engines = harness.apply("127.0.0.1:" + port);
        GrpcModule control = new ControlModuleFactory().create(context(port, engines));
        services.serve(control);
        return new SimulatedHost(server, control, engines);
    }

    public String address() {
        return "127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    public SimulatedEngineHarness engines() {
        return engines;
    }

    private static ModuleContext context(int port, EngineHarness engines) {
        ServerInfo info = new ServerInfo("daos_server", "2.6.5", "127.0.0.1", port, List.of("ofi+tcp"),
                engines.engines().size(), 0, List.of(), Optional.empty());
        ConfigView config = new TypesafeConfigView(com.typesafe.config.ConfigFactory.empty(), "modules.control");
        return new ModuleContext() {
            @Override
            public ConfigView config() {
                return config;
            }

            @Override
            public ServerInfo server() {
                return info;
            }

            @Override
            public TransportInfo transport() {
                Path none = Path.of("/nonexistent");
                return new TransportInfo(true, none, none, none, none);
            }

            @Override
            public StorageProviders storage() {
                return new StorageProviders() {
                    @Override
                    public List<ScmProvider> scm() {
                        return List.of();
                    }

                    @Override
                    public List<BdevProvider> bdev() {
                        return List.of();
                    }
                };
            }

            @Override
            public EngineHarness engines() {
                return engines;
            }
        };
    }

    /** The module's methods, registered once it exists; a call before that finds none (UNIMPLEMENTED). */
    private static final class LateRegistry extends io.grpc.HandlerRegistry {
        private final java.util.Map<String, io.grpc.ServerMethodDefinition<?, ?>> methods =
                new java.util.concurrent.ConcurrentHashMap<>();

        void serve(GrpcModule module) {
            for (io.grpc.ServerServiceDefinition service : module.services()) {
                for (io.grpc.ServerMethodDefinition<?, ?> method : service.getMethods()) {
                    methods.put(method.getMethodDescriptor().getFullMethodName(), method);
                }
            }
        }

        @Override
        public io.grpc.ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            return methods.get(methodName);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        control.close();
    }
}
