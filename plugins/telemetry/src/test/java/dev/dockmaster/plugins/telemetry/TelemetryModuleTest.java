package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.ServerInventory;
import dev.dockmaster.spi.storage.StorageProviders;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The telemetry module as the core creates it. */
class TelemetryModuleTest {

    /** An inventory the test changes between scrapes, as plugin states change in a running server. */
    static final class MutableInventory implements ServerInventory {
        final List<PluginState> plugins = new CopyOnWriteArrayList<>();
        final List<ModuleState> modules = new CopyOnWriteArrayList<>();

        @Override
        public List<PluginState> plugins() {
            return List.copyOf(plugins);
        }

        @Override
        public List<ModuleState> modules() {
            return List.copyOf(modules);
        }
    }

    record Context(ServerInfo server, ServerInventory inventory) implements ModuleContext {
        @Override
        public ConfigView config() {
            throw new AssertionError("the telemetry module has no settings of its own");
        }

        @Override
        public StorageProviders storage() {
            throw new AssertionError("the telemetry module needs no storage");
        }

        @Override
        public dev.dockmaster.spi.grpc.TransportInfo transport() {
            throw new AssertionError("the telemetry module serves plain HTTP and needs no transport settings");
        }
    }

    static ServerInfo server(int telemetryPort) {
        return new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 1, telemetryPort);
    }

    @Test
    void portZeroIsOffNothingOpensNothingIntercepts() {
        GrpcModule module = new TelemetryModuleFactory().create(new Context(server(0), ServerInventory.EMPTY));

        assertThat(module.services()).isEmpty();
        assertThat(module.interceptors()).isEmpty();
        assertThat(module.metrics()).as("nothing to record into when nothing is exported").isEmpty();
        module.close();
    }

    @Test
    void servesTheListedFamiliesAndFollowsPluginStateChanges() throws IOException {
        MutableInventory inventory = new MutableInventory();
        inventory.plugins.add(new ServerInventory.PluginState("control", "0.1.0", "STARTED", false));
        inventory.plugins.add(new ServerInventory.PluginState("broken", "1.0", "STARTED", false));
        inventory.modules.add(new ServerInventory.ModuleState("server", "core", true));
        int port = FreePorts.next();
        GrpcModule module = new TelemetryModuleFactory().create(new Context(server(port), inventory));
        try {
            assertThat(module.metrics()).as("the sink every module records into").isPresent();
            assertThat(module.services()).isEmpty();
            assertThat(module.interceptors()).extracting(OrderedInterceptor::order, OrderedInterceptor::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(TelemetryModuleFactory.INTERCEPTOR_ORDER,
                            "telemetry-grpc-metrics"));

            String before = Http.get(port, "/metrics").body();
            inventory.plugins.set(1, new ServerInventory.PluginState("broken", "1.0", "FAILED", false));
            inventory.modules.add(new ServerInventory.ModuleState("broken", "broken", false));
            String after = Http.get(port, "/metrics").body();

            assertThat(before)
                    .contains("dockmaster_server_info{daos_version=\"2.6.5\",hostname=\"node1\","
                            + "system=\"daos_server\"} 1")
                    .contains("dockmaster_plugin_status{builtin=\"false\",plugin=\"control\",state=\"STARTED\","
                            + "version=\"0.1.0\"} 1")
                    .contains("dockmaster_plugin_status{builtin=\"false\",plugin=\"broken\",state=\"STARTED\"")
                    .contains("dockmaster_module_enabled{module=\"server\",plugin=\"core\"} 1")
                    .contains("# TYPE dockmaster_jvm_memory_used_bytes gauge")
                    .contains("# TYPE dockmaster_jvm_threads_live_threads gauge")
                    .contains("# TYPE dockmaster_process_uptime_seconds gauge")
                    .contains("# TYPE dockmaster_process_cpu_usage gauge")
                    .contains("# TYPE dockmaster_jvm_classes_loaded_classes gauge")
                    .doesNotContain("\njvm_").doesNotContain("\nprocess_");
            assertThat(after)
                    .contains("dockmaster_plugin_status{builtin=\"false\",plugin=\"broken\",state=\"FAILED\"")
                    .doesNotContain("plugin=\"broken\",state=\"STARTED\"")
                    .contains("dockmaster_module_enabled{module=\"broken\",plugin=\"broken\"} 0");
        } finally {
            module.close();
        }
        assertThatThrownBy(() -> Http.send("GET", port, "/metrics")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aTakenPortFailsTheModuleWithTheTelemetryFault() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> new TelemetryModuleFactory().create(new Context(server(port),
                    ServerInventory.EMPTY)))
                    .isInstanceOfSatisfying(Fault.class,
                            f -> assertThat(f.code()).isEqualTo(TelemetryFaults.PORT_UNAVAILABLE));
        }
    }

    @Test
    void thePluginContributesOnlyTheTelemetryModule() {
        assertThat(new TelemetryPlugin().grpcModules()).extracting(f -> f.name()).containsExactly("telemetry");
        assertThat(new TelemetryPlugin().scmProviders()).isEmpty();
        assertThat(new TelemetryPlugin().bdevProviders()).isEmpty();
    }
}
