package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SysfsNvmeScannerTest {

    @TempDir
    Path dir;

    @Test
    void readsControllersNamespacesAndUnboundFunctionsFromAFixtureTree() throws Exception {
        Path sysfs = SysfsFixture.build("/fixtures/sysfs-nvme-host.txt", dir);

        List<NvmeController> controllers = new SysfsNvmeScanner(sysfs).scan();

        assertThat(controllers).containsExactly(
                new NvmeController("SAMSUNG MZQL23T8HCLS-00A07", "S64HNE0T500123", "0000:5e:00.0", "GDC5602Q", 0,
                        "0x144d", "pci", List.of(new NvmeNamespace(1, 2000000L * 512),
                        new NvmeNamespace(2, 4000000L * 512)), Optional.empty()),
                new NvmeController("INTEL SSDPE2KE016T8", "PHLN9425004F1P6AGN", "0000:d8:00.0", "VDV10170", 1,
                        "0x8086", "pci", List.of(new NvmeNamespace(1, 3125627568L * 512)), Optional.empty()),
                // Bound to vfio-pci: only what the PCI function tells.
                new NvmeController("", "", "10000:01:00.0", "", 0, "0x8086", "vmd", List.of(), Optional.empty()));
    }

    @Test
    void anEmptyOrMissingSysfsHasNoControllers() {
        assertThat(new SysfsNvmeScanner(dir.resolve("none")).scan()).isEmpty();
        assertThat(new SysfsNvmeScanner(dir).scan()).isEmpty();
    }

    /** Whatever this host has (often nothing), the real sysfs scan answers with well-formed controllers. */
    @Test
    void theRealSysfsScanAnswers() {
        List<NvmeController> controllers = new SysfsNvmeScanner(Path.of("/sys")).scan();

        assertThat(controllers).allSatisfy(c -> {
            assertThat(c.pciAddress()).matches("[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
            assertThat(c.socketId()).isNotNegative();
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0000:81:00.0,pci", "10000:01:00.0,vmd", "5d0505:03:00.0,vmd"})
    void vmdDomainsAreWiderThanFourDigits(String address, String type) {
        assertThat(SysfsNvmeScanner.deviceType(address)).isEqualTo(type);
    }
}
