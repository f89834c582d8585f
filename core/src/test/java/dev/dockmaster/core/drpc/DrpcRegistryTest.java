package dev.dockmaster.core.drpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.ClusterEventResp;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.proto.srv.GetPoolSvcReq;
import dev.dockmaster.proto.srv.GetPoolSvcResp;
import dev.dockmaster.proto.srv.ListPoolsReq;
import dev.dockmaster.proto.srv.ListPoolsResp;
import dev.dockmaster.proto.srv.NotifyReadyReq;
import dev.dockmaster.proto.srv.PoolFindByLabelReq;
import dev.dockmaster.proto.srv.PoolFindByLabelResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status path of the server's dRPC registry, frame in, frame out. */
class DrpcRegistryTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Path dir;
    private static ServerSocketChannel engineSocket;
    private static Path engineSocketPath;
    private static Path regularFile;

    @BeforeAll
    static void sockets() throws IOException {
        dir = Files.createTempDirectory("drpc-registry");
        engineSocketPath = dir.resolve("daos_engine_42.sock");
        // A real socket file (JDK stream socket: NotifyReady only checks that the path is a socket).
        engineSocket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        engineSocket.bind(UnixDomainSocketAddress.of(engineSocketPath));
        regularFile = Files.writeString(dir.resolve("not-a-socket"), "x");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        engineSocket.close();
        Files.deleteIfExists(engineSocketPath);
        Files.deleteIfExists(regularFile);
        Files.deleteIfExists(dir);
    }

    /** One frame and what must come back. */
    record Case(String name, byte[] frame, long sequence, Status status, Consumer<byte[]> body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] call(int module, int method, long sequence, byte[] body) {
        return Call.newBuilder().setModule(module).setMethod(method).setSequence(sequence)
                .setBody(ByteString.copyFrom(body)).build().toByteArray();
    }

    private static NotifyReadyReq.Builder ready() {
        return NotifyReadyReq.newBuilder().setUri("ofi+tcp://127.0.0.1:31416").setNctxs(5)
                .setDrpcListenerSock(engineSocketPath.toString()).setInstanceIdx(1).setNtgts(4).setIncarnation(77);
    }

    private static Consumer<byte[]> noBody() {
        return b -> assertThat(b).as("a failed call's response has no body").isEmpty();
    }

    private static <T> Consumer<byte[]> body(Parser<T> parser, Consumer<T> check) {
        return b -> {
            try {
                check.accept(parser.parse(b));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        };
    }

    private interface Parser<T> {
        T parse(byte[] b) throws InvalidProtocolBufferException;
    }

    static Stream<Case> cases() {
        byte[] garbageBody = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        return Stream.of(
                new Case("undecodable frame", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, -1,
                        Status.FAILED_UNMARSHAL_CALL, noBody()),
                new Case("truncated frame", java.util.Arrays.copyOf(call(3, 301, 5, ready().build().toByteArray()),
                        12), -1, Status.FAILED_UNMARSHAL_CALL, noBody()),
                new Case("invalid wire type 7", new byte[] {0x0f, 0x01}, -1,
                        Status.FAILED_UNMARSHAL_CALL, noBody()),
                new Case("empty frame is module 0 (TEST), not registered", new byte[0], 0,
                        Status.UNKNOWN_MODULE, noBody()),
                new Case("unknown module 9", call(9, 901, 7, new byte[0]), 7, Status.UNKNOWN_MODULE, noBody()),
                new Case("SEC_AGENT module is the agent's, not the server's", call(1, 101, 8, new byte[0]), 8,
                        Status.UNKNOWN_MODULE, noBody()),
                new Case("MGMT is registered but answers no method (SetRank 202)", call(2, 202, 9, new byte[0]), 9,
                        Status.UNKNOWN_METHOD, noBody()),
                new Case("SRV 302 (retired BioErr)", call(3, 302, 10, new byte[0]), 10, Status.UNKNOWN_METHOD,
                        noBody()),
                new Case("SRV with a method of another module (201)", call(3, 201, 11, new byte[0]), 11,
                        Status.UNKNOWN_METHOD, noBody()),
                new Case("SRV 399 (past the last method)", call(3, 399, 12, new byte[0]), 12, Status.UNKNOWN_METHOD,
                        noBody()),
                new Case("NotifyReady with an undecodable body", call(3, 301, 13, garbageBody), 13,
                        Status.FAILED_UNMARSHAL_PAYLOAD, noBody()),
                new Case("NotifyReady from an instance index out of range", call(3, 301, 14,
                        ready().setInstanceIdx(2).build().toByteArray()), 14, Status.FAILURE, noBody()),
                new Case("NotifyReady with an empty socket path", call(3, 301, 15,
                        ready().setDrpcListenerSock("").build().toByteArray()), 15, Status.FAILURE, noBody()),
                new Case("NotifyReady with a missing socket path", call(3, 301, 16,
                        ready().setDrpcListenerSock("/nonexistent/daos_engine_1.sock").build().toByteArray()), 16,
                        Status.FAILURE, noBody()),
                new Case("NotifyReady with a path that is not a socket", call(3, 301, 17,
                        ready().setDrpcListenerSock(regularFile.toString()).build().toByteArray()), 17,
                        Status.FAILURE, noBody()),
                new Case("NotifyReady accepted", call(3, 301, 18, ready().build().toByteArray()), 18,
                        Status.SUCCESS, b -> assertThat(b).isEmpty()),
                new Case("GetPoolSvc: no pools yet, DER_NONEXIST", call(3, 303, 19, GetPoolSvcReq.newBuilder()
                        .setUuid("12345678-1234-1234-1234-123456789abc").build().toByteArray()), 19, Status.SUCCESS,
                        body(GetPoolSvcResp::parseFrom, r -> {
                            assertThat(r.getStatus()).isEqualTo(-1005);
                            assertThat(r.getSvcrepsList()).isEmpty();
                        })),
                new Case("GetPoolSvc with a bad uuid", call(3, 303, 20, GetPoolSvcReq.newBuilder()
                        .setUuid("pool-1").build().toByteArray()), 20, Status.FAILURE, noBody()),
                new Case("GetPoolSvc with an undecodable body", call(3, 303, 21, garbageBody), 21,
                        Status.FAILED_UNMARSHAL_PAYLOAD, noBody()),
                new Case("PoolFindByLabel: no pools yet, DER_NONEXIST", call(3, 305, 22, PoolFindByLabelReq
                        .newBuilder().setLabel("tank").build().toByteArray()), 22, Status.SUCCESS,
                        body(PoolFindByLabelResp::parseFrom, r -> {
                            assertThat(r.getStatus()).isEqualTo(-1005);
                            assertThat(r.getUuid()).isEmpty();
                        })),
                new Case("PoolFindByLabel with an undecodable body", call(3, 305, 23, garbageBody), 23,
                        Status.FAILED_UNMARSHAL_PAYLOAD, noBody()),
                new Case("ListPools: no pools yet, empty", call(3, 310, 24, ListPoolsReq.newBuilder()
                        .setIncludeAll(true).build().toByteArray()), 24, Status.SUCCESS,
                        body(ListPoolsResp::parseFrom, r -> assertThat(r.getPoolsList()).isEmpty())),
                new Case("ListPools with an undecodable body", call(3, 310, 25, garbageBody), 25,
                        Status.FAILED_UNMARSHAL_PAYLOAD, noBody()),
                new Case("ClusterEvent answered with its sequence", call(3, 304, 26, ClusterEventReq.newBuilder()
                        .setSequence(1234).setEvent(RASEvent.newBuilder().setId(3).setRank(2)
                                .setMsg("rank 2 dead").setHostname("h1")).build().toByteArray()), 26, Status.SUCCESS,
                        body(ClusterEventResp::parseFrom, r -> {
                            assertThat(r.getSequence()).isEqualTo(1234);
                            assertThat(r.getStatus()).isZero();
                        })),
                new Case("ClusterEvent with an undecodable body", call(3, 304, 27, garbageBody), 27,
                        Status.FAILED_UNMARSHAL_PAYLOAD, noBody()));
    }

    private static DrpcRegistry serverRegistry(SrvModule srv) {
        DrpcRegistry registry = new DrpcRegistry().module(DrpcModule.MGMT);
        srv.registerIn(registry);
        return registry;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersEveryFrameWithDaosStatus(Case c) throws InvalidProtocolBufferException {
        SrvModule srv = new SrvModule(() -> 2, Clock.fixed(NOW, ZoneOffset.UTC));

        Response response = Response.parseFrom(serverRegistry(srv).handle(c.frame()));

        assertThat(response.getStatus()).isEqualTo(c.status());
        assertThat(response.getSequence()).isEqualTo(c.sequence());
        c.body().accept(response.getBody().toByteArray());
    }

    @Test
    void notifyReadyIsRecordedAndToldToListeners() throws InvalidProtocolBufferException {
        SrvModule srv = new SrvModule(() -> 2, Clock.fixed(NOW, ZoneOffset.UTC));
        List<EngineReady> told = new ArrayList<>();
        srv.addReadyListener(told::add);
        srv.addReadyListener(r -> {
            throw new IllegalStateException("a broken listener does not fail the call");
        });

        Response response = Response.parseFrom(serverRegistry(srv).handle(call(3, 301, 1,
                ready().addSecondaryUris("ofi+verbs://x").setCheckMode(true).build().toByteArray())));

        EngineReady expected = new EngineReady(1, "ofi+tcp://127.0.0.1:31416", 5, engineSocketPath, 4, 77,
                List.of("ofi+verbs://x"), true, NOW);
        assertThat(response.getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(told).containsExactly(expected);
        assertThat(srv.readyNotifications()).containsExactly(expected);
        assertThat(srv.lastReady(1)).contains(expected);
        assertThat(srv.lastReady(0)).isEmpty();
    }

    @Test
    void refusedNotifyReadyIsNeitherRecordedNorTold() {
        SrvModule srv = new SrvModule(() -> 1, Clock.fixed(NOW, ZoneOffset.UTC));
        List<EngineReady> told = new ArrayList<>();
        srv.addReadyListener(told::add);

        serverRegistry(srv).handle(call(3, 301, 1, ready().build().toByteArray())); // index 1 of 1 instance

        assertThat(told).isEmpty();
        assertThat(srv.readyNotifications()).isEmpty();
    }

    @Test
    void clusterEventsAreRecordedAndPassedOn() {
        SrvModule srv = new SrvModule(() -> 1, Clock.systemUTC());
        ClusterEventReq event = ClusterEventReq.newBuilder().setSequence(9)
                .setEvent(RASEvent.newBuilder().setId(1).setMsg("swim rank dead")).build();

        List<RASEvent> forwarded = new ArrayList<>();
        srv.addEventSink(forwarded::add);

        serverRegistry(srv).handle(call(3, 304, 1, event.toByteArray()));

        assertThat(srv.clusterEvents()).containsExactly(event);
        assertThat(forwarded).as("passed on for the management service").containsExactly(event.getEvent());
    }

    /** Handler outcomes other than the SRV module's own. */
    static Stream<Object[]> handlerOutcomes() {
        return Stream.of(
                new Object[] {"DrpcFailure keeps its status", (DrpcMethodHandler) b -> {
                    throw new DrpcFailure(Status.FAILED_MARSHAL, "cannot marshal");
                }, Status.FAILED_MARSHAL},
                new Object[] {"runtime exception is FAILURE", (DrpcMethodHandler) b -> {
                    throw new IllegalStateException("bug");
                }, Status.FAILURE},
                new Object[] {"checked exception is FAILURE", (DrpcMethodHandler) b -> {
                    throw new IOException("disk");
                }, Status.FAILURE},
                new Object[] {"success carries the body", (DrpcMethodHandler) b -> new byte[] {1, 2, 3},
                        Status.SUCCESS});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlerOutcomes")
    void handlerOutcomesBecomeStatuses(String name, DrpcMethodHandler handler, Status expected)
            throws InvalidProtocolBufferException {
        DrpcRegistry registry = new DrpcRegistry().module(DrpcModule.MGMT).method(DrpcMethod.PING_RANK, handler);

        Response response = Response.parseFrom(registry.handle(call(2, 225, 3, new byte[0])));

        assertThat(response.getStatus()).isEqualTo(expected);
        assertThat(response.getSequence()).isEqualTo(3);
        assertThat(response.getBody().toByteArray())
                .isEqualTo(expected == Status.SUCCESS ? new byte[] {1, 2, 3} : new byte[0]);
    }

    @Test
    void aModuleOrMethodRegisteredTwiceIsAProgrammingError() {
        DrpcRegistry registry = new DrpcRegistry().module(DrpcModule.MGMT).method(DrpcMethod.SET_UP, b -> b);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.module(DrpcModule.MGMT))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.method(DrpcMethod.SET_UP, b -> b))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.method(DrpcMethod.NOTIFY_READY, b -> b))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("register module SRV");
    }

    @Test
    void everyAnsweredCallIsTimedByModuleMethodAndStatusWithGarbageFoldedIntoUnknown() {
        dev.dockmaster.core.grpc.RecordingMetrics metrics = new dev.dockmaster.core.grpc.RecordingMetrics();
        DrpcRegistry registry = new DrpcRegistry().module(DrpcModule.MGMT)
                .method(DrpcMethod.PING_RANK, b -> new byte[0]);
        registry.recordInto(metrics);

        registry.handle(call(2, 225, 1, new byte[0]));
        registry.handle(call(2, 225, 2, new byte[0]));
        registry.handle(call(2, 299, 3, new byte[0]));
        registry.handle(call(77, 7701, 4, new byte[0]));
        registry.handle(new byte[] {(byte) 0xff, 1});

        assertThat(metrics.timings).containsOnlyKeys(
                "drpc_server_handling{method=225, module=2, status=SUCCESS}",
                "drpc_server_handling{method=unknown, module=2, status=UNKNOWN_METHOD}",
                "drpc_server_handling{method=unknown, module=unknown, status=UNKNOWN_MODULE}",
                "drpc_server_handling{method=unknown, module=unknown, status=FAILED_UNMARSHAL_CALL}");
        assertThat(metrics.timings.get("drpc_server_handling{method=225, module=2, status=SUCCESS}")).hasSize(2)
                .allSatisfy(nanos -> assertThat(nanos).isPositive());
    }

    /** The management module's pool records: Ready pools are found, others are "nonexistent" as in DAOS. */
    static Stream<Case> poolLookups() {
        String ready = "11111111-2222-3333-4444-555555555555";
        String creating = "66666666-2222-3333-4444-555555555555";
        return Stream.of(
                new Case("GetPoolSvc of a Ready pool, its service ranks", call(3, 303, 1, GetPoolSvcReq.newBuilder()
                        .setUuid(ready.toUpperCase()).build().toByteArray()), 1, Status.SUCCESS,
                        body(GetPoolSvcResp::parseFrom, r -> {
                            assertThat(r.getStatus()).isZero();
                            assertThat(r.getSvcrepsList()).containsExactly(0, 2, 4);
                        })),
                new Case("GetPoolSvc of a Creating pool, DER_NONEXIST", call(3, 303, 2, GetPoolSvcReq.newBuilder()
                        .setUuid(creating).build().toByteArray()), 2, Status.SUCCESS,
                        body(GetPoolSvcResp::parseFrom, r -> assertThat(r.getStatus()).isEqualTo(-1005))),
                new Case("PoolFindByLabel of a Ready pool", call(3, 305, 3, PoolFindByLabelReq.newBuilder()
                        .setLabel("tank").build().toByteArray()), 3, Status.SUCCESS,
                        body(PoolFindByLabelResp::parseFrom, r -> {
                            assertThat(r.getStatus()).isZero();
                            assertThat(r.getUuid()).isEqualTo(ready);
                            assertThat(r.getSvcrepsList()).containsExactly(0, 2, 4);
                        })),
                new Case("PoolFindByLabel of a Creating pool", call(3, 305, 4, PoolFindByLabelReq.newBuilder()
                        .setLabel("half").build().toByteArray()), 4, Status.SUCCESS,
                        body(PoolFindByLabelResp::parseFrom, r -> assertThat(r.getStatus()).isEqualTo(-1005))),
                new Case("ListPools lists Ready pools", call(3, 310, 5, ListPoolsReq.getDefaultInstance()
                        .toByteArray()), 5, Status.SUCCESS, body(ListPoolsResp::parseFrom, r ->
                        assertThat(r.getPoolsList()).extracting(ListPoolsResp.Pool::getLabel).containsExactly("tank"))),
                new Case("ListPools with include_all lists every pool", call(3, 310, 6, ListPoolsReq.newBuilder()
                        .setIncludeAll(true).build().toByteArray()), 6, Status.SUCCESS, body(ListPoolsResp::parseFrom,
                        r -> assertThat(r.getPoolsList()).extracting(ListPoolsResp.Pool::getUuid)
                                .containsExactly(ready, creating))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolLookups")
    void poolLookupsAnswerFromTheModulesDirectory(Case c) throws InvalidProtocolBufferException {
        SrvModule srv = new SrvModule(() -> 2, Clock.fixed(NOW, ZoneOffset.UTC));
        List<dev.dockmaster.spi.engine.PoolDirectory.Pool> pools = List.of(
                new dev.dockmaster.spi.engine.PoolDirectory.Pool("11111111-2222-3333-4444-555555555555", "tank",
                        List.of(0, 2, 4), true),
                new dev.dockmaster.spi.engine.PoolDirectory.Pool("66666666-2222-3333-4444-555555555555", "half",
                        List.of(), false));
        srv.usePoolDirectory(new dev.dockmaster.spi.engine.PoolDirectory() {
            @Override
            public java.util.Optional<Pool> byUuid(String uuid) {
                return pools.stream().filter(p -> p.uuid().equals(uuid)).findFirst();
            }

            @Override
            public java.util.Optional<Pool> byLabel(String label) {
                return pools.stream().filter(p -> p.label().equals(label)).findFirst();
            }

            @Override
            public List<Pool> pools() {
                return pools;
            }
        });

        Response response = Response.parseFrom(serverRegistry(srv).handle(c.frame()));

        assertThat(response.getStatus()).isEqualTo(c.status());
        assertThat(response.getSequence()).isEqualTo(c.sequence());
        c.body().accept(response.getBody().toByteArray());
    }
}
