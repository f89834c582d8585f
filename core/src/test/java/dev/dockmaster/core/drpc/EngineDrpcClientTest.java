package dev.dockmaster.core.drpc;

import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.SetRankReq;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineDrpcClientTest {
    private static final Path ENGINE = Path.of("/run/dm/daos_engine_7.sock");
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final RecordingTransport transport = new RecordingTransport();
    private final EngineDrpcClient client = new EngineDrpcClient(transport, TIMEOUT);

    /** An engine whose MGMT methods all answer with {@code body}. */
    private void engineAnswers(byte[] body) {
        DrpcRegistry registry = new DrpcRegistry().module(DrpcModule.MGMT);
        for (DrpcMethod m : DrpcMethod.values()) {
            if (m.module() == DrpcModule.MGMT) {
                registry.method(m, b -> body);
            }
        }
        transport.listen(ENGINE, registry);
    }

    private Call sentCall(int i) throws Exception {
        return Call.parseFrom(transport.sent.get(i).frame());
    }

    @Test
    void everyCallIsItsOwnConnectionWithSequenceOne() throws Exception {
        engineAnswers(DaosResp.getDefaultInstance().toByteArray());

        assertThat(client.setRank(ENGINE, 3, 5)).isZero();
        assertThat(client.setUp(ENGINE)).isZero();
        assertThat(client.prepShutdown(ENGINE)).isZero();
        assertThat(client.pingRank(ENGINE)).isZero();

        assertThat(transport.sent).extracting(RecordingTransport.Sent::connection).doesNotHaveDuplicates();
        assertThat(transport.sent).extracting(RecordingTransport.Sent::timeout).containsOnly(TIMEOUT);
        List<Integer> methods = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Call c = sentCall(i);
            assertThat(c.getSequence()).isEqualTo(1);
            assertThat(c.getModule()).isEqualTo(2);
            methods.add(c.getMethod());
        }
        assertThat(methods).containsExactly(202, 209, 218, 225);
        assertThat(SetRankReq.parseFrom(sentCall(0).getBody())).isEqualTo(SetRankReq.newBuilder().setRank(3)
                .setMapVersion(5).build());
        assertThat(sentCall(1).getBody().isEmpty()).isTrue();
    }

    @Test
    void sequenceCountsUpOnOneConnection() throws Exception {
        engineAnswers(new byte[0]);
        try (DrpcClientConnection c = DrpcClientConnection.open(transport, ENGINE)) {
            c.call(DrpcMethod.PING_RANK, new byte[0], TIMEOUT);
            c.call(DrpcMethod.PING_RANK, new byte[0], TIMEOUT);
            c.call(DrpcMethod.PING_RANK, new byte[0], TIMEOUT);
        }
        assertThat(List.of(sentCall(0).getSequence(), sentCall(1).getSequence(), sentCall(2).getSequence()))
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void theEnginesDaosStatusIsReturned() throws Exception {
        engineAnswers(DaosResp.newBuilder().setStatus(-1015).build().toByteArray());

        assertThat(client.setUp(ENGINE)).isEqualTo(-1015);
    }

    @Test
    void setLogMasksAndGroupUpdateReturnTheirResponses() throws Exception {
        engineAnswers(SetLogMasksResp.newBuilder().setStatus(0).addErrors("none").build().toByteArray());
        SetLogMasksReq masks = SetLogMasksReq.newBuilder().setMasks("ERR,mgmt=DEBUG").build();

        assertThat(client.setLogMasks(ENGINE, masks).getErrorsList()).containsExactly("none");
        assertThat(sentCall(0).getMethod()).isEqualTo(238);
        assertThat(SetLogMasksReq.parseFrom(sentCall(0).getBody())).isEqualTo(masks);

        engineAnswers(GroupUpdateResp.newBuilder().setStatus(-1003).build().toByteArray());
        GroupUpdateReq update = GroupUpdateReq.newBuilder().setMapVersion(4).addEngines(GroupUpdateReq.Engine
                .newBuilder().setRank(1).setUri("ofi+tcp://a:1").setIncarnation(9)).build();
        assertThat(client.groupUpdate(ENGINE, update)).isEqualTo(GroupUpdateResp.newBuilder()
                .setStatus(-1003).build());
        assertThat(sentCall(1).getMethod()).isEqualTo(232);
        assertThat(GroupUpdateReq.parseFrom(sentCall(1).getBody())).isEqualTo(update);
    }

    @Test
    void aNonSuccessStatusIsAnErrorCarryingIt() {
        transport.listen(ENGINE, new DrpcRegistry().module(DrpcModule.MGMT)); // answers UNKNOWN_METHOD

        assertThatThrownBy(() -> client.setRank(ENGINE, 1, 1))
                .isInstanceOfSatisfying(DrpcCallException.class,
                        e -> assertThat(e.status()).contains(Status.UNKNOWN_METHOD))
                .hasMessageContaining("SetRank (202)").hasMessageContaining("UNKNOWN_METHOD");
    }

    @Test
    void aResponseToAnotherSequenceIsRefused() {
        transport.listen(ENGINE, frame -> DrpcCodec.encodeResponse(99, Status.SUCCESS, new byte[0]));

        assertThatThrownBy(() -> client.pingRank(ENGINE)).isInstanceOf(DrpcCallException.class)
                .hasMessageContaining("response sequence 99 does not answer call 1");
    }

    @Test
    void anUndecodableResponseIsAnError() {
        transport.listen(ENGINE, frame -> new byte[] {(byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> client.pingRank(ENGINE)).isInstanceOf(DrpcCallException.class)
                .hasMessageContaining("failed to unmarshal dRPC response");
    }

    @Test
    void anEngineThatIsNotListeningIsAnError() {
        assertThatThrownBy(() -> client.setUp(ENGINE))
                .isInstanceOfSatisfying(DrpcCallException.class, e -> assertThat(e.status()).isEmpty())
                .hasMessageContaining("dRPC connect").hasMessageContaining(ENGINE.toString());
    }

    @Test
    void everyCallIsTimedByModuleMethodAndOutcome() throws Exception {
        dev.dockmaster.core.grpc.RecordingMetrics metrics = new dev.dockmaster.core.grpc.RecordingMetrics();
        client.recordInto(metrics);

        // no engine listening: no dRPC answer at all
        assertThatThrownBy(() -> client.setUp(ENGINE)).isInstanceOf(DrpcCallException.class);
        engineAnswers(DaosResp.getDefaultInstance().toByteArray());
        client.setRank(ENGINE, 1, 2);
        client.setRank(ENGINE, 1, 3);
        client.groupUpdate(ENGINE, GroupUpdateReq.getDefaultInstance());
        client.call(ENGINE, 2, 225, new byte[0], TIMEOUT);
        // an engine that does not handle the method answers UNKNOWN_METHOD
        transport.listen(ENGINE, new DrpcRegistry().module(DrpcModule.MGMT));
        assertThatThrownBy(() -> client.prepShutdown(ENGINE)).isInstanceOf(DrpcCallException.class);

        assertThat(metrics.timings).containsOnlyKeys(
                "drpc_client_calls{method=209, module=2, status=TRANSPORT_ERROR}",
                "drpc_client_calls{method=202, module=2, status=SUCCESS}",
                "drpc_client_calls{method=232, module=2, status=SUCCESS}",
                "drpc_client_calls{method=225, module=2, status=SUCCESS}",
                "drpc_client_calls{method=218, module=2, status=UNKNOWN_METHOD}");
        assertThat(metrics.timings.get("drpc_client_calls{method=202, module=2, status=SUCCESS}")).hasSize(2)
                .allSatisfy(nanos -> assertThat(nanos).isPositive());
    }
}
