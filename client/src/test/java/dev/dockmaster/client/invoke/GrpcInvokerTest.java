package dev.dockmaster.client.invoke;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.Component;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.spi.Fault;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real invoker against fake CtlSvc servers on in-process transport, one server per host address. */
class GrpcInvokerTest {
    private static final ControlConfig INSECURE = ControlConfig.defaults().withAllowInsecure(true);

    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final Map<String, Metadata> headersByHost = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    /** How a fake host answers NetworkScan. */
    interface Behaviour {
        void answer(NetworkScanReq req, StreamObserver<NetworkScanResp> out) throws Exception;
    }

    private void host(String address, Behaviour behaviour) throws IOException {
        CtlSvcGrpc.CtlSvcImplBase impl = new CtlSvcGrpc.CtlSvcImplBase() {
            @Override
            public void networkScan(NetworkScanReq request, StreamObserver<NetworkScanResp> out) {
                try {
                    behaviour.answer(request, out);
                } catch (Exception e) {
                    out.onError(e);
                }
            }
        };
        ServerInterceptor capture = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                headersByHost.put(address, headers);
                return next.startCall(call, headers);
            }
        };
        servers.add(InProcessServerBuilder.forName(address)
                .addService(ServerInterceptors.intercept(impl, capture)).build().start());
    }

    private ManagedChannel open(String address) {
        opened.incrementAndGet();
        ManagedChannel channel = InProcessChannelBuilder.forName(address).build();
        channels.add(channel);
        return channel;
    }

    private static Behaviour reply(String device) {
        return (req, out) -> {
            out.onNext(NetworkScanResp.newBuilder().setNumacount(1).addInterfaces(
                    dev.dockmaster.proto.ctl.FabricInterface.newBuilder().setDevice(device)
                            .setProvider(req.getProvider())).build());
            out.onCompleted();
        };
    }

    private static UnaryRequest<NetworkScanReq, NetworkScanResp> scan(String hosts, Duration timeout) {
        return new UnaryRequest<>("NetworkScan", CtlSvcGrpc.getNetworkScanMethod(),
                NetworkScanReq.newBuilder().setProvider("ofi+tcp").build(), HostSet.parse(hosts),
                Optional.of(timeout));
    }

    @AfterEach
    void stop() {
        servers.forEach(Server::shutdownNow);
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void fansOutToEveryHostAndCollectsMixedResults() throws Exception {
        host("h1:10001", reply("eth0"));
        host("h2:10001", reply("eth1"));
        host("h3:10001", (req, out) -> out.onError(Status.UNIMPLEMENTED.withDescription("no such method")
                .asRuntimeException()));
        try (GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.ADMIN, this::open)) {
            UnaryResponse<NetworkScanResp> ur = invoker.invoke(scan("h[1-3]", Duration.ofSeconds(10)));

            assertThat(ur.responses()).extracting(HostResponse::address)
                    .containsExactly("h1:10001", "h2:10001", "h3:10001");
            assertThat(ur.responses().get(0).message().orElseThrow().getInterfaces(0).getDevice()).isEqualTo("eth0");
            assertThat(ur.responses().get(0).message().orElseThrow().getInterfaces(0).getProvider())
                    .isEqualTo("ofi+tcp");
            assertThat(ur.responses().get(1).message().orElseThrow().getInterfaces(0).getDevice()).isEqualTo("eth1");
            assertThat(ur.responses().get(2).error().orElseThrow())
                    .hasMessage("rpc error: code = Unimplemented desc = no such method");
        }
    }

    @Test
    void callsRunConcurrently() throws Exception {
        // Each fake host answers only once all three calls have arrived: a sequential invoker would time out.
        CountDownLatch allArrived = new CountDownLatch(3);
        Behaviour barrier = (req, out) -> {
            allArrived.countDown();
            if (!allArrived.await(10, TimeUnit.SECONDS)) {
                throw Status.ABORTED.withDescription("calls were not concurrent").asRuntimeException();
            }
            reply("eth0").answer(req, out);
        };
        host("c1:10001", barrier);
        host("c2:10001", barrier);
        host("c3:10001", barrier);
        try (GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.ADMIN, this::open)) {
            UnaryResponse<NetworkScanResp> ur = invoker.invoke(scan("c[1-3]", Duration.ofSeconds(5)));
            assertThat(ur.responses()).noneMatch(HostResponse::failed);
        }
    }

    @Test
    void deadlineFailsOnlyTheHostsThatDidNotAnswer() throws Exception {
        host("d1:10001", reply("eth0"));
        host("d2:10001", (req, out) -> { /* never answers */ });
        try (GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.ADMIN, this::open)) {
            long start = System.nanoTime();
            UnaryResponse<NetworkScanResp> ur = invoker.invoke(scan("d[1-2]", Duration.ofMillis(300)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            assertThat(ur.responses().get(0).failed()).isFalse();
            assertThat(ur.responses().get(1).error().orElseThrow()).isInstanceOfSatisfying(Fault.class, f -> {
                assertThat(f.code()).isEqualTo(ClientFaults.RPC_TIMEOUT);
                assertThat(f.description()).isEqualTo("the NetworkScan request timed out after 300ms");
            });
        }
    }

    @Test
    void everyCallCarriesComponentAndVersionHeaders() throws Exception {
        host("x1:10001", reply("eth0"));
        host("x2:10001", reply("eth0"));
        try (GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.SERVER, this::open)) {
            invoker.invoke(scan("x[1-2]", Duration.ofSeconds(5)));
        }
        assertThat(headersByHost).containsOnlyKeys("x1:10001", "x2:10001");
        for (Metadata headers : headersByHost.values()) {
            assertThat(headers.get(Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER)))
                    .isEqualTo("server");
            assertThat(headers.get(Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER)))
                    .isEqualTo("2.6.5");
        }
    }

    @Test
    void channelsAreReusedPerHostAndClosedOnClose() throws Exception {
        host("r1:10001", reply("eth0"));
        GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.ADMIN, this::open);
        invoker.invoke(scan("r1", Duration.ofSeconds(5)));
        invoker.invoke(scan("r1", Duration.ofSeconds(5)));
        assertThat(opened).hasValue(1);
        assertThat(invoker.openChannels()).isEqualTo(1);
        invoker.close();
        assertThat(channels).allMatch(ManagedChannel::isShutdown);
        assertThatThrownBy(() -> invoker.invoke(scan("r1", Duration.ofSeconds(5))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void serverFaultInErrorInfoIsDecoded() throws Exception {
        ErrorInfo info = ErrorInfo.newBuilder().setReason("proto.fault.Fault").setDomain("server")
                .putMetadata("Domain", "server").putMetadata("Code", "603")
                .putMetadata("Description", "wrong system").putMetadata("Resolution", "fix name").build();
        com.google.rpc.Status rich = com.google.rpc.Status.newBuilder().setCode(Status.Code.INTERNAL.value())
                .setMessage("server: code = 603").addDetails(Any.pack(info)).build();
        host("f1:10001", (req, out) -> out.onError(StatusProto.toStatusRuntimeException(rich)));
        ErrorInfo status = ErrorInfo.newBuilder().setReason("proto.daos.DaosStatus").setDomain("DAOS")
                .putMetadata("Status", "-1013").build();
        host("f2:10001", (req, out) -> out.onError(StatusProto.toStatusRuntimeException(
                rich.toBuilder().clearDetails().addDetails(Any.pack(status)).build())));
        try (GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.ADMIN, this::open)) {
            UnaryResponse<NetworkScanResp> ur = invoker.invoke(scan("f[1-2]", Duration.ofSeconds(5)));
            assertThat(ur.responses().get(0).error().orElseThrow()).isInstanceOfSatisfying(Fault.class, f -> {
                assertThat(f.domain()).isEqualTo("server");
                assertThat(f.code()).isEqualTo(603);
                assertThat(f.description()).isEqualTo("wrong system");
                assertThat(f.resolution()).isEqualTo("fix name");
            });
            assertThat(ur.responses().get(1).error().orElseThrow())
                    .isInstanceOfSatisfying(DaosStatusException.class, e -> assertThat(e.status()).isEqualTo(-1013));
        }
    }

    @Test
    void refusedTcpConnectionIsFault506() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        try (GrpcInvoker invoker = new GrpcInvoker(INSECURE, Component.ADMIN)) {
            UnaryResponse<NetworkScanResp> ur = invoker.invoke(scan("127.0.0.1:" + port, Duration.ofSeconds(10)));
            assertThat(ur.responses().get(0).error().orElseThrow()).isInstanceOfSatisfying(Fault.class, f -> {
                assertThat(f.code()).isEqualTo(ClientFaults.CONNECTION_REFUSED);
                assertThat(f.description()).isEqualTo("the server at 127.0.0.1:" + port + " refused the connection");
            });
        }
    }

    @Test
    void secureTransportWithMissingCertificatesNamesTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ControlConfig secure = ControlConfig.defaults().withTransport(new dev.dockmaster.client.TransportConfig(
                false, dir.resolve("daosCA.crt").toString(), dir.resolve("admin.crt").toString(),
                dir.resolve("admin.key").toString()));
        assertThatThrownBy(() -> new GrpcInvoker(secure, Component.ADMIN))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(901);
                    assertThat(f.description()).startsWith("Unable to load Certificate Data: ")
                            .contains(dir.resolve("daosCA.crt").toString());
                });
    }

    @Test
    void emptyHostListIsFault503() {
        ControlConfig none = INSECURE.withHostList(List.of());
        try (GrpcInvoker invoker = new GrpcInvoker(none, Component.ADMIN, this::open)) {
            assertThatThrownBy(() -> invoker.invoke(scan("", Duration.ofSeconds(1))))
                    .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(503));
        }
    }
}
