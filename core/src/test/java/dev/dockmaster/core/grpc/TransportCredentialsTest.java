package dev.dockmaster.core.grpc;

import dev.dockmaster.core.ServerFaults;
import dev.dockmaster.core.TestingServers;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.InsecureServerCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the endpoint chooses the port's credentials: a module's, plaintext only when allowed, never two modules'. */
class TransportCredentialsTest {
    private static final ServerInfo INFO = new ServerInfo("daos_server", "2.6.5", "host", 0, List.of(), 0, 0);
    private static final StorageProviders NO_STORAGE = new StorageProviders() {
        public List<ScmProvider> scm() {
            return List.of();
        }

        public List<BdevProvider> bdev() {
            return List.of();
        }
    };
    private static final TransportInfo SECURE = new TransportInfo(false, Path.of("/c/daosCA.crt"),
            Path.of("/c/server.crt"), Path.of("/c/server.key"), Path.of("/c/clients"));

    @TempDir
    Path dir;

    private PluginRegistry plugins;

    @AfterEach
    void close() {
        if (plugins != null) {
            plugins.close();
        }
    }

    private ModuleRegistry create(GrpcModuleFactory... factories) {
        plugins = PluginRegistry.load(Optional.empty(), "0.1.0", PluginSelection.all());
        return ModuleRegistry.create(TestingServers.config(dir, dir, ""), plugins, List.of(factories),
                ModuleRegistry.ModuleServices.basic(INFO, NO_STORAGE).withTransport(SECURE), Set.of());
    }

    private static GrpcModuleFactory module(String name, Optional<ServerCredentials> credentials,
                                            AtomicReference<TransportInfo> seen) {
        return new GrpcModuleFactory() {
            public String name() {
                return name;
            }

            public GrpcModule create(ModuleContext context) {
                seen.set(context.transport());
                return new GrpcModule() {
                    public List<ServerServiceDefinition> services() {
                        return List.of();
                    }

                    public Optional<ServerCredentials> serverCredentials() {
                        return credentials;
                    }
                };
            }
        };
    }

    @Test
    void modulesSeeTheTransportConfig() {
        AtomicReference<TransportInfo> seen = new AtomicReference<>();
        try (ModuleRegistry registry = create(module("a", Optional.empty(), seen))) {
            assertThat(seen.get()).isEqualTo(SECURE);
            assertThat(registry.serverCredentials()).isEmpty();
        }
    }

    @Test
    void withoutASecuringModuleTlsIsRequiredFault2007() {
        try (ModuleRegistry registry = create(module("a", Optional.empty(), new AtomicReference<>()))) {
            assertThatThrownBy(() -> GrpcEndpoint.start(0, registry, false))
                    .isInstanceOfSatisfying(Fault.class, f -> {
                        assertThat(f.code()).isEqualTo(ServerFaults.NO_TRANSPORT_SECURITY);
                        assertThat(f.description()).contains("allow_insecure is false");
                        assertThat(f.resolution()).contains("security plugin").contains("allow_insecure: true");
                    });
        }
    }

    @Test
    void aModulesCredentialsOpenThePort() {
        // Plaintext credentials stand in for TLS: what matters is that the module's credentials are the ones used.
        try (ModuleRegistry registry = create(module("tls", Optional.of(InsecureServerCredentials.create()),
                new AtomicReference<>()));
             GrpcEndpoint endpoint = GrpcEndpoint.start(0, registry, false)) {
            assertThat(endpoint.port()).isPositive();
            assertThat(registry.serverCredentials()).get().extracting(ModuleRegistry.ModuleCredentials::module)
                    .isEqualTo("tls");
        }
    }

    @Test
    void twoModulesWithCredentialsAreFault2006() {
        assertThatThrownBy(() -> create(module("one", Optional.of(InsecureServerCredentials.create()),
                        new AtomicReference<>()),
                module("two", Optional.of(InsecureServerCredentials.create()), new AtomicReference<>())))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ServerFaults.DUPLICATE_CREDENTIALS);
                    assertThat(f.description()).contains("one").contains("two");
                });
    }

    // --- credentials for calls to other servers

    private static GrpcModuleFactory peerModule(String name, Optional<ChannelCredentials> peer,
                                                AtomicReference<ModuleContext> seen) {
        return new GrpcModuleFactory() {
            public String name() {
                return name;
            }

            public GrpcModule create(ModuleContext context) {
                seen.set(context);
                return new GrpcModule() {
                    public List<ServerServiceDefinition> services() {
                        return List.of();
                    }

                    public Optional<ChannelCredentials> peerCredentials() {
                        return peer;
                    }
                };
            }
        };
    }

    @Test
    void modulesGetThePeerCredentialsAModuleSuppliesOnceEveryModuleExists() {
        ChannelCredentials tls = InsecureChannelCredentials.create();
        AtomicReference<ModuleContext> seen = new AtomicReference<>();
        try (ModuleRegistry registry = create(peerModule("asks", Optional.empty(), seen),
                peerModule("supplies", Optional.of(tls), new AtomicReference<>()))) {
            assertThat(seen.get().peerCredentials()).isSameAs(tls);
            assertThat(registry.peerCredentials(false)).isSameAs(tls);
        }
    }

    @Test
    void aTlsServerWithoutPeerCredentialsIsFault2008AndAPlaintextOneCallsPlaintext() {
        AtomicReference<ModuleContext> seen = new AtomicReference<>();
        try (ModuleRegistry registry = create(peerModule("a", Optional.empty(), seen))) {
            assertThatThrownBy(() -> seen.get().peerCredentials()).isInstanceOfSatisfying(Fault.class, f -> {
                assertThat(f.code()).isEqualTo(ServerFaults.NO_PEER_CREDENTIALS);
                assertThat(f.resolution()).contains("security");
            });
            assertThat(registry.peerCredentials(true)).isInstanceOf(InsecureChannelCredentials.class);
        }
    }

    @Test
    void twoModulesSupplyingPeerCredentialsIsFault2006() {
        try (ModuleRegistry registry = create(
                peerModule("one", Optional.of(InsecureChannelCredentials.create()), new AtomicReference<>()),
                peerModule("two", Optional.of(InsecureChannelCredentials.create()), new AtomicReference<>()))) {
            assertThatThrownBy(() -> registry.peerCredentials(false)).isInstanceOfSatisfying(Fault.class,
                    f -> assertThat(f.code()).isEqualTo(ServerFaults.DUPLICATE_CREDENTIALS));
        }
    }

    @Test
    void askingWhileModulesAreCreatedIsAClearError() {
        GrpcModuleFactory eager = new GrpcModuleFactory() {
            public String name() {
                return "eager";
            }

            public GrpcModule create(ModuleContext context) {
                context.peerCredentials();
                throw new AssertionError("unreachable");
            }
        };
        assertThatThrownBy(() -> create(eager)).hasMessageContaining("once every module exists");
    }

    // --- the same identity for transports that are not grpc-java (raft)

    private static dev.dockmaster.spi.grpc.PeerTls jdkDefaultTls() throws Exception {
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        java.security.KeyStore empty = java.security.KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        keys.init(empty, new char[0]);
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        trust.init((java.security.KeyStore) null);
        return new dev.dockmaster.spi.grpc.PeerTls((javax.net.ssl.X509KeyManager) keys.getKeyManagers()[0],
                (javax.net.ssl.X509TrustManager) trust.getTrustManagers()[0]);
    }

    @Test
    void aTaskStartedWhileModulesAreCreatedGetsThePeerTlsOnceTheyAllExist() throws Exception {
        dev.dockmaster.spi.grpc.PeerTls tls = jdkDefaultTls();
        java.util.concurrent.CompletableFuture<Optional<dev.dockmaster.spi.grpc.PeerTls>> asked =
                new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch supplierCreated = new java.util.concurrent.CountDownLatch(1);
        GrpcModuleFactory early = new GrpcModuleFactory() {
            public String name() {
                return "early";
            }

            public GrpcModule create(ModuleContext context) {
                // like raft starting in the background before the security module exists
                Thread task = new Thread(() -> {
                    try {
                        asked.complete(context.peerTls());
                    } catch (RuntimeException e) {
                        asked.completeExceptionally(e);
                    }
                });
                task.start();
                return List::of;
            }
        };
        GrpcModuleFactory supplier = new GrpcModuleFactory() {
            public String name() {
                return "supplies";
            }

            public GrpcModule create(ModuleContext context) {
                supplierCreated.countDown();
                return new GrpcModule() {
                    public List<ServerServiceDefinition> services() {
                        return List.of();
                    }

                    public Optional<dev.dockmaster.spi.grpc.PeerTls> peerTls() {
                        return Optional.of(tls);
                    }
                };
            }
        };
        try (ModuleRegistry registry = create(early, supplier)) {
            assertThat(asked.get(10, java.util.concurrent.TimeUnit.SECONDS)).containsSame(tls);
            assertThat(supplierCreated.getCount()).isZero();
            assertThat(registry.peerTls(false)).containsSame(tls);
        }
    }

    @Test
    void aTlsServerWithoutPeerTlsIsFault2008AndAPlaintextOneHasNone() {
        try (ModuleRegistry registry = create(peerModule("a", Optional.empty(), new AtomicReference<>()))) {
            assertThatThrownBy(() -> registry.peerTls(false)).isInstanceOfSatisfying(Fault.class,
                    f -> assertThat(f.code()).isEqualTo(ServerFaults.NO_PEER_CREDENTIALS));
            assertThat(registry.peerTls(true)).isEmpty();
        }
    }
}
