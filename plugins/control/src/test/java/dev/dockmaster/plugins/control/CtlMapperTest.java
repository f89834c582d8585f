package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeHealth;
import dev.dockmaster.spi.storage.NvmeNamespace;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CtlMapperTest {

    @Test
    void scmModuleRoundTrips() {
        ScmModule module = new ScmModule(2, 1, 3, 1, 4113, 274_877_906_944L, "8089-a2-1748-0000abcd",
                "NMA1XXD256GPS", "01.02.00.5446", "Healthy");

        var proto = CtlMapper.toProto(module);

        assertThat(proto.getPhysicalid()).isEqualTo(4113);
        assertThat(proto.getPartNumber()).isEqualTo("NMA1XXD256GPS");
        assertThat(CtlMapper.fromProto(proto)).isEqualTo(module);
    }

    @Test
    void scmNamespaceRoundTripsWithItsMount() {
        ScmNamespace namespace = new ScmNamespace("3d4b8a80-0f61-4a3e-9b7c-1c2d3e4f5a6b", "pmem1", "namespace1.0", 1,
                1_065_151_889_408L, Optional.of(new MountUsage("/mnt/daos1", "dcpm", List.of("/dev/pmem1"),
                1_065_151_889_408L, 532_575_944_704L)));

        var proto = CtlMapper.toProto(namespace, true);

        assertThat(proto.getMount().getClass_()).isEqualTo("dcpm");
        assertThat(proto.getMount().getDeviceListList()).containsExactly("/dev/pmem1");
        assertThat(CtlMapper.fromProto(proto)).isEqualTo(namespace);
        assertThat(CtlMapper.toProto(namespace, false).hasMount()).isFalse();
    }

    @Test
    void nvmeControllerRoundTripsWithHealthAndNamespaces() {
        NvmeController controller = new NvmeController("SAMSUNG MZWLJ3T8HBLS-00007", "S4WMNE0N900123", "0000:81:00.0",
                "EPK9AB5Q", 1, "0x144d", "vmd",
                List.of(new NvmeNamespace(1, 3_840_755_982_336L), new NvmeNamespace(2, 4096L)),
                Optional.of(new NvmeHealth(311, 12, 9_000, 3, 1, 7, true, false, true, false)));

        var proto = CtlMapper.toProto(controller);

        assertThat(proto.getNamespacesList()).extracting(ns -> ns.getCtrlrPciAddr()).containsOnly("0000:81:00.0");
        assertThat(proto.getHealthStats().getTempWarn()).isTrue();
        assertThat(proto.getHealthStats().getMediaErrs()).isEqualTo(1);
        assertThat(CtlMapper.fromProto(proto)).isEqualTo(controller);
    }

    @Test
    void controllerWithoutHealthHasNoHealthMessage() {
        NvmeController controller = new NvmeController("m", "s", "0000:01:00.0", "f", 0, "", "", List.of(),
                Optional.empty());

        assertThat(CtlMapper.toProto(controller).hasHealthStats()).isFalse();
        assertThat(CtlMapper.fromProto(CtlMapper.toProto(controller))).isEqualTo(controller);
    }

    static Stream<Arguments> deviceResults() {
        return Stream.of(
                Arguments.of("done", DeviceResult.done("/mnt/daos0"), ResponseState.newBuilder()
                        .setStatus(ResponseStatus.CTL_SUCCESS).build()),
                Arguments.of("skipped", DeviceResult.skipped("/mnt/daos0", "SCM is already formatted"),
                        ResponseState.newBuilder().setStatus(ResponseStatus.CTL_SUCCESS)
                                .setInfo("SCM is already formatted").build()),
                Arguments.of("failed", DeviceResult.failed("/mnt/daos0", "mkfs failed"), ResponseState.newBuilder()
                        .setStatus(ResponseStatus.CTL_ERR_SCM).setError("mkfs failed").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceResults")
    void deviceResultsBecomeResponseStates(String name, DeviceResult result, ResponseState expected) {
        assertThat(CtlMapper.toProto(result, ResponseStatus.CTL_ERR_SCM)).isEqualTo(expected);
    }

    @Test
    void faultStateCarriesTheResolution() {
        ResponseState state = CtlMapper.error(ResponseStatus.CTL_ERR_NVME,
                new Fault("bdev", 304, "no such controller", "check bdev_list"));

        assertThat(state.getStatus()).isEqualTo(ResponseStatus.CTL_ERR_NVME);
        assertThat(state.getError()).isEqualTo(
                "bdev: code = 304 description = \"no such controller\" resolution = \"check bdev_list\"");
    }
}
