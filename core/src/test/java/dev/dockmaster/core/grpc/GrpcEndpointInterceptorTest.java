package dev.dockmaster.core.grpc;

import dev.dockmaster.core.TestingServers;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;
import dev.dockmaster.proto.v1.ListPluginsReq;
import dev.dockmaster.proto.v1.ServerSvcGrpc;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint runs the lowest-ordered interceptor first, on real calls. */
class GrpcEndpointInterceptorTest {
    @TempDir
    Path dir;

    @Test
    void lowestOrderSeesTheCallFirst() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        GrpcModuleFactory interceptors = new GrpcModuleFactory() {
            public String name() {
                return "recorder";
            }

            public GrpcModule create(ModuleContext context) {
                return new GrpcModule() {
                    public List<ServerServiceDefinition> services() {
                        return List.of();
                    }

                    public List<OrderedInterceptor> interceptors() {
                        return List.of(recording(30, "third", calls), recording(10, "first", calls),
                                recording(20, "second", calls));
                    }
                };
            }
        };
        ServerModule introspection = new ServerModule(() -> new ServerModule.Snapshot(List.of(), List.of(), "v", "d"));
        StorageProviders none = new StorageProviders() {
            public List<ScmProvider> scm() {
                return List.of();
            }

            public List<BdevProvider> bdev() {
                return List.of();
            }
        };
        try (PluginRegistry plugins = PluginRegistry.load(Optional.empty(), "0.1.0", PluginSelection.all())) {
            ModuleRegistry modules = ModuleRegistry.create(TestingServers.config(dir, dir, ""), plugins,
                    List.of(introspection, interceptors), new ServerInfo("s", "2.6.5", "h", 0, List.of(), 0, 0),
                    none, Set.of());
            try (GrpcEndpoint endpoint = GrpcEndpoint.start(0, modules)) {
                ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", endpoint.port(),
                        InsecureChannelCredentials.create()).build();
                try {
                    ServerSvcGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                            .listPlugins(ListPluginsReq.getDefaultInstance());
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(calls).containsExactly("first", "second", "third");
    }

    private static OrderedInterceptor recording(int order, String name, List<String> calls) {
        return new OrderedInterceptor(order, name, new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                calls.add(name);
                return next.startCall(call, headers);
            }
        });
    }
}
