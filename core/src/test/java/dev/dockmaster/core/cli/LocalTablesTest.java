package dev.dockmaster.core.cli;

import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeNamespace;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTablesTest {

    @Test
    void scmModulesSortedByPhysicalIdWithBinaryCapacities() {
        String text = LocalTables.scmModules(List.of(
                new ScmModule(1, 0, 1, 0, 33, 539754807296L, "b", "", "", "Healthy"),
                new ScmModule(0, 0, 0, 0, 17, 539754807296L, "a", "", "", "Healthy")));

        assertThat(text).isEqualTo("""
                SCM Module Socket Memory Ctrlr Channel Channel Slot Capacity \n\
                ---------- ------ ------------ ------- ------------ -------- \n\
                17         0      0            0       0            503 GiB  \n\
                33         0      1            1       0            503 GiB  \n""");
    }

    @Test
    void namespacesAndControllers() {
        assertThat(LocalTables.scmNamespaces(List.of(new ScmNamespace("u", "pmem1", "", 1, 1065151889408L,
                Optional.empty())))).contains("pmem1         1      1.1 TB");
        assertThat(LocalTables.nvmeControllers(List.of(new NvmeController("M", "S", "0000:5e:00.0", "F1", 0, "",
                "", List.of(new NvmeNamespace(1, 1600321314816L)), Optional.empty()))))
                .startsWith("NVMe PCI     Model FW Revision Socket ID Capacity \n")
                .contains("0000:5e:00.0 M     F1          0         1.6 TB");
    }

    @Test
    void nothingFoundSaysSo() {
        assertThat(LocalTables.scmModules(List.of())).isEqualTo("\tNo SCM modules found\n");
        assertThat(LocalTables.nvmeControllers(List.of())).isEqualTo("\tNo NVMe devices found\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0 B, 0 B", "9, 9 B, 9 B", "1000, 1.0 kB, 1000 B", "1024, 1.0 kB, 1.0 KiB",
            "1600321314816, 1.6 TB, 1.5 TiB", "4294967296, 4.3 GB, 4.0 GiB"})
    void capacitiesAsGoHumanizePrintsThem(long bytes, String si, String iec) {
        assertThat(LocalTables.si(bytes)).isEqualTo(si);
        assertThat(LocalTables.iec(bytes)).isEqualTo(iec);
    }
}
