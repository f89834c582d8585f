package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.NvmeControllerResult;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScmMountResult;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.BdevFormatOutcome;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.DeviceResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StorageFormat maps the harness's per-engine results to DAOS's mrets/crets, device by device. */
class StorageFormatTest {

    private static final ServerInfo SERVER = new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 2, 0);

    /** A harness that records the reformat flag and answers with fixed results (or throws). */
    private static final class RecordingHarness implements EngineHarness {
        final List<Boolean> calls = new ArrayList<>();
        private final List<EngineFormatResult> results;
        private final RuntimeException failure;

        RecordingHarness(List<EngineFormatResult> results, RuntimeException failure) {
            this.results = results;
            this.failure = failure;
        }

        @Override
        public List<EngineView> engines() {
            return List.of();
        }

        @Override
        public List<EngineFormatResult> format(boolean reformat) {
            calls.add(reformat);
            if (failure != null) {
                throw failure;
            }
            return results;
        }
    }

    private static StorageFormatResp call(EngineHarness harness, boolean reformat) {
        ControlService service = new ControlService(TestingStorageProviders.none(), harness, SERVER,
                new TestingHostFacts());
        try (InProcessCtl ctl = new InProcessCtl(service)) {
            return ctl.stub.storageFormat(StorageFormatReq.newBuilder().setReformat(reformat).build());
        }
    }

    @Test
    void everyEngineAndEveryDeviceGetsAResultWithItsState() {
        RecordingHarness harness = new RecordingHarness(List.of(
                new EngineFormatResult(0, "/mnt/daos0", DeviceResult.done("/mnt/daos0"), List.of(
                        new BdevFormatOutcome(0, DeviceResult.done("0000:81:00.0")),
                        new BdevFormatOutcome(0, DeviceResult.failed("0000:82:00.0", "wipe failed")))),
                new EngineFormatResult(1, "/mnt/daos1",
                        DeviceResult.skipped("/mnt/daos1", "SCM is already formatted"), List.of(
                        new BdevFormatOutcome(0, DeviceResult.skipped(BdevFormatOutcome.NO_DEVICE,
                                "NVMe format skipped on instance 1, SCM was not formatted"))))), null);

        StorageFormatResp resp = call(harness, true);

        assertThat(harness.calls).containsExactly(true);
        assertThat(resp.getMretsList()).extracting(ScmMountResult::getInstanceidx, ScmMountResult::getMntpoint,
                m -> m.getState().getStatus(), m -> m.getState().getInfo()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "/mnt/daos0", ResponseStatus.CTL_SUCCESS, ""),
                org.assertj.core.groups.Tuple.tuple(1, "/mnt/daos1", ResponseStatus.CTL_SUCCESS,
                        "SCM is already formatted"));
        assertThat(resp.getCretsList()).extracting(NvmeControllerResult::getPciAddr, c -> c.getState().getStatus(),
                c -> c.getState().getError(), c -> c.getState().getInfo()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0000:81:00.0", ResponseStatus.CTL_SUCCESS, "", ""),
                org.assertj.core.groups.Tuple.tuple("0000:82:00.0", ResponseStatus.CTL_ERR_NVME, "wipe failed", ""),
                org.assertj.core.groups.Tuple.tuple("<nil>", ResponseStatus.CTL_SUCCESS, "",
                        "NVMe format skipped on instance 1, SCM was not formatted"));
    }

    @Test
    void aFailedScmIsAnScmErrorAndRoleBitsTravel() {
        RecordingHarness harness = new RecordingHarness(List.of(
                new EngineFormatResult(0, "/mnt/daos0", DeviceResult.failed("/mnt/daos0", "mount: permission denied"),
                        List.of(new BdevFormatOutcome(7, DeviceResult.done("/tmp/f0"))))), null);

        StorageFormatResp resp = call(harness, false);

        assertThat(harness.calls).containsExactly(false);
        assertThat(resp.getMrets(0).getState().getStatus()).isEqualTo(ResponseStatus.CTL_ERR_SCM);
        assertThat(resp.getMrets(0).getState().getError()).isEqualTo("mount: permission denied");
        assertThat(resp.getCrets(0).getRoleBits()).isEqualTo(7);
    }

    @Test
    void noEnginesMeansAnEmptyResponse() {
        StorageFormatResp resp = call(EngineHarness.none(), false);

        assertThat(resp.getMretsCount()).isZero();
        assertThat(resp.getCretsCount()).isZero();
    }

    @Test
    void aFaultBeforeAnyDeviceIsAnRpcErrorWithTheResolution() {
        RecordingHarness harness = new RecordingHarness(List.of(),
                new Fault("storage", 2106, "a storage format is already running on this host", "wait"));

        assertThatThrownBy(() -> call(harness, false)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getStatus().getDescription()).contains("code = 2106", "already running", "wait");
        });
    }
}
