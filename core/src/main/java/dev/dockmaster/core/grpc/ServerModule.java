package dev.dockmaster.core.grpc;

import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginStatus;
import dev.dockmaster.proto.v1.ListPluginsReq;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.ModuleInfo;
import dev.dockmaster.proto.v1.PluginInfo;
import dev.dockmaster.proto.v1.ServerSvcGrpc;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.function.Supplier;

/**
 * The core's own module, {@code server}: Dockmaster's introspection service {@code dockmaster.v1.ServerSvc}, which
 * tells {@code dmg server plugins} what this server loaded. It lives in its own proto package so that DAOS's services
 * stay exactly as DAOS defines them.
 */
public final class ServerModule implements GrpcModuleFactory {
    public static final String NAME = "server";

    /** What the service reports, read at call time since plugin states can change after start. */
    public record Snapshot(List<LoadedPlugin> plugins, List<ModuleStatus> modules, String serverVersion,
                           String daosVersion) {
    }

    private final Supplier<Snapshot> snapshot;

    public ServerModule(Supplier<Snapshot> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GrpcModule create(ModuleContext context) {
        ServerServiceDefinition service = new ServerSvcGrpc.ServerSvcImplBase() {
            @Override
            public void listPlugins(ListPluginsReq request, StreamObserver<ListPluginsResp> responses) {
                responses.onNext(toProto(snapshot.get()));
                responses.onCompleted();
            }
        }.bindService();
        return () -> List.of(service);
    }

    static ListPluginsResp toProto(Snapshot snapshot) {
        ListPluginsResp.Builder response = ListPluginsResp.newBuilder()
                .setServerVersion(snapshot.serverVersion())
                .setDaosVersion(snapshot.daosVersion());
        for (LoadedPlugin plugin : snapshot.plugins()) {
            PluginInfo.Builder info = PluginInfo.newBuilder()
                    .setId(plugin.id())
                    .setVersion(plugin.version())
                    .setDescription(plugin.description())
                    .setState(switch (plugin.status()) {
                        case STARTED -> PluginInfo.State.STARTED;
                        case DISABLED -> PluginInfo.State.DISABLED;
                        case FAILED -> PluginInfo.State.FAILED;
                    })
                    .setError(plugin.error())
                    .setBuiltin(plugin.builtin());
            if (plugin.status() == PluginStatus.STARTED) {
                ContextClassLoader.run(plugin.classLoader(), () -> {
                    plugin.plugin().grpcModules().forEach(f -> info.addModules(f.name()));
                    plugin.plugin().scmProviders().forEach(f -> info.addScmProviders(f.name()));
                    plugin.plugin().bdevProviders().forEach(f -> info.addBdevProviders(f.name()));
                    plugin.plugin().drpcTransports().forEach(f -> info.addDrpcTransports(f.name()));
                });
            }
            response.addPlugins(info);
        }
        for (ModuleStatus module : snapshot.modules()) {
            response.addModules(ModuleInfo.newBuilder()
                    .setName(module.name())
                    .setPluginId(module.pluginId())
                    .setEnabled(module.enabled())
                    .addAllServices(module.services()));
        }
        return response.build();
    }
}
