package dev.dockmaster.core.grpc;

import dev.dockmaster.core.ServerFaults;
import dev.dockmaster.core.TestingServers;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleRegistryTest {
    private static final ServerInfo INFO = new ServerInfo("daos_server", "2.6.5", "host", 0, List.of(), 0, 0);
    private static final StorageProviders NO_STORAGE = new StorageProviders() {
        public List<ScmProvider> scm() {
            return List.of();
        }

        public List<BdevProvider> bdev() {
            return List.of();
        }
    };

    @TempDir
    Path dir;

    private PluginRegistry plugins;

    @AfterEach
    void close() {
        if (plugins != null) {
            plugins.close();
        }
    }

    private ModuleRegistry create(String hocon, GrpcModuleFactory... factories) {
        plugins = PluginRegistry.load(Optional.empty(), "0.1.0", PluginSelection.all());
        return ModuleRegistry.create(TestingServers.config(dir, dir, hocon), plugins, List.of(factories), INFO,
                NO_STORAGE, Set.of());
    }

    private static GrpcModuleFactory module(String name, List<ServerServiceDefinition> services,
                                            OrderedInterceptor... interceptors) {
        return new GrpcModuleFactory() {
            public String name() {
                return name;
            }

            public GrpcModule create(ModuleContext context) {
                return new GrpcModule() {
                    public List<ServerServiceDefinition> services() {
                        return services;
                    }

                    public List<OrderedInterceptor> interceptors() {
                        return List.of(interceptors);
                    }
                };
            }
        };
    }

    private static OrderedInterceptor interceptor(int order, String name, List<String> calls) {
        ServerInterceptor recording = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                                                                      io.grpc.Metadata headers,
                                                                      io.grpc.ServerCallHandler<Q, R> next) {
                calls.add(name);
                return next.startCall(call, headers);
            }
        };
        return new OrderedInterceptor(order, name, recording);
    }

    private static ServerServiceDefinition service(String name) {
        return ServerServiceDefinition.builder(name).build();
    }

    @Test
    void twoInterceptorsWithOneOrderAreRefused() {
        List<String> calls = List.of();
        assertThatThrownBy(() -> create("",
                module("a", List.of(), interceptor(10, "auth", calls)),
                module("b", List.of(), interceptor(10, "audit", calls))))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ServerFaults.INTERCEPTOR_ORDER_CONFLICT);
                    assertThat(f.description()).contains("auth").contains("audit").contains("10");
                });
    }

    @Test
    void interceptorsAreSortedByOrder() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ModuleRegistry registry = create("",
                module("a", List.of(), interceptor(20, "second", calls)),
                module("b", List.of(), interceptor(5, "first", calls)));

        assertThat(registry.orderedInterceptors()).extracting(OrderedInterceptor::name)
                .containsExactly("first", "second");
    }

    @Test
    void oneServiceFromTwoModulesIsRefused() {
        assertThatThrownBy(() -> create("",
                module("a", List.of(service("ctl.CtlSvc"))),
                module("b", List.of(service("ctl.CtlSvc")))))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ServerFaults.DUPLICATE_SERVICE);
                    assertThat(f.description()).contains("ctl.CtlSvc").contains("a").contains("b");
                });
    }

    @Test
    void moduleSwitchedOffInConfigIsListedButNotCreated() {
        ModuleRegistry registry = create("modules.b.enabled = false",
                module("a", List.of(service("x.A"))),
                module("b", List.of(service("x.B"))));

        assertThat(registry.active()).extracting(ActiveModule::name).containsExactly("a");
        assertThat(registry.statuses()).extracting(ModuleStatus::name, ModuleStatus::enabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", true),
                        org.assertj.core.groups.Tuple.tuple("b", false));
    }

    @Test
    void coreModuleThatFailsStopsTheServer() {
        GrpcModuleFactory failing = new GrpcModuleFactory() {
            public String name() {
                return "boom";
            }

            public GrpcModule create(ModuleContext context) {
                throw new IllegalStateException("no disk");
            }
        };
        assertThatThrownBy(() -> create("", failing))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ServerFaults.MODULE_FAILED);
                    assertThat(f.description()).contains("boom").contains("no disk");
                });
    }

    private static GrpcModuleFactory metricsModule(String name, RecordingMetrics exporter,
                                                   java.util.concurrent.atomic.AtomicReference<ModuleContext> seen) {
        return new GrpcModuleFactory() {
            public String name() {
                return name;
            }

            public GrpcModule create(ModuleContext context) {
                seen.set(context);
                // Recorded while modules are still being created: dropped, not an error.
                context.metrics().counter("early", "d", java.util.Map.of()).increment();
                return new GrpcModule() {
                    public List<ServerServiceDefinition> services() {
                        return List.of();
                    }

                    public Optional<dev.dockmaster.spi.telemetry.ControlMetrics> metrics() {
                        return Optional.ofNullable(exporter);
                    }
                };
            }
        };
    }

    @Test
    void everyModuleRecordsIntoTheOneExportingModule() {
        RecordingMetrics exporter = new RecordingMetrics();
        var user = new java.util.concurrent.atomic.AtomicReference<ModuleContext>();
        ModuleRegistry registry = create("", metricsModule("user", null, user),
                metricsModule("exporter", exporter, new java.util.concurrent.atomic.AtomicReference<>()));

        user.get().metrics().counter("joins", "d", java.util.Map.of("result", "ok")).increment();
        registry.metrics().timer("drpc", "d", java.util.Map.of()).record(3);

        assertThat(registry.metrics().bound()).isTrue();
        assertThat(exporter.counts).containsEntry("joins{result=ok}", 1).doesNotContainKey("early{}");
        assertThat(exporter.timings.get("drpc{}")).containsExactly(3L);
    }

    @Test
    void twoExportingModulesAreFault2009() {
        assertThatThrownBy(() -> create("",
                metricsModule("one", new RecordingMetrics(), new java.util.concurrent.atomic.AtomicReference<>()),
                metricsModule("two", new RecordingMetrics(), new java.util.concurrent.atomic.AtomicReference<>())))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ServerFaults.DUPLICATE_METRICS_EXPORTER);
                    assertThat(f.description()).contains("one").contains("two");
                });
    }
}
