package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.MemInfo;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScanNvmeReq;
import dev.dockmaster.proto.ctl.ScanScmReq;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeHealth;
import dev.dockmaster.spi.storage.NvmeNamespace;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StorageScanTest {

    private static final ServerInfo SERVER = new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 1, 0);

    private static final ScmModule DIMM_A = new ScmModule(0, 0, 0, 0, 17, 549_755_813_888L, "8089-a2-1748-00000001",
            "NMB1XXD512GPS", "02.02.00.1553", "Healthy");
    private static final ScmModule DIMM_B = new ScmModule(1, 0, 1, 1, 4113, 549_755_813_888L,
            "8089-a2-1748-00000002", "NMB1XXD512GPS", "02.02.00.1553", "Healthy");
    private static final MountUsage MOUNT0 = new MountUsage("/mnt/daos0", "dcpm", List.of("/dev/pmem0"),
            1_065_151_889_408L, 1_000_000_000_000L);
    private static final ScmNamespace PMEM0 = new ScmNamespace("a3e6b1c2-7d0f-4e58-9a43-6c1b2d3e4f50", "pmem0",
            "namespace0.0", 0, 1_065_151_889_408L, Optional.of(MOUNT0));
    private static final ScmNamespace PMEM1 = new ScmNamespace("b4f7c2d3-8e1a-4f69-8b54-7d2c3e4f5061", "pmem1",
            "namespace1.0", 1, 1_065_151_889_408L, Optional.empty());
    private static final NvmeHealth HEALTH = new NvmeHealth(308, 48, 14_721, 21, 0, 2, false, false, false, false);
    private static final NvmeController SSD_A = new NvmeController("INTEL SSDPE2KE016T8", "PHLN0123004P1P6AGN",
            "0000:5e:00.0", "VDV10170", 0, "0x8086", "pci", List.of(new NvmeNamespace(1, 1_600_321_314_816L)),
            Optional.of(HEALTH));
    private static final NvmeController SSD_B = new NvmeController("INTEL SSDPE2KE016T8", "PHLN0123005Q1P6AGN",
            "0000:d8:00.0", "VDV10170", 1, "0x8086", "pci", List.of(new NvmeNamespace(1, 1_600_321_314_816L)),
            Optional.of(HEALTH));
    private static final Fault SCAN_FAULT = new Fault("scm", 208, "PMem discovery failed: ipmctl not found",
            "install ipmctl");

    private InProcessCtl ctl;

    @AfterEach
    void close() {
        if (ctl != null) {
            ctl.close();
        }
    }

    private StorageScanResp scan(List<ScmProvider> scm, List<BdevProvider> bdev, StorageScanReq request) {
        return scan(new TestingStorageProviders(scm, bdev), new TestingHostFacts(), request);
    }

    private StorageScanResp scan(TestingStorageProviders providers, HostFacts host, StorageScanReq request) {
        ctl = new InProcessCtl(new ControlService(providers, SERVER, host));
        return ctl.stub.storageScan(request);
    }

    @Test
    void scmModulesOfEveryProviderAreMergedWhenNoNamespacesExist() {
        StorageScanResp response = scan(
                List.of(RecordingScmProvider.answering("one", new ScmScanResult(List.of(DIMM_A), List.of())),
                        RecordingScmProvider.answering("two", new ScmScanResult(List.of(DIMM_B), List.of()))),
                List.of(), StorageScanReq.getDefaultInstance());

        assertThat(response.getScm().getModulesList()).extracting(m -> m.getUid())
                .containsExactly(DIMM_A.uid(), DIMM_B.uid());
        assertThat(response.getScm().getNamespacesList()).isEmpty();
        assertThat(response.getScm().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
    }

    @Test
    void scmReportsOnlyNamespacesOnceAnyProviderHasThem() {
        StorageScanResp response = scan(
                List.of(RecordingScmProvider.answering("dimms", new ScmScanResult(List.of(DIMM_A), List.of())),
                        RecordingScmProvider.answering("ns", new ScmScanResult(List.of(DIMM_B), List.of(PMEM1)))),
                List.of(), StorageScanReq.getDefaultInstance());

        assertThat(response.getScm().getModulesList()).isEmpty();
        assertThat(response.getScm().getNamespacesList()).extracting(ns -> ns.getBlockdev())
                .containsExactly("pmem1");
    }

    @ParameterizedTest(name = "usage={0}")
    @MethodSource("usageCases")
    void scmMountIsReportedOnlyForAUsageScan(boolean usage, boolean mountExpected) {
        StorageScanResp response = scan(
                List.of(RecordingScmProvider.answering("ns", new ScmScanResult(List.of(), List.of(PMEM0)))),
                List.of(), StorageScanReq.newBuilder().setScm(ScanScmReq.newBuilder().setUsage(usage)).build());

        assertThat(response.getScm().getNamespaces(0).hasMount()).isEqualTo(mountExpected);
        if (mountExpected) {
            assertThat(response.getScm().getNamespaces(0).getMount().getPath()).isEqualTo("/mnt/daos0");
            assertThat(response.getScm().getNamespaces(0).getMount().getAvailBytes())
                    .isEqualTo(MOUNT0.availableBytes());
        }
    }

    static Stream<Arguments> usageCases() {
        return Stream.of(Arguments.of(false, false), Arguments.of(true, true));
    }

    @Test
    void nvmeControllersOfEveryProviderAreMergedInProviderOrder() {
        StorageScanResp response = scan(List.of(),
                List.of(RecordingBdevProvider.answering("a", new BdevScanResult(List.of(SSD_B))),
                        RecordingBdevProvider.answering("b", new BdevScanResult(List.of(SSD_A)))),
                StorageScanReq.getDefaultInstance());

        assertThat(response.getNvme().getCtrlrsList()).extracting(c -> c.getPciAddr())
                .containsExactly("0000:d8:00.0", "0000:5e:00.0");
        assertThat(response.getNvme().getCtrlrs(1).getNamespaces(0).getCtrlrPciAddr()).isEqualTo("0000:5e:00.0");
        assertThat(response.getNvme().getCtrlrs(1).getNamespaces(0).getSize()).isEqualTo(1_600_321_314_816L);
        assertThat(response.getNvme().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
    }

    record NvmeFlagsCase(String name, boolean basic, boolean health, boolean healthAsked, boolean detailsKept,
                         boolean healthReported) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<NvmeFlagsCase> nvmeFlagCases() {
        return Stream.of(
                new NvmeFlagsCase("default: details, no health", false, false, false, true, false),
                new NvmeFlagsCase("health: providers asked, health reported", false, true, true, true, true),
                new NvmeFlagsCase("basic: topology only", true, false, false, false, false),
                new NvmeFlagsCase("basic wins over health", true, true, false, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nvmeFlagCases")
    void nvmeBasicAndHealthFlagsShapeTheAnswer(NvmeFlagsCase c) {
        // The provider reports health even when not asked: the flags, not the provider, decide the wire content.
        RecordingBdevProvider provider = RecordingBdevProvider.answering("nvme", new BdevScanResult(List.of(SSD_A)));
        StorageScanResp response = scan(List.of(), List.of(provider), StorageScanReq.newBuilder()
                .setNvme(ScanNvmeReq.newBuilder().setBasic(c.basic()).setHealth(c.health())).build());

        assertThat(provider.scanCalls).singleElement().satisfies(call -> {
            assertThat(call.health()).isEqualTo(c.healthAsked());
            assertThat(call.devices()).isEmpty();
        });
        var controller = response.getNvme().getCtrlrs(0);
        assertThat(controller.getPciAddr()).isEqualTo("0000:5e:00.0");
        assertThat(controller.getSocketId()).isZero();
        assertThat(controller.getNamespacesCount()).isEqualTo(1);
        assertThat(controller.getModel()).isEqualTo(c.detailsKept() ? "INTEL SSDPE2KE016T8" : "");
        assertThat(controller.getSerial()).isEqualTo(c.detailsKept() ? "PHLN0123004P1P6AGN" : "");
        assertThat(controller.getFwRev()).isEqualTo(c.detailsKept() ? "VDV10170" : "");
        assertThat(controller.hasHealthStats()).isEqualTo(c.healthReported());
        if (c.healthReported()) {
            assertThat(controller.getHealthStats().getTemperature()).isEqualTo(308);
            assertThat(controller.getHealthStats().getPowerOnHours()).isEqualTo(14_721);
        }
    }

    @Test
    void anScmFaultBecomesTheScmStateWhileNvmeStillAnswers() {
        StorageScanResp response = scan(
                List.of(RecordingScmProvider.failing("ipmctl", SCAN_FAULT),
                        RecordingScmProvider.answering("ram", new ScmScanResult(List.of(DIMM_B), List.of()))),
                List.of(RecordingBdevProvider.answering("nvme", new BdevScanResult(List.of(SSD_A)))),
                StorageScanReq.getDefaultInstance());

        assertThat(response.getScm().getState().getStatus()).isEqualTo(ResponseStatus.CTL_ERR_SCM);
        assertThat(response.getScm().getState().getError())
                .contains("code = 208", "PMem discovery failed: ipmctl not found", "install ipmctl");
        assertThat(response.getScm().getModulesList()).extracting(m -> m.getUid()).containsExactly(DIMM_B.uid());
        assertThat(response.getNvme().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
        assertThat(response.getNvme().getCtrlrsCount()).isEqualTo(1);
    }

    @Test
    void anNvmeFaultBecomesTheNvmeStateWhileScmStillAnswers() {
        Fault fault = new Fault("bdev", 300, "SPDK probe failed", "check hugepages");
        StorageScanResp response = scan(
                List.of(RecordingScmProvider.answering("pmem", new ScmScanResult(List.of(), List.of(PMEM1)))),
                List.of(RecordingBdevProvider.failing("spdk", fault)),
                StorageScanReq.getDefaultInstance());

        assertThat(response.getNvme().getState().getStatus()).isEqualTo(ResponseStatus.CTL_ERR_NVME);
        assertThat(response.getNvme().getState().getError()).contains("SPDK probe failed", "check hugepages");
        assertThat(response.getNvme().getCtrlrsList()).isEmpty();
        assertThat(response.getScm().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
        assertThat(response.getScm().getNamespacesCount()).isEqualTo(1);
    }

    @Test
    void aProviderBugIsReportedAsAStateNotAFailedCall() {
        StorageScanResp response = scan(List.of(),
                List.of(RecordingBdevProvider.failing("buggy", new IllegalStateException("boom"))),
                StorageScanReq.getDefaultInstance());

        assertThat(response.getNvme().getState().getStatus()).isEqualTo(ResponseStatus.CTL_ERR_NVME);
        assertThat(response.getNvme().getState().getError()).contains("'buggy'", "boom");
    }

    @Test
    void noProvidersGiveEmptySuccessfulParts() {
        StorageScanResp response = scan(List.of(), List.of(), StorageScanReq.getDefaultInstance());

        assertThat(response.getScm().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
        assertThat(response.getScm().getModulesCount() + response.getScm().getNamespacesCount()).isZero();
        assertThat(response.getNvme().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
        assertThat(response.getNvme().getCtrlrsCount()).isZero();
    }

    @Test
    void memInfoComesFromProcMeminfo() throws IOException {
        TestingHostFacts host = new TestingHostFacts().file("/proc/meminfo", fixture("meminfo-2m-hugepages.txt"));

        MemInfo memInfo = scan(TestingStorageProviders.none(), host, StorageScanReq.getDefaultInstance()).getMemInfo();

        assertThat(memInfo).isEqualTo(MemInfo.newBuilder()
                .setHugepagesTotal(8192).setHugepagesFree(6144).setHugepagesReserved(12).setHugepagesSurplus(3)
                .setHugepageSizeKb(2048)
                .setMemTotalKb(394_791_232L).setMemFreeKb(301_467_748L).setMemAvailableKb(356_324_200L)
                .build());
    }

    @Test
    void missingMeminfoLeavesMemInfoEmptyAndTheScanSucceeds() {
        StorageScanResp response = scan(TestingStorageProviders.none(), new TestingHostFacts(),
                StorageScanReq.getDefaultInstance());

        assertThat(response.getMemInfo()).isEqualTo(MemInfo.getDefaultInstance());
        assertThat(response.getScm().getState().getStatus()).isEqualTo(ResponseStatus.CTL_SUCCESS);
    }

    @Test
    void garbledMeminfoLinesAreSkipped() {
        MemInfo memInfo = MemInfoReader.parse("MemTotal: lots kB\nnonsense\n:\nMemFree:  1024 kB\nHugePages_Total:\n");

        assertThat(memInfo.getMemTotalKb()).isZero();
        assertThat(memInfo.getMemFreeKb()).isEqualTo(1024);
        assertThat(memInfo.getHugepagesTotal()).isZero();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = StorageScanTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
