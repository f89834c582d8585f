package dev.dockmaster.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code daos_server scm scan} and {@code nvme scan}: the shipped plugins' providers called directly, no server. */
class LocalScanIT {

    @TempDir
    Path work;

    @Test
    void scmScanPrintsTheMockNamespaces() {
        ProcessResult result = Commands.run(work, "daos_server", "scm", "scan", "-o",
                Distribution.home().resolve("conf/daos_server.yml").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("SCM Namespace Socket Capacity")
                .contains("pmem0", "pmem1", "1.1 TB");
    }

    @Test
    void nvmeScanPrintsTheMockControllers() {
        ProcessResult result = Commands.run(work, "daos_server", "nvme", "scan", "-o",
                Distribution.home().resolve("conf/daos_server.yml").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("NVMe PCI")
                .contains("0000:5e:00.0", "INTEL SSDPE2KE016T8", "VDV10170", "1.6 TB");
    }

    @Test
    void aBadPluginBlockIsAClearConfigErrorAndExitOne() throws IOException {
        Path config = Files.writeString(work.resolve("daos_server.yml"), """
                transport_config:
                  allow_insecure: true
                plugin:
                  storage-mock:
                    nvme:
                      controller: []
                """);

        ProcessResult result = Commands.run(work, "daos_server", "nvme", "scan", "-o", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("daos_server.yml:6", "plugin.storage-mock.nvme.controller",
                "unknown key", "code 701");
    }
}
