package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.ScanScmReq;
import dev.dockmaster.proto.ctl.ScmNamespace.Mount;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmScanResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A usage scan reports the configured SCM mounts of ready engines, with DAOS's usable-bytes accounting. */
class ScmUsageTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private static EngineHarness harness(EngineView... views) {
        return new EngineHarness() {
            @Override
            public List<EngineView> engines() {
                return List.of(views);
            }

            @Override
            public List<EngineFormatResult> format(boolean reformat) {
                throw new AssertionError("not used");
            }
        };
    }

    private static EngineView engine(int index, EngineState state, EngineTier scm, EngineTier... bdevs) {
        List<EngineTier> tiers = new java.util.ArrayList<>(List.of(scm));
        tiers.addAll(List.of(bdevs));
        return new EngineView(index, state, tiers);
    }

    private static StorageScanResp scan(EngineHarness engines, ScmScanResult hardware, boolean usage) {
        Map<Path, MountStats.Figures> figures = Map.of(
                Path.of("/mnt/daos0"), new MountStats.Figures(8 * GIB, 6 * GIB),
                Path.of("/mnt/daos1"), new MountStats.Figures(100 * MIB, 100 * MIB),
                Path.of("/mnt/daos2"), new MountStats.Figures(4 * GIB, 4 * GIB));
        StorageScanner scanner = new StorageScanner(
                new TestingStorageProviders(List.of(RecordingScmProvider.answering("hw", hardware)), List.of()),
                engines, new MemInfoReader(new TestingHostFacts()), path -> Optional.ofNullable(figures.get(path)));
        return scanner.scan(StorageScanReq.newBuilder().setScm(ScanScmReq.newBuilder().setUsage(usage)).build());
    }

    @Test
    void aRamTierIsARamdiskEntryWithTotalAvailableAndUsable() {
        EngineHarness engines = harness(engine(0, EngineState.STOPPED,
                new EngineTier(0, "ram", "/mnt/daos0", List.of(), 0)));

        StorageScanResp resp = scan(engines, ScmScanResult.empty(), true);

        assertThat(resp.getScm().getNamespacesList()).singleElement().satisfies(ns -> {
            assertThat(ns.getBlockdev()).isEqualTo("ramdisk");
            Mount mount = ns.getMount();
            assertThat(mount.getPath()).isEqualTo("/mnt/daos0");
            assertThat(mount.getClass_()).isEqualTo("ram");
            assertThat(mount.getTotalBytes()).isEqualTo(8 * GIB);
            assertThat(mount.getAvailBytes()).isEqualTo(6 * GIB);
            // 128 MiB RDB + 16 MiB DAOS metadata + 1 MiB filesystem overhead
            assertThat(mount.getUsableBytes()).isEqualTo(6 * GIB - 145 * MIB);
        });
    }

    @Test
    void aDcpmTierIsItsNamespaceWithTheMountAndEnginesAwaitingFormatAreLeftOut() {
        ScmNamespace pmem0 = new ScmNamespace("uuid-0", "pmem0", "namespace0.0", 0, 8 * GIB, Optional.empty());
        ScmNamespace pmem1 = new ScmNamespace("uuid-1", "pmem1", "namespace1.0", 1, 8 * GIB, Optional.empty());
        EngineHarness engines = harness(
                engine(0, EngineState.STOPPED, new EngineTier(0, "dcpm", "/mnt/daos0", List.of("/dev/pmem0"), 0)),
                engine(1, EngineState.AWAIT_FORMAT,
                        new EngineTier(0, "dcpm", "/mnt/daos2", List.of("/dev/pmem1"), 0)));

        StorageScanResp resp = scan(engines, new ScmScanResult(List.of(), List.of(pmem0, pmem1)), true);

        assertThat(resp.getScm().getNamespacesList()).singleElement().satisfies(ns -> {
            assertThat(ns.getUuid()).isEqualTo("uuid-0");
            assertThat(ns.getMount().getDeviceListList()).containsExactly("/dev/pmem0");
        });
    }

    @Test
    void theMountCarriesTheEnginesRankOnceItHasOne() {
        EngineHarness engines = harness(
                new EngineView(0, EngineState.READY, List.of(new EngineTier(0, "ram", "/mnt/daos0", List.of(), 0)),
                        java.util.OptionalInt.of(3)),
                engine(1, EngineState.STOPPED, new EngineTier(0, "ram", "/mnt/daos2", List.of(), 0)));

        StorageScanResp resp = scan(engines, ScmScanResult.empty(), true);

        assertThat(resp.getScm().getNamespacesList()).extracting(ns -> ns.getMount().getPath() + "@"
                + ns.getMount().getRank()).containsExactly("/mnt/daos0@3", "/mnt/daos2@0");
    }

    @Test
    void usableNeverGoesBelowZeroAndMdOnSsdKeepsMetadataOffScm() {
        EngineView small = engine(0, EngineState.STOPPED, new EngineTier(0, "ram", "/mnt/daos1", List.of(), 0));
        EngineView mdOnSsd = engine(0, EngineState.STOPPED, new EngineTier(0, "ram", "/mnt/daos1", List.of(), 0),
                new EngineTier(1, "nvme", "", List.of("0000:81:00.0"), 7));

        assertThat(StorageScanner.usableBytes(100 * MIB, small)).isZero();
        assertThat(StorageScanner.usableBytes(100 * MIB, mdOnSsd)).isEqualTo(99 * MIB);
    }

    @Test
    void withoutUsageTheHardwareNamespacesComeBackUnchanged() {
        ScmNamespace pmem0 = new ScmNamespace("uuid-0", "pmem0", "namespace0.0", 0, 8 * GIB, Optional.empty());
        EngineHarness engines = harness(engine(0, EngineState.STOPPED,
                new EngineTier(0, "ram", "/mnt/daos0", List.of(), 0)));

        StorageScanResp resp = scan(engines, new ScmScanResult(List.of(), List.of(pmem0)), false);

        assertThat(resp.getScm().getNamespacesList()).singleElement().satisfies(ns -> {
            assertThat(ns.getBlockdev()).isEqualTo("pmem0");
            assertThat(ns.hasMount()).isFalse();
        });
    }
}
