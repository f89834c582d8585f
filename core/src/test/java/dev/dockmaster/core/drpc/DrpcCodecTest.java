package dev.dockmaster.core.drpc;

import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class DrpcCodecTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(DrpcMethod.class)
    void callsCarryDaosModuleAndMethodIds(DrpcMethod method) throws Exception {
        Call call = DrpcCodec.decodeCall(DrpcCodec.encodeCall(method, 5, new byte[] {9}));

        assertThat(call.getModule()).isEqualTo(method.id() / 100).isEqualTo(method.module().id());
        assertThat(call.getMethod()).isEqualTo(method.id());
        assertThat(call.getSequence()).isEqualTo(5);
        assertThat(call.getBody().toByteArray()).containsExactly(9);
    }

    @Test
    void daosIds() {
        assertThat(DrpcModule.MGMT.id()).isEqualTo(2);
        assertThat(DrpcModule.SRV.id()).isEqualTo(3);
        assertThat(DrpcModule.SEC.id()).isEqualTo(4);
        assertThat(DrpcMethod.SET_RANK.id()).isEqualTo(202);
        assertThat(DrpcMethod.SET_UP.id()).isEqualTo(209);
        assertThat(DrpcMethod.PREP_SHUTDOWN.id()).isEqualTo(218);
        assertThat(DrpcMethod.PING_RANK.id()).isEqualTo(225);
        assertThat(DrpcMethod.GROUP_UPDATE.id()).isEqualTo(232);
        assertThat(DrpcMethod.SET_LOG_MASKS.id()).isEqualTo(238);
        assertThat(DrpcMethod.NOTIFY_READY.id()).isEqualTo(301);
        assertThat(DrpcMethod.GET_POOL_SVC.id()).isEqualTo(303);
        assertThat(DrpcMethod.CLUSTER_EVENT.id()).isEqualTo(304);
        assertThat(DrpcMethod.POOL_FIND_BY_LABEL.id()).isEqualTo(305);
        assertThat(DrpcMethod.LIST_POOLS.id()).isEqualTo(310);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Status.class, names = "UNRECOGNIZED", mode = EnumSource.Mode.EXCLUDE)
    void onlyASuccessfulResponseCarriesABody(Status status) throws Exception {
        Response response = DrpcCodec.decodeResponse(DrpcCodec.encodeResponse(12, status, new byte[] {1}));

        assertThat(response.getSequence()).isEqualTo(12);
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getBody().toByteArray()).isEqualTo(status == Status.SUCCESS ? new byte[] {1}
                : new byte[0]);
    }
}
