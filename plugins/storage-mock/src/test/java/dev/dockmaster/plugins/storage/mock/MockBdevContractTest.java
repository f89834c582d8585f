package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.testing.storage.BdevProviderContract;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bdev contract against the mock with its reference inventory. */
class MockBdevContractTest extends BdevProviderContract {

    private static final String BROKEN = "0000:af:00.0";

    /** The reference inventory, with one more address scripted to fail (the suite's bad device). */
    @Override
    protected BdevProvider newProvider() {
        return provider(List.of(Map.of("device", BROKEN, "error", "spdk_nvme_probe: controller failed to reset")));
    }

    @Override
    protected BdevFormatRequest unformattedDevices() {
        return new BdevFormatRequest(0, 1, "nvme", List.of("0000:5e:00.0", "0000:d8:00.0"), 0, false);
    }

    @Override
    protected String badDevice() {
        return BROKEN;
    }

    @Override
    protected Refusal notPermitted() {
        return new Refusal(
                provider(List.of(Map.of("device", "0000:5e:00.0", "error", "open /dev/vfio/12: permission denied"))),
                new BdevFormatRequest(0, 1, "nvme", List.of("0000:5e:00.0"), 0, false));
    }

    @Override
    protected void checkScan(BdevScanResult result) {
        assertThat(result.controllers()).extracting(NvmeController::pciAddress)
                .containsExactly("0000:5e:00.0", "0000:d8:00.0");
    }

    private static BdevProvider provider(List<Map<String, Object>> failures) {
        return new MockBdevProviderFactory().create(TestingConfig.context(
                TestingConfig.edit(TestingConfig.reference(), "nvme.format_failures", failures)));
    }
}
