package dev.dockmaster.plugins.security;

import dev.dockmaster.client.Component;
import dev.dockmaster.client.TransportConfig;
import dev.dockmaster.client.invoke.GrpcInvoker;
import dev.dockmaster.client.invoke.RpcErrors;
import dev.dockmaster.core.config.TypesafeConfigView;
import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security module on real sockets: a secure server (mutual TLS, authorization, request checks) and an insecure
 * one (request checks only), each hosting a small ctl.CtlSvc, called by clients presenting the admin, agent and
 * server certificates made by gen_certificates. Faults are read back through the client's decoder, so the two sides
 * of the error encoding are checked together.
 */
class SecurityModuleTest {
    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static Server secure;
    private static Server insecure;
    private static final List<ManagedChannel> CHANNELS = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.generate(dir);
        secure = serve(create(transport(false)));
        insecure = serve(create(transport(true)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        CHANNELS.forEach(ManagedChannel::shutdownNow);
        for (Server s : new Server[] {secure, insecure}) {
            if (s != null) {
                s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** What a call should end with: OK, a gRPC status with a message, or a DAOS fault code. */
    record Expect(Status.Code code, String message, int fault) {
        static Expect ok() {
            return new Expect(Status.Code.OK, "", 0);
        }

        static Expect status(Status.Code code, String message) {
            return new Expect(code, message, 0);
        }

        static Expect fault(int code) {
            return new Expect(Status.Code.INTERNAL, "", code);
        }
    }

    enum Rpc { NETWORK_SCAN, STOP_RANKS, SET_LOG_MASKS }

    static Stream<Arguments> secureCalls() {
        return Stream.of(
                Arguments.of("admin NetworkScan", "admin", "admin", "2.6.5", Rpc.NETWORK_SCAN, null, Expect.ok()),
                Arguments.of("agent NetworkScan denied", "agent", "agent", "2.6.5", Rpc.NETWORK_SCAN, null,
                        Expect.status(Status.Code.PERMISSION_DENIED,
                                "agent does not have permission to call /ctl.CtlSvc/NetworkScan")),
                Arguments.of("server StopRanks", "server", "server", "2.6.5", Rpc.STOP_RANKS, null, Expect.ok()),
                Arguments.of("admin StopRanks denied", "admin", "admin", "2.6.5", Rpc.STOP_RANKS, null,
                        Expect.status(Status.Code.PERMISSION_DENIED,
                                "admin does not have permission to call /ctl.CtlSvc/StopRanks")),
                Arguments.of("header claims another component", "admin", "server", "2.6.5", Rpc.NETWORK_SCAN, null,
                        Expect.status(Status.Code.PERMISSION_DENIED, "component mismatch (req: \"server\" != cert: \"admin\")")),
                Arguments.of("patch release differs", "admin", "admin", "2.6.1", Rpc.NETWORK_SCAN, null, Expect.ok()),
                Arguments.of("minor release differs 616", "admin", "admin", "2.4.0", Rpc.NETWORK_SCAN, null,
                        Expect.fault(616)),
                Arguments.of("no headers, sys version differs 616", "admin", null, null, Rpc.SET_LOG_MASKS,
                        "daos_server-2.4.0", Expect.fault(616)),
                Arguments.of("no headers, sys without version 616", "admin", null, null, Rpc.SET_LOG_MASKS,
                        "daos_server", Expect.fault(616)),
                Arguments.of("no headers, sys patch differs", "admin", null, null, Rpc.SET_LOG_MASKS,
                        "daos_server-2.6.0", Expect.ok()),
                Arguments.of("no headers, no sys field", "admin", null, null, Rpc.NETWORK_SCAN, null, Expect.ok()),
                Arguments.of("another system 603", "admin", "admin", "2.6.5", Rpc.SET_LOG_MASKS, "other-2.6.5",
                        Expect.fault(603)),
                Arguments.of("own system", "admin", "admin", "2.6.5", Rpc.SET_LOG_MASKS, "daos_server-2.6.5",
                        Expect.ok()));
    }

    static Stream<Arguments> insecureCalls() {
        return Stream.of(
                Arguments.of("headers", "admin", "2.6.5", Rpc.NETWORK_SCAN, null, Expect.ok()),
                Arguments.of("headers claim agent, no authorization", "agent", "2.6.5", Rpc.NETWORK_SCAN, null,
                        Expect.ok()),
                Arguments.of("header version incompatible 616", "admin", "2.5.0", Rpc.NETWORK_SCAN, null,
                        Expect.fault(616)),
                Arguments.of("agent two minors apart", "agent", "2.4.9", Rpc.NETWORK_SCAN, null, Expect.ok()),
                Arguments.of("agent three minors apart 616", "agent", "2.9.0", Rpc.NETWORK_SCAN, null,
                        Expect.fault(616)),
                Arguments.of("no headers, sys version differs 617", null, null, Rpc.SET_LOG_MASKS,
                        "daos_server-2.6.4", Expect.fault(617)),
                Arguments.of("no headers, sys without version 617", null, null, Rpc.SET_LOG_MASKS, "daos_server",
                        Expect.fault(617)),
                Arguments.of("no headers, same version", null, null, Rpc.SET_LOG_MASKS, "daos_server-2.6.5",
                        Expect.ok()),
                Arguments.of("another system 603", "admin", "2.6.5", Rpc.SET_LOG_MASKS, "other", Expect.fault(603)),
                Arguments.of("system name with a dash", "admin", "2.6.5", Rpc.SET_LOG_MASKS, "daos-test-2.6.5",
                        Expect.fault(603)),
                Arguments.of("unknown component header", "bogus", "2.6.5", Rpc.NETWORK_SCAN, null,
                        Expect.status(Status.Code.INVALID_ARGUMENT, "invalid component \"bogus\"")),
                Arguments.of("unparsable version header", "admin", "2.6", Rpc.NETWORK_SCAN, null,
                        Expect.status(Status.Code.INVALID_ARGUMENT, "invalid version \"2.6\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secureCalls")
    void secureServer(String name, String cert, String headerComponent, String headerVersion, Rpc rpc, String sys,
                      Expect expect) {
        ManagedChannel channel = tlsChannel(cert);
        check(call(channel, headerComponent, headerVersion, rpc, sys), expect);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("insecureCalls")
    void insecureServer(String name, String headerComponent, String headerVersion, Rpc rpc, String sys,
                        Expect expect) {
        ManagedChannel channel = keep(NettyChannelBuilder.forAddress("127.0.0.1", insecure.getPort())
                .usePlaintext().build());
        check(call(channel, headerComponent, headerVersion, rpc, sys), expect);
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() throws Exception {
        ManagedChannel channel = keep(NettyChannelBuilder.forAddress("127.0.0.1", secure.getPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                .build());
        Optional<Throwable> error = call(channel, "admin", "2.6.5", Rpc.NETWORK_SCAN, null);
        assertThat(error).get().isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aPlaintextClientCannotTalkToTheSecureServer() {
        ManagedChannel channel = keep(NettyChannelBuilder.forAddress("127.0.0.1", secure.getPort())
                .usePlaintext().build());
        Optional<Throwable> error = call(channel, "admin", "2.6.5", Rpc.NETWORK_SCAN, null);
        assertThat(error).get().isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aServerWithAnotherCasCertificateIsRefusedByTheClient(@TempDir Path other) throws Exception {
        TestCertificates foreign = TestCertificates.generate(other);
        GrpcModule module = create(new TransportInfo(false, foreign.ca(), foreign.cert("server"),
                foreign.key("server"), foreign.clients()));
        Server rogue = serve(module);
        try {
            ManagedChannel channel = keep(GrpcInvoker.channelsFor(clientTransport("admin"), Component.ADMIN)
                    .open("127.0.0.1:" + rogue.getPort()));
            Optional<Throwable> error = call(channel, "admin", "2.6.5", Rpc.NETWORK_SCAN, null);
            assertThat(error).get().isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            rogue.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerKeyReadableByOthersStopsTheModule(@TempDir Path copy) throws IOException {
        Path key = copy.resolve("server.key");
        Files.copy(certs.key("server"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> create(new TransportInfo(false, certs.ca(), certs.cert("server"), key,
                certs.clients())))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(2301);
                    assertThat(f.description()).contains(key.toString()).contains("0600").contains("0400");
                    assertThat(f.resolution()).contains("chmod 400 " + key);
                });
    }

    @ParameterizedTest(name = "missing {0}")
    @MethodSource("transportFiles")
    void aMissingFileIsFault901NamingIt(String which) {
        Path missing = dir.resolve("nowhere").resolve(which);
        TransportInfo t = transport(false);
        TransportInfo broken = switch (which) {
            case "ca_cert" -> new TransportInfo(false, missing, t.cert(), t.key(), t.clientCertDir());
            case "cert" -> new TransportInfo(false, t.caCert(), missing, t.key(), t.clientCertDir());
            case "key" -> new TransportInfo(false, t.caCert(), t.cert(), missing, t.clientCertDir());
            default -> new TransportInfo(false, t.caCert(), t.cert(), t.key(), missing);
        };
        assertThatThrownBy(() -> create(broken)).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(901);
            assertThat(f.description()).contains(missing.toString());
        });
    }

    static Stream<String> transportFiles() {
        return Stream.of("ca_cert", "cert", "key", "client_cert_dir");
    }

    @Test
    void insecureModeSuppliesNoCredentialsAndOnlyTheRequestChecks() {
        GrpcModule module = create(transport(true));
        assertThat(module.serverCredentials()).isEmpty();
        assertThat(module.peerCredentials()).isEmpty();
        assertThat(module.peerTls()).isEmpty();
        assertThat(module.interceptors()).extracting(OrderedInterceptor::name)
                .containsExactly("security.request-checks");
        GrpcModule tls = create(transport(false));
        assertThat(tls.serverCredentials()).isPresent();
        assertThat(tls.peerCredentials()).isPresent();
        // raft's identity: the server certificate, with the same trust checks (the CA's server certificate passes)
        assertThat(tls.peerTls()).hasValueSatisfying(peer -> {
            String alias = peer.keyManager().chooseClientAlias(new String[] {"RSA"}, null, null);
            assertThat(peer.keyManager().getCertificateChain(alias)[0].getSubjectX500Principal().getName())
                    .contains("CN=server");
            assertThat(peer.keyManager().getPrivateKey(alias)).isNotNull();
            assertThatCode(() -> peer.trustManager().checkServerTrusted(peer.keyManager()
                    .getCertificateChain(alias), "RSA")).doesNotThrowAnyException();
        });
        assertThat(tls.interceptors()).extracting(OrderedInterceptor::name)
                .containsExactly("security.authorization", "security.request-checks");
    }

    // ---- helpers ----

    private static void check(Optional<Throwable> error, Expect expect) {
        if (expect.code() == Status.Code.OK) {
            assertThat(error).isEmpty();
            return;
        }
        assertThat(error).as("the call should have failed").isPresent();
        if (expect.fault() != 0) {
            Throwable decoded = RpcErrors.toHostError(error.get(), "h", "Test", Duration.ofSeconds(5));
            assertThat(decoded).isInstanceOfSatisfying(Fault.class,
                    f -> assertThat(f.code()).as(f.describe()).isEqualTo(expect.fault()));
            return;
        }
        assertThat(error.get()).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(expect.code());
            assertThat(e.getStatus().getDescription()).contains(expect.message());
        });
    }

    private static Optional<Throwable> call(ManagedChannel channel, String component, String version, Rpc rpc,
                                            String sys) {
        Metadata headers = new Metadata();
        if (component != null) {
            headers.put(RequestChecks.COMPONENT_HEADER, component);
        }
        if (version != null) {
            headers.put(RequestChecks.VERSION_HEADER, version);
        }
        CtlSvcGrpc.CtlSvcBlockingStub stub = CtlSvcGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
        try {
            switch (rpc) {
                case NETWORK_SCAN -> stub.networkScan(NetworkScanReq.getDefaultInstance());
                case STOP_RANKS -> stub.stopRanks(RanksReq.getDefaultInstance());
                case SET_LOG_MASKS -> stub.setEngineLogMasks(SetLogMasksReq.newBuilder()
                        .setSys(sys == null ? "" : sys).build());
                default -> throw new IllegalStateException();
            }
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            return Optional.of(e);
        }
    }

    private static ManagedChannel tlsChannel(String component) {
        Component c = switch (component) {
            case "admin" -> Component.ADMIN;
            case "agent" -> Component.AGENT;
            default -> Component.SERVER;
        };
        return keep(GrpcInvoker.channelsFor(clientTransport(component), c).open("127.0.0.1:" + secure.getPort()));
    }

    private static TransportConfig clientTransport(String component) {
        if (component.equals("server")) {
            // A server calling another server uses its own transport_config.
            return TransportConfig.ofServer(transport(false));
        }
        return new TransportConfig(false, certs.ca().toString(), certs.cert(component).toString(),
                certs.key(component).toString());
    }

    private static ManagedChannel keep(ManagedChannel channel) {
        synchronized (CHANNELS) {
            CHANNELS.add(channel);
        }
        return channel;
    }

    static TransportInfo transport(boolean insecureMode) {
        return new TransportInfo(insecureMode, certs.ca(), certs.cert("server"), certs.key("server"),
                certs.clients());
    }

    static GrpcModule create(TransportInfo transport) {
        return new SecurityModuleFactory().create(new Context(TypesafeConfigView.empty("modules.security"),
                transport));
    }

    /** A server as the core builds it: the module's credentials or plaintext, its interceptors lowest first. */
    static Server serve(GrpcModule module) throws IOException {
        ServerCredentials credentials = module.serverCredentials().orElse(InsecureServerCredentials.create());
        ServerBuilder<?> builder = Grpc.newServerBuilderForPort(0, credentials).addService(new Ctl());
        List<OrderedInterceptor> interceptors = new ArrayList<>(module.interceptors());
        interceptors.sort((a, b) -> Integer.compare(b.order(), a.order()));
        interceptors.forEach(i -> builder.intercept(i.interceptor()));
        return builder.build().start();
    }

    /** Answers every call with an empty response. */
    static final class Ctl extends CtlSvcGrpc.CtlSvcImplBase {
        @Override
        public void networkScan(NetworkScanReq request, StreamObserver<NetworkScanResp> responses) {
            reply(responses, NetworkScanResp.getDefaultInstance());
        }

        @Override
        public void stopRanks(RanksReq request, StreamObserver<RanksResp> responses) {
            reply(responses, RanksResp.getDefaultInstance());
        }

        @Override
        public void setEngineLogMasks(SetLogMasksReq request, StreamObserver<SetLogMasksResp> responses) {
            reply(responses, SetLogMasksResp.getDefaultInstance());
        }

        private static <T> void reply(StreamObserver<T> responses, T value) {
            responses.onNext(value);
            responses.onCompleted();
        }
    }

    record Context(ConfigView config, TransportInfo transport) implements ModuleContext {
        @Override
        public ServerInfo server() {
            return new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 0, 0);
        }

        @Override
        public StorageProviders storage() {
            return new StorageProviders() {
                @Override
                public List<dev.dockmaster.spi.storage.ScmProvider> scm() {
                    return List.of();
                }

                @Override
                public List<dev.dockmaster.spi.storage.BdevProvider> bdev() {
                    return List.of();
                }
            };
        }
    }
}
