package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmScanRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockScmProviderTest {

    private static MockScmProvider provider(Map<String, Object> config) {
        return (MockScmProvider) new MockScmProviderFactory().create(TestingConfig.context(config));
    }

    private static ScmFormatRequest dcpm(int engine, String mount, String device, boolean force) {
        return new ScmFormatRequest(engine, "dcpm", mount, List.of(device), 0, force);
    }

    @Test
    void aConfiguredScanFaultIsThrownOnEveryScan() {
        MockScmProvider scm = provider(TestingConfig.edit(TestingConfig.reference(), "scm.scan_fault", Map.of(
                "code", 208, "description", "PMem discovery failed", "resolution", "install ipmctl")));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> scm.scan(ScmScanRequest.all())).isInstanceOfSatisfying(Fault.class, f -> {
                assertThat(f.domain()).isEqualTo("scm");
                assertThat(f.code()).isEqualTo(208);
                assertThat(f.description()).isEqualTo("PMem discovery failed");
                assertThat(f.resolution()).isEqualTo("install ipmctl");
            });
        }
    }

    @Test
    void formatIsDoneThenSkippedUntilForced() {
        MockScmProvider scm = provider(TestingConfig.reference());

        DeviceResult first = scm.format(dcpm(0, "/mnt/daos0", "/dev/pmem0", false));
        DeviceResult again = scm.format(dcpm(0, "/mnt/daos0", "/dev/pmem0", false));
        DeviceResult forced = scm.format(dcpm(0, "/mnt/daos0", "/dev/pmem0", true));

        assertThat(first).isEqualTo(DeviceResult.done("/mnt/daos0"));
        assertThat(again.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(again.message()).isEqualTo("already formatted");
        assertThat(forced.outcome()).isEqualTo(Outcome.DONE);
        assertThat(scm.formatCalls()).extracting(ScmFormatRequest::force).containsExactly(false, false, true);
    }

    @Test
    void aFormattedNamespaceShowsItsMountInLaterScans() {
        MockScmProvider scm = provider(TestingConfig.reference());

        scm.format(dcpm(1, "/mnt/daos1", "/dev/pmem1", false));
        List<ScmNamespace> namespaces = scm.scan(ScmScanRequest.all()).namespaces();

        assertThat(namespaces.get(0).mount()).isEmpty();
        MountUsage mount = namespaces.get(1).mount().orElseThrow();
        assertThat(mount.path()).isEqualTo("/mnt/daos1");
        assertThat(mount.storageClass()).isEqualTo("dcpm");
        assertThat(mount.totalBytes()).isEqualTo(namespaces.get(1).sizeBytes());
    }

    @Test
    void ramTiersAreFormattedAtTheirRequestedSize() {
        MockScmProvider scm = provider(TestingConfig.reference());

        DeviceResult result = scm.format(new ScmFormatRequest(0, "ram", "/mnt/daos", List.of(), 16L << 30, false));

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(scm.formatCalls()).singleElement().extracting(ScmFormatRequest::sizeBytes).isEqualTo(16L << 30);
    }

    @Test
    void formatFailuresMatchTheMountPointOrADevice() {
        MockScmProvider scm = provider(TestingConfig.edit(TestingConfig.reference(), "scm.format_failures", List.of(
                Map.of("device", "/dev/pmem1", "error", "mkfs.ext4: device busy"),
                Map.of("device", "/mnt/ram"))));

        DeviceResult byDevice = scm.format(dcpm(1, "/mnt/daos1", "/dev/pmem1", true));
        DeviceResult byMount = scm.format(new ScmFormatRequest(2, "ram", "/mnt/ram", List.of(), 8L << 30, false));
        DeviceResult healthy = scm.format(dcpm(0, "/mnt/daos0", "/dev/pmem0", false));

        assertThat(byDevice).isEqualTo(DeviceResult.failed("/mnt/daos1", "mkfs.ext4: device busy"));
        assertThat(byMount).isEqualTo(DeviceResult.failed("/mnt/ram", FormatFailures.DEFAULT_ERROR));
        assertThat(healthy.outcome()).isEqualTo(Outcome.DONE);
        // A failed format leaves nothing mounted.
        assertThat(scm.scan(ScmScanRequest.all()).namespaces().get(1).mount()).isEmpty();
    }

    @Test
    void anUnsupportedClassIsAFault() {
        MockScmProvider scm = provider(TestingConfig.reference());

        assertThatThrownBy(() -> scm.format(new ScmFormatRequest(0, "nvme", "/mnt/daos0", List.of(), 0, false)))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("scm");
                    assertThat(f.description()).contains("'nvme'");
                    assertThat(f.resolution()).contains("dcpm or ram");
                });
    }

    @Test
    void aDeviceFilterNarrowsTheNamespaces() {
        MockScmProvider scm = provider(TestingConfig.reference());

        assertThat(scm.scan(new ScmScanRequest(List.of("/dev/pmem1"))).namespaces())
                .extracting(ScmNamespace::blockDevice).containsExactly("pmem1");
    }
}
