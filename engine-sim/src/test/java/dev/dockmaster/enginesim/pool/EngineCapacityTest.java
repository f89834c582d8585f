package dev.dockmaster.enginesim.pool;

import dev.dockmaster.core.config.StorageClass;
import dev.dockmaster.core.config.StorageTier;
import dev.dockmaster.core.engine.NvmeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capacity as the engine reads it: statvfs of the SCM mount, and the bdevs of the daos_nvme.conf the core writes
 * (files by their length; block devices and PCI controllers through a sysfs tree, here a fake one).
 */
class EngineCapacityTest {
    @TempDir
    Path dir;

    private Path scm() throws Exception {
        return Files.createDirectories(dir.resolve("scm"));
    }

    private static StorageTier tier(int index, StorageClass cls, String... devices) {
        return new StorageTier(index, cls, "", List.of(), 0, false, List.of(devices), cls == StorageClass.FILE ? 1 : 0,
                0, "", Set.of());
    }

    private Path sparse(String name, long bytes) throws Exception {
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return f;
    }

    @Test
    void scmIsTheMountsFilesystemSizeAndNoConfigMeansNoNvme() throws Exception {
        Path scm = scm();
        EngineCapacity.Tiers t = new EngineCapacity(scm, scm.resolve(NvmeConfig.FILE_NAME), dir).measure();
        assertThat(t.scm()).isEqualTo(Files.getFileStore(scm).getTotalSpace()).isPositive();
        assertThat(t.nvme()).isZero();
        assertThat(t.problems()).isEmpty();
    }

    @Test
    void fileBdevsOfEveryTierAddUp() throws Exception {
        Path scm = scm();
        Path a = sparse("a", 3L << 30);
        Path b = sparse("b", 5L << 20);
        Path c = sparse("c", 7L << 20);
        NvmeConfig.write(scm, "node", List.of(tier(1, StorageClass.FILE, a.toString(), b.toString()),
                tier(2, StorageClass.FILE, c.toString())), true);
        EngineCapacity.Tiers t = new EngineCapacity(scm, scm.resolve(NvmeConfig.FILE_NAME), dir).measure();
        assertThat(t.nvme()).isEqualTo((3L << 30) + (5L << 20) + (7L << 20));
        assertThat(t.problems()).isEmpty();
    }

    @Test
    void aMissingBdevFileCountsAsNothingAndIsReported() throws Exception {
        Path scm = scm();
        Path a = sparse("a", 1L << 20);
        NvmeConfig.write(scm, "node", List.of(tier(1, StorageClass.FILE, a.toString(),
                dir.resolve("gone").toString())), false);
        EngineCapacity.Tiers t = new EngineCapacity(scm, scm.resolve(NvmeConfig.FILE_NAME), dir).measure();
        assertThat(t.nvme()).isEqualTo(1L << 20);
        assertThat(t.problems()).singleElement().asString().contains("gone").contains("does not exist");
    }

    @Test
    void pciControllersAreSizedFromTheirNamespacesInSysfs() throws Exception {
        Path scm = scm();
        Path sysfs = dir.resolve("sys");
        Path ctrl = Files.createDirectories(sysfs.resolve("bus/pci/devices/0000:81:00.0/nvme/nvme3"));
        Files.createDirectories(ctrl.resolve("nvme3n1"));
        Files.createDirectories(ctrl.resolve("nvme3n2"));
        Files.writeString(ctrl.resolve("nvme3n1/size"), "2048\n");
        Files.writeString(ctrl.resolve("nvme3n2/size"), "4096\n");
        NvmeConfig.write(scm, "node", List.of(tier(1, StorageClass.NVME, "0000:81:00.0", "0000:82:00.0")), false);
        EngineCapacity.Tiers t = new EngineCapacity(scm, scm.resolve(NvmeConfig.FILE_NAME), sysfs).measure();
        assertThat(t.nvme()).isEqualTo((2048 + 4096) * 512L);
        assertThat(t.problems()).singleElement().asString().contains("0000:82:00.0");
    }
}
