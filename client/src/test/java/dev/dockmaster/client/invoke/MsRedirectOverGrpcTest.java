package dev.dockmaster.client.invoke;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.client.Component;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.SystemQueryRequest;
import dev.dockmaster.client.api.SystemQueryResponse;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real invoker and the MS request loop against fake management services that answer as DAOS's do: a follower
 * sends status INTERNAL with an {@code ErrNotLeader} ErrorInfo, the client follows the hint to the leader.
 */
class MsRedirectOverGrpcTest {
    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final List<String> called = new CopyOnWriteArrayList<>();

    private void replica(String address, boolean leader) throws IOException {
        MgmtSvcGrpc.MgmtSvcImplBase impl = new MgmtSvcGrpc.MgmtSvcImplBase() {
            @Override
            public void systemQuery(SystemQueryReq request, StreamObserver<SystemQueryResp> out) {
                called.add(address + " " + request.getSys());
                if (!leader) {
                    ErrorInfo info = ErrorInfo.newBuilder().setReason("proto.system.ErrNotLeader").setDomain("DAOS")
                            .putMetadata("LeaderHint", "ap2:10001")
                            .putMetadata("Replicas", "[\"ap1:10001\",\"ap2:10001\"]").build();
                    out.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                            .setCode(com.google.rpc.Code.INTERNAL_VALUE)
                            .setMessage("not the DAOS Management Service leader (try ap2:10001 or one of "
                                    + "ap1:10001,ap2:10001)")
                            .addDetails(Any.pack(info)).build()));
                    return;
                }
                out.onNext(SystemQueryResp.newBuilder().setDataVersion(8)
                        .addMembers(SystemMember.newBuilder().setRank(0).setState("joined")).build());
                out.onCompleted();
            }
        };
        servers.add(InProcessServerBuilder.forName(address).addService(impl).build().start());
    }

    private ManagedChannel open(String address) {
        ManagedChannel channel = InProcessChannelBuilder.forName(address).build();
        channels.add(channel);
        return channel;
    }

    @AfterEach
    void stop() {
        servers.forEach(Server::shutdownNow);
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void aFollowersRedirectIsDecodedAndFollowed() throws Exception {
        replica("ap1:10001", false);
        replica("ap2:10001", true);
        ControlConfig config = ControlConfig.defaults().withAllowInsecure(true).withHostList(List.of("ap1"));
        List<Duration> sleeps = new ArrayList<>();
        try (GrpcInvoker invoker = new GrpcInvoker(config, Component.ADMIN, this::open)) {
            SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all(),
                    new MsInvoker(sleeps::add, new Random(1), System::nanoTime));

            assertThat(resp.dataVersion()).isEqualTo(8);
            assertThat(resp.members()).extracting(SystemMember::getRank).containsExactly(0);
        }
        assertThat(called).containsExactly("ap1:10001 daos_server-2.6.5", "ap2:10001 daos_server-2.6.5");
        assertThat(sleeps).containsExactly(Duration.ZERO);
    }
}
