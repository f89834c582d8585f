package dev.dockmaster.plugins.control;

import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.LogMasks;
import dev.dockmaster.spi.grpc.ServerInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rank RPCs pass the request's ranks, force flag and deadline to the harness and map its results to the wire. */
class RankOperationsTest {

    private static final ServerInfo SERVER = new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 2, 0);
    private static final String AUTHORITY = "10.0.0.7:10001";

    private static InProcessCtl ctl(RecordingEngineHarness harness) {
        ControlService service = new ControlService(TestingStorageProviders.none(), harness, SERVER,
                new TestingHostFacts());
        return new InProcessCtl(service.definition(), AUTHORITY);
    }

    record Rpc(String name, String action, BiFunction<CtlSvcGrpc.CtlSvcBlockingStub, RanksReq, RanksResp> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rpc> rpcs() {
        return Stream.of(
                new Rpc("PrepShutdownRanks", "prep shutdown", CtlSvcGrpc.CtlSvcBlockingStub::prepShutdownRanks),
                new Rpc("StopRanks", "stop", CtlSvcGrpc.CtlSvcBlockingStub::stopRanks),
                new Rpc("StartRanks", "start", CtlSvcGrpc.CtlSvcBlockingStub::startRanks),
                new Rpc("ResetFormatRanks", "reset format", CtlSvcGrpc.CtlSvcBlockingStub::resetFormatRanks));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpcs")
    void eachRpcReachesItsHarnessOperationAndAnswersOneResultPerRank(Rpc rpc) {
        RecordingEngineHarness harness = RecordingEngineHarness.succeeding("stopped");
        RanksResp resp;
        try (InProcessCtl ctl = ctl(harness)) {
            resp = rpc.call().apply(ctl.stub, RanksReq.newBuilder().setRanks("0-1").build());
        }
        assertThat(harness.calls).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo(rpc.action());
            assertThat(call.ranks()).containsExactly(0, 1);
        });
        assertThat(resp.getResultsList()).containsExactly(
                RankResult.newBuilder().setRank(0).setAction(rpc.action()).setState("stopped").setAddr(AUTHORITY)
                        .build(),
                RankResult.newBuilder().setRank(1).setAction(rpc.action()).setState("stopped").setAddr(AUTHORITY)
                        .build());
    }

    record RanksCase(String name, String ranks, Set<Integer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RanksCase> rankSets() {
        return Stream.of(
                new RanksCase("single rank", "3", Set.of(3)),
                new RanksCase("range and single", "0-3,5", Set.of(0, 1, 2, 3, 5)),
                new RanksCase("brackets accepted", "[0-2,7]", Set.of(0, 1, 2, 7)),
                new RanksCase("blanks and duplicates", " 1, 1 2-3 ", Set.of(1, 2, 3)),
                new RanksCase("largest rank", "4294967294", Set.of((int) 4294967294L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rankSets")
    void rankSetsAreParsedAsDaosWritesThem(RanksCase c) {
        RecordingEngineHarness harness = RecordingEngineHarness.succeeding("stopped");
        try (InProcessCtl ctl = ctl(harness)) {
            ctl.stub.stopRanks(RanksReq.newBuilder().setRanks(c.ranks()).build());
        }
        assertThat(harness.calls.get(0).ranks()).containsExactlyInAnyOrderElementsOf(c.expected());
    }

    static Stream<RanksCase> badRankSets() {
        return Stream.of(
                new RanksCase("empty", "", Set.of()),
                new RanksCase("empty brackets", "[]", Set.of()),
                new RanksCase("not a number", "a", Set.of()),
                new RanksCase("negative", "-1", Set.of()),
                new RanksCase("backwards range", "3-1", Set.of()),
                new RanksCase("NilRank", "4294967295", Set.of()),
                new RanksCase("trailing comma", "1,", Set.of()),
                new RanksCase("huge range", "0-100000", Set.of()),
                new RanksCase("nested brackets", "[1,[2]]", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRankSets")
    void badRankSetsAreAFaultAndReachNoEngine(RanksCase c) {
        RecordingEngineHarness harness = RecordingEngineHarness.succeeding("stopped");
        StatusRuntimeException e;
        try (InProcessCtl ctl = ctl(harness)) {
            e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> ctl.stub.startRanks(RanksReq.newBuilder().setRanks(c.ranks()).build()));
        }
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        ErrorInfo info = errorInfo(e);
        assertThat(info.getReason()).isEqualTo("proto.fault.Fault");
        assertThat(info.getMetadataMap()).containsEntry("Domain", "server").containsEntry("Code", "600");
        assertThat(info.getMetadataMap().get("Description")).contains("invalid rank set");
        assertThat(harness.calls).isEmpty();
    }

    @Test
    void forceIsPassedToStop() {
        RecordingEngineHarness harness = RecordingEngineHarness.succeeding("stopped");
        try (InProcessCtl ctl = ctl(harness)) {
            ctl.stub.stopRanks(RanksReq.newBuilder().setRanks("0").setForce(true).build());
            ctl.stub.stopRanks(RanksReq.newBuilder().setRanks("0").build());
        }
        assertThat(harness.calls).extracting(RecordingEngineHarness.Call::force).containsExactly(true, false);
    }

    @Test
    void theTimeoutIsWhatIsLeftOfTheCallersDeadline() {
        RecordingEngineHarness harness = RecordingEngineHarness.succeeding("ready");
        try (InProcessCtl ctl = ctl(harness)) {
            ctl.stub.withDeadlineAfter(20, TimeUnit.SECONDS).startRanks(RanksReq.newBuilder().setRanks("0").build());
            ctl.stub.startRanks(RanksReq.newBuilder().setRanks("0").build());
        }
        Duration withDeadline = harness.calls.get(0).timeout();
        assertThat(withDeadline).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20))
                .isGreaterThan(Duration.ofSeconds(10));
        assertThat(harness.calls.get(1).timeout()).isEqualTo(RankOperations.DEFAULT_TIMEOUT);
    }

    @Test
    void erroredResultsKeepTheirMessageAndState() {
        RecordingEngineHarness harness = new RecordingEngineHarness(call -> List.of(
                new dev.dockmaster.spi.engine.RankResult(4, "stop", true, "system stop: rank failed to stop",
                        "errored")), null, List.of());
        RanksResp resp;
        try (InProcessCtl ctl = ctl(harness)) {
            resp = ctl.stub.stopRanks(RanksReq.newBuilder().setRanks("4").build());
        }
        assertThat(resp.getResults(0)).isEqualTo(RankResult.newBuilder().setRank(4).setAction("stop")
                .setErrored(true).setMsg("system stop: rank failed to stop").setState("errored").setAddr(AUTHORITY)
                .build());
    }

    @Test
    void withoutAnAuthorityTheAddressIsTheServersOwn() {
        RecordingEngineHarness harness = RecordingEngineHarness.succeeding("stopped");
        RankOperations operations = new RankOperations(harness, SERVER);
        RanksResp resp = operations.stop(RanksReq.newBuilder().setRanks("1").build());
        assertThat(resp.getResults(0).getAddr()).isEqualTo("node1:10001");
    }

    @Test
    void aHarnessFaultCrossesTheWireWithItsCode() {
        Fault notStopped = new Fault("server", 612, "reset format: instances not stopped, rank 1",
                "stop the ranks before resetting their format");
        RecordingEngineHarness harness = RecordingEngineHarness.failing(notStopped);
        StatusRuntimeException e;
        try (InProcessCtl ctl = ctl(harness)) {
            e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> ctl.stub.resetFormatRanks(RanksReq.newBuilder().setRanks("1").build()));
        }
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).contains("code = 612", "stop the ranks");
        assertThat(errorInfo(e).getMetadataMap()).containsEntry("Code", "612")
                .containsEntry("Description", "reset format: instances not stopped, rank 1")
                .containsEntry("Resolution", "stop the ranks before resetting their format");
    }

    @Test
    void logMasksArePassedOnAndEngineErrorsReturned() {
        RecordingEngineHarness harness = new RecordingEngineHarness(call -> List.of(), null,
                List.of("engine 1: DER_INVAL(-1003): Invalid parameters"));
        SetLogMasksResp resp;
        try (InProcessCtl ctl = ctl(harness)) {
            resp = ctl.stub.setEngineLogMasks(SetLogMasksReq.newBuilder().setSys("daos_server-2.6.5")
                    .setMasks("ERR,mgmt=DEBUG").setStreams("md").setResetSubsystems(true).build());
        }
        assertThat(harness.logMasks).containsExactly(new LogMasks("ERR,mgmt=DEBUG", "md", "", false, false, true));
        assertThat(resp.getStatus()).isZero();
        assertThat(resp.getErrorsList()).containsExactly("engine 1: DER_INVAL(-1003): Invalid parameters");
    }

    private static ErrorInfo errorInfo(StatusRuntimeException e) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(e);
        assertThat(rich).isNotNull();
        try {
            return rich.getDetails(0).unpack(ErrorInfo.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }
}
