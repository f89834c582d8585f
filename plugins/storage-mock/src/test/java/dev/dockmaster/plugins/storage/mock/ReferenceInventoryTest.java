package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The default inventory of reference.conf, read as the core reads it, through the plugin's own entry point. */
class ReferenceInventoryTest {

    private static DockmasterPlugin plugin() {
        return ServiceLoader.load(DockmasterPlugin.class).findFirst().orElseThrow();
    }

    @Test
    void thePluginOffersOneMockProviderOfEachKind() {
        assertThat(plugin()).isInstanceOf(StorageMockPlugin.class);
        assertThat(plugin().scmProviders()).extracting(f -> f.name()).containsExactly("mock");
        assertThat(plugin().bdevProviders()).extracting(f -> f.name()).containsExactly("mock");
        assertThat(plugin().grpcModules()).isEmpty();
    }

    @Test
    void defaultScmIsTwoPmemNamespacesOnFourModules() {
        ScmProvider scm = plugin().scmProviders().get(0).create(TestingConfig.context(TestingConfig.reference()));

        ScmScanResult result = scm.scan(ScmScanRequest.all());

        assertThat(result.namespaces()).extracting(ScmNamespace::blockDevice).containsExactly("pmem0", "pmem1");
        assertThat(result.namespaces()).extracting(ScmNamespace::numaNode).containsExactly(0, 1);
        assertThat(result.namespaces()).allSatisfy(ns -> assertThat(ns.mount()).isEmpty());
        long total = result.namespaces().stream().mapToLong(ScmNamespace::sizeBytes).sum();
        assertThat(total).isBetween(2_000_000_000_000L, 2_200_000_000_000L);
        assertThat(result.modules()).hasSize(4);
        assertThat(scm.storageClasses()).containsExactlyInAnyOrder("dcpm", "ram");
    }

    @Test
    void defaultNvmeIsTwoControllersWithOneNamespaceEach() {
        BdevProvider bdev = plugin().bdevProviders().get(0).create(TestingConfig.context(TestingConfig.reference()));

        BdevScanResult plain = bdev.scan(BdevScanRequest.all());
        BdevScanResult withHealth = bdev.scan(new BdevScanRequest(List.of(), true));

        assertThat(plain.controllers()).extracting(NvmeController::pciAddress)
                .containsExactly("0000:5e:00.0", "0000:d8:00.0");
        assertThat(plain.controllers()).extracting(NvmeController::socketId).containsExactly(0, 1);
        assertThat(plain.controllers()).allSatisfy(c -> {
            assertThat(c.namespaces()).hasSize(1);
            assertThat(c.capacityBytes()).isEqualTo(1_600_321_314_816L);
            assertThat(c.health()).isEmpty();
        });
        assertThat(withHealth.controllers()).allSatisfy(c -> assertThat(c.health()).isPresent());
        assertThat(withHealth.controllers().get(0).health().orElseThrow().temperatureKelvin()).isEqualTo(306);
        assertThat(bdev.storageClasses()).containsExactlyInAnyOrder("nvme", "file", "kdev");
    }
}
