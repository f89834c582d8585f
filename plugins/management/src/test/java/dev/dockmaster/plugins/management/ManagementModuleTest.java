package dev.dockmaster.plugins.management;

import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.mgmt.GetAttachInfoReq;
import dev.dockmaster.proto.mgmt.GetAttachInfoResp;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineListener;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.grpc.ServerInfo;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The module as the core creates it, served over in-process gRPC. */
class ManagementModuleTest {
    private ManagementModule module;
    private Server server;
    private ManagedChannel channel;

    /** A harness with one engine whose state the test drives, recording the dRPC calls the module makes. */
    static final class RecordingEngines implements EngineHarness {
        final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
        final List<GroupUpdateReq> groupUpdates = new CopyOnWriteArrayList<>();
        volatile EngineView engine;

        RecordingEngines(Path scmMount, EngineState state) {
            engine = new EngineView(0, state, List.of(new EngineTier(0, "ram", scmMount.toString(), List.of(), 0)));
        }

        void moveTo(EngineState next) {
            EngineState previous = engine.state();
            engine = new EngineView(0, next, engine.tiers());
            listeners.forEach(l -> l.stateChanged(engine, previous));
        }

        @Override
        public List<EngineView> engines() {
            return List.of(engine);
        }

        @Override
        public List<EngineFormatResult> format(boolean reformat) {
            return List.of();
        }

        @Override
        public void addListener(EngineListener listener) {
            listeners.add(listener);
        }

        @Override
        public byte[] callEngine(int module, int method, byte[] body, Duration timeout) {
            assertThat(module).isEqualTo(2);
            assertThat(method).isEqualTo(232);
            try {
                groupUpdates.add(GroupUpdateReq.parseFrom(body));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return GroupUpdateResp.newBuilder().setStatus(0).build().toByteArray();
        }
    }

    /** What the module records, as the telemetry module would export it: timings and gauges by name. */
    final java.util.Map<String, java.util.List<Long>> timings = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<String, java.util.function.DoubleSupplier> gauges = new java.util.concurrent.ConcurrentHashMap<>();
    final dev.dockmaster.spi.telemetry.ControlMetrics metrics = new dev.dockmaster.spi.telemetry.ControlMetrics() {
        @Override
        public dev.dockmaster.spi.telemetry.MetricTimer timer(String name, String description,
                                                              java.util.Map<String, String> labels) {
            java.util.List<Long> list = timings.computeIfAbsent(name,
                    k -> new java.util.concurrent.CopyOnWriteArrayList<>());
            return list::add;
        }

        @Override
        public dev.dockmaster.spi.telemetry.MetricCounter counter(String name, String description,
                                                                  java.util.Map<String, String> labels) {
            return () -> {
            };
        }

        @Override
        public void gauge(String name, String description, java.util.Map<String, String> labels,
                          java.util.function.DoubleSupplier value) {
            gauges.put(name, value);
        }
    };

    MgmtSvcGrpc.MgmtSvcBlockingStub start(ServerInfo info, EngineHarness engines) throws Exception {
        module = new ManagementModule(info, ReplicaHarness.FAST, engines, metrics);
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        module.services().forEach(builder::addService);
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return MgmtSvcGrpc.newBlockingStub(channel);
    }

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

    static JoinReq join(String uuid, String addr, int idx) {
        return RaftClusterTest.joinReq(uuid, addr, idx);
    }

    @Test
    void startsRaftWhenEngineZeroIsFormattedThenJoinsAndQueries(@TempDir Path scm) throws Exception {
        String ap = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        RecordingEngines engines = new RecordingEngines(scm, EngineState.AWAIT_FORMAT);
        MgmtSvcGrpc.MgmtSvcBlockingStub stub = start(ReplicaHarness.serverInfo(Replicas.portOf(ap), List.of(ap)),
                engines);

        // before the format: DAOS's "uninitialized" text
        assertThatThrownBy(() -> stub.systemQuery(SystemQueryReq.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("system is uninitialized (storage format required?)");

        engines.moveTo(EngineState.STARTING);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                module.service().node().map(RaftNode::isLeader).orElse(false));
        assertThat(Files.isDirectory(scm.resolve("control_raft"))).isTrue();

        // raft runs but nobody joined: "raft service unavailable", as DAOS answers an empty membership
        assertThatThrownBy(() -> stub.systemQuery(SystemQueryReq.getDefaultInstance()))
                .hasMessageContaining("raft service unavailable");

        JoinResp r0 = stub.join(join("00000000-0000-0000-0000-00000000000a", ap, 0));
        JoinResp r1 = stub.join(join("00000000-0000-0000-0000-00000000000b", ap, 1));
        assertThat(r0.getRank()).isZero();
        assertThat(r0.getLocalJoin()).as("every server sets up its own engines").isFalse();
        assertThat(r1.getRank()).isEqualTo(1);
        assertThat(r1.getMapVersion()).isGreaterThanOrEqualTo(1);

        SystemQueryResp all = stub.systemQuery(SystemQueryReq.getDefaultInstance());
        assertThat(all.getMembersList()).extracting(m -> m.getRank() + ":" + m.getState())
                .containsExactly("0:joined", "1:joined");
        assertThat(all.getDataVersion()).isGreaterThanOrEqualTo(1);
        assertThat(all.getProvidersList()).containsExactly("ofi+tcp");

        // filters: ranks with absent ones, hosts, state mask
        SystemQueryResp someRanks = stub.systemQuery(SystemQueryReq.newBuilder().setRanks("1-3").build());
        assertThat(someRanks.getMembersList()).extracting(m -> m.getRank()).containsExactly(1);
        assertThat(someRanks.getAbsentranks()).isEqualTo("2-3");
        SystemQueryResp hosts = stub.systemQuery(SystemQueryReq.newBuilder().setHosts("127.0.0.1,10.9.9.9").build());
        assertThat(hosts.getMembersCount()).isEqualTo(2);
        assertThat(hosts.getAbsenthosts()).isEqualTo("10.9.9.9");

        // engine_died for rank 1 → Errored with the info; --not-ok style mask then selects it alone
        stub.clusterEvent(ClusterEventReq.newBuilder().setSequence(5).setEvent(RASEvent.newBuilder()
                .setId(ManagementService.RAS_ENGINE_DIED).setRank(1).setIncarnation(42)
                .setEngineStateInfo(RASEvent.EngineStateEventInfo.newBuilder().setErrored(true)
                        .setError("exit status 9"))).build());
        SystemQueryResp notOk = stub.systemQuery(SystemQueryReq.newBuilder()
                .setStateMask(MemberState.ALL_MASK & ~MemberState.JOINED.mask()).build());
        assertThat(notOk.getMembersList()).extracting(m -> m.getRank() + ":" + m.getState() + ":" + m.getInfo())
                .containsExactly("1:errored:exit status 9");

        // an engine became ready: the group map (without excluded states) goes to it over dRPC 2/232
        engines.moveTo(EngineState.READY);
        await().atMost(Duration.ofSeconds(10)).until(() -> !engines.groupUpdates.isEmpty());
        GroupUpdateReq map = engines.groupUpdates.get(engines.groupUpdates.size() - 1);
        assertThat(map.getEnginesList()).extracting(GroupUpdateReq.Engine::getRank).containsExactly(0, 1);

        GetAttachInfoResp attach = stub.getAttachInfo(GetAttachInfoReq.newBuilder().setAllRanks(true).build());
        assertThat(attach.getRankUrisList()).extracting(GetAttachInfoResp.RankUri::getRank).containsExactly(0, 1);
        assertThat(attach.getMsRanksList()).containsExactly(0, 1);
        assertThat(attach.getBuildInfo().getMajor()).isEqualTo(2);
        assertThat(attach.getBuildInfo().getMinor()).isEqualTo(6);
        assertThat(attach.getClientNetHint().getProvider()).isEqualTo("ofi+tcp");
        assertThat(attach.getSys()).isEqualTo("daos_server");

        // a different UUID for a known rank is refused
        JoinReq impostor = join("00000000-0000-0000-0000-00000000000c", ap, 1).toBuilder().setRank(1).build();
        assertThatThrownBy(() -> stub.join(impostor)).hasMessageContaining("uuid changed");

        // what telemetry exports: the role, the database, and one commit time per raft entry applied
        assertThat(gauges.get("ms_replica").getAsDouble()).isEqualTo(1);
        assertThat(gauges.get("ms_leader").getAsDouble()).isEqualTo(1);
        assertThat(gauges.get("ms_members").getAsDouble()).isEqualTo(2);
        assertThat(gauges.get("ms_data_version").getAsDouble()).isGreaterThan(all.getDataVersion());
        assertThat(timings.get("ms_raft_commit")).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(nanos -> assertThat(nanos).isPositive());
    }

    @Test
    void aNonReplicaAnswersWithDaosNotReplicaError(@TempDir Path scm) throws Exception {
        String elsewhere = "10.255.255.1:10001";
        MgmtSvcGrpc.MgmtSvcBlockingStub stub = start(ReplicaHarness.serverInfo(FreePorts.controlPortWithRaftPort(),
                List.of(elsewhere)), new RecordingEngines(scm, EngineState.READY));
        StatusRuntimeException e = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(() ->
                stub.systemQuery(SystemQueryReq.getDefaultInstance()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        ErrorInfo info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("proto.system.ErrNotReplica");
        assertThat(info.getMetadataMap()).containsEntry("Replicas", "[\"" + elsewhere + "\"]");
        assertThat(e.getStatus().getDescription()).isEqualTo("not a system db replica (try one of " + elsewhere + ")");
    }

    @Test
    void aReplicaWithoutEnginesOrControlMetadataReportsTheFault() throws Exception {
        String ap = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        MgmtSvcGrpc.MgmtSvcBlockingStub stub = start(new ServerInfo("daos_server", "2.6.5", "localhost",
                Replicas.portOf(ap), List.of(), 0, 0, List.of(ap), Optional.empty()), EngineHarness.none());
        assertThatThrownBy(() -> stub.systemQuery(SystemQueryReq.getDefaultInstance()))
                .hasMessageContaining("raft directory not available");
    }

    @Test
    void controlMetadataPathHoldsTheRaftLogWithoutWaitingForEngines(@TempDir Path meta) throws Exception {
        String ap = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        start(new ServerInfo("daos_server", "2.6.5", "localhost", Replicas.portOf(ap), List.of(), 0, 0,
                List.of(ap), Optional.of(meta)), EngineHarness.none());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                module.service().node().map(RaftNode::isLeader).orElse(false));
        assertThat(Files.isDirectory(meta.resolve("daos_control").resolve("control_raft"))).isTrue();
    }

    @Test
    void anErasedDatabaseStartsFreshWhenEngineZeroIsFormattedAgain(@TempDir Path scm) throws Exception {
        String ap = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        RecordingEngines engines = new RecordingEngines(scm, EngineState.AWAIT_FORMAT);
        MgmtSvcGrpc.MgmtSvcBlockingStub stub = start(ReplicaHarness.serverInfo(Replicas.portOf(ap), List.of(ap)),
                engines);
        engines.moveTo(EngineState.STARTING);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                module.service().node().map(RaftNode::isLeader).orElse(false));
        stub.join(join("00000000-0000-0000-0000-00000000000a", ap, 0));
        stub.join(join("00000000-0000-0000-0000-00000000000b", ap, 1));
        stub.systemSetAttr(dev.dockmaster.proto.mgmt.SystemSetAttrReq.newBuilder().putAttributes("color", "blue")
                .build());
        RaftNode old = module.service().node().orElseThrow();

        // the reset put engine 0 back in AwaitFormat; then this replica's database is erased
        engines.moveTo(EngineState.STOPPED);
        engines.moveTo(EngineState.AWAIT_FORMAT);
        module.service().eraseLocalDb();
        assertThat(module.service().node()).isEmpty();
        assertThat(scm.resolve("control_raft")).doesNotExist();
        assertThatThrownBy(() -> stub.systemQuery(SystemQueryReq.getDefaultInstance()))
                .hasMessageContaining("system is uninitialized (storage format required?)");

        // the next format starts a fresh replica on the same raft port: new ranks from 0, no attributes
        engines.moveTo(EngineState.STARTING);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                module.service().node().filter(n -> n != old).map(RaftNode::isLeader).orElse(false));
        assertThat(Files.isDirectory(scm.resolve("control_raft"))).isTrue();
        JoinResp fresh = stub.join(join("00000000-0000-0000-0000-0000000000aa", ap, 0));
        assertThat(fresh.getRank()).isZero();
        assertThat(stub.systemQuery(SystemQueryReq.getDefaultInstance()).getMembersList())
                .extracting(m -> m.getUuid()).containsExactly("00000000-0000-0000-0000-0000000000aa");
        assertThat(stub.systemGetAttr(dev.dockmaster.proto.mgmt.SystemGetAttrReq.getDefaultInstance())
                .getAttributesMap()).isEmpty();
    }
}
