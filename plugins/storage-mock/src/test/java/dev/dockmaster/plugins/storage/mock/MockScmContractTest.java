package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanResult;
import dev.dockmaster.testing.storage.ScmProviderContract;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SCM contract against the mock with its reference inventory. */
class MockScmContractTest extends ScmProviderContract {

    /** The reference inventory, with /dev/pmem1 scripted to fail (the suite's bad device). */
    @Override
    protected ScmProvider newProvider() {
        Map<String, Object> config = TestingConfig.edit(TestingConfig.reference(), "scm.format_failures",
                List.of(Map.of("device", "/dev/pmem1", "error", "mkfs.ext4: /dev/pmem1 is apparently in use")));
        return new MockScmProviderFactory().create(TestingConfig.context(config));
    }

    @Override
    protected ScmFormatRequest unformattedTier() {
        return new ScmFormatRequest(0, "dcpm", "/mnt/daos0", List.of("/dev/pmem0"), 0, false);
    }

    @Override
    protected ScmFormatRequest badDevice() {
        return new ScmFormatRequest(1, "dcpm", "/mnt/daos1", List.of("/dev/pmem1"), 0, false);
    }

    /** The mock's format_failures scripts the refusal, with a fault code as a real provider raises it. */
    @Override
    protected Refusal notPermitted() {
        Map<String, Object> config = TestingConfig.edit(TestingConfig.reference(), "scm.format_failures", List.of(
                Map.of("device", "/mnt/daos0", "error", "mount: permission denied", "code", 2001,
                        "resolution", "run daos_server as root")));
        return new Refusal(new MockScmProviderFactory().create(TestingConfig.context(config)), unformattedTier());
    }

    @Override
    protected void checkScan(ScmScanResult result) {
        assertThat(result.modules()).hasSize(4);
        assertThat(result.namespaces()).hasSize(2);
    }
}
