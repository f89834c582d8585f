package dev.dockmaster.plugins.management;

import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.GetACLReq;
import dev.dockmaster.proto.mgmt.ListPoolsReq;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.spi.engine.PoolDirectory;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The pool calls of mgmt.MgmtSvc as a client sees them: the module as the core creates it, over gRPC. */
class PoolsOverGrpcTest {
    private ManagementModule module;
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
        if (module != null) {
            module.close();
        }
    }

    static ErrorInfo info(StatusRuntimeException e) throws Exception {
        return StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
    }

    @Test
    void createListQueryRenameAndDestroyThroughMgmtSvc(@TempDir Path scm) throws Exception {
        String ap = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        FakePoolEngine engine = FakePoolEngine.standard().withScmMount(scm);
        module = new ManagementModule(ReplicaHarness.serverInfo(Replicas.portOf(ap), List.of(ap)),
                ReplicaHarness.FAST, engine);
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        module.services().forEach(builder::addService);
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        MgmtSvcGrpc.MgmtSvcBlockingStub stub = MgmtSvcGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                module.service().node().map(RaftNode::isLeader).orElse(false));
        stub.join(RaftClusterTest.joinReq("00000000-0000-0000-0000-00000000000a", ap, 0));
        stub.join(RaftClusterTest.joinReq("00000000-0000-0000-0000-00000000000b", ap, 1));

        String uuid = "0f0e0d0c-0b0a-4908-8706-050403020100";
        PoolCreateResp created = stub.poolCreate(PoolCreateReq.newBuilder().setUuid(uuid).setSys("daos_server")
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("tank"))
                .setUser("root@").setUsergroup("root@").addAcl("A::OWNER@:rw")
                .setTotalbytes(20L << 30).addTierratio(0.06).addTierratio(0.94).build());
        assertThat(created.getSvcRepsList()).containsExactly(0, 1);
        assertThat(created.getTgtRanksList()).containsExactly(0, 1);

        ListPoolsResp list = stub.listPools(ListPoolsReq.getDefaultInstance());
        assertThat(list.getPoolsList()).extracting(p -> p.getUuid() + " " + p.getLabel() + " " + p.getState())
                .containsExactly(uuid + " tank Ready");
        assertThat(list.getDataVersion()).isPositive();

        PoolQueryResp query = stub.poolQuery(PoolQueryReq.newBuilder().setId("tank").build());
        assertThat(query.getUuid()).isEqualTo(uuid);
        assertThat(query.getTotalEngines()).isEqualTo(2);
        ACLResp acl = stub.poolGetACL(GetACLReq.newBuilder().setId("tank").build());
        assertThat(acl.getAcl().getEntriesList()).containsExactly("A::OWNER@:rw");

        // the engines' look-ups see what the database holds
        PoolDirectory directory = module.poolDirectory().orElseThrow();
        assertThat(directory.byLabel("tank")).map(PoolDirectory.Pool::serviceRanks).contains(List.of(0, 1));

        stub.poolSetProp(PoolSetPropReq.newBuilder().setId(uuid)
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("renamed")).build());
        assertThat(stub.listPools(ListPoolsReq.getDefaultInstance()).getPools(0).getLabel()).isEqualTo("renamed");
        assertThat(directory.byLabel("tank")).isEmpty();

        // refusals arrive as DAOS's errors: a fault with its code, a DAOS status, an unknown pool
        StatusRuntimeException noLabel = catchThrowableOfType(StatusRuntimeException.class, () ->
                stub.poolCreate(PoolCreateReq.newBuilder().setUuid("1f0e0d0c-0b0a-4908-8706-050403020100")
                        .setTotalbytes(4L << 30).addTierratio(0.06).addTierratio(0.94).build()));
        assertThat(noLabel.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(info(noLabel).getReason()).isEqualTo("proto.fault.Fault");
        assertThat(info(noLabel).getMetadataMap()).containsEntry("Code", "615")
                .containsEntry("Description", "cannot create a pool without a pool label");

        StatusRuntimeException noSpace = catchThrowableOfType(StatusRuntimeException.class, () ->
                stub.poolCreate(PoolCreateReq.newBuilder().setUuid("2f0e0d0c-0b0a-4908-8706-050403020100")
                        .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval("huge"))
                        .addTierbytes(64L << 30).addTierbytes(0).build()));
        assertThat(info(noSpace).getReason()).isEqualTo("proto.daos.DaosStatus");
        assertThat(info(noSpace).getMetadataMap()).containsEntry("Status", "-1007");
        assertThat(noSpace.getStatus().getDescription()).isEqualTo("DER_NOSPACE(-1007): No space on storage target");
        assertThat(stub.listPools(ListPoolsReq.getDefaultInstance()).getPoolsList())
                .as("nothing left behind").hasSize(1);

        stub.poolDestroy(PoolDestroyReq.newBuilder().setId("renamed").build());
        assertThat(stub.listPools(ListPoolsReq.getDefaultInstance()).getPoolsList()).isEmpty();
        StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class, () ->
                stub.poolQuery(PoolQueryReq.newBuilder().setId("renamed").build()));
        assertThat(info(gone).getReason()).isEqualTo("proto.system.ErrPoolNotFound");
        assertThat(gone.getStatus().getDescription())
                .isEqualTo("unable to find pool service with label \"renamed\"");
        assertThat(engine.methods()).contains(PoolService.POOL_CREATE, PoolService.POOL_QUERY,
                PoolService.POOL_GET_ACL, PoolService.POOL_SET_PROP, PoolService.POOL_EVICT,
                PoolService.POOL_DESTROY);
    }
}
