package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dcpm format on a loop device, with the product's own mount options (dax, which a loop device refuses). */
class DcpmFormatTest {

    @TempDir
    Path dir;

    private LoopDevice loop;
    private DcpmScmProvider dcpm;

    @BeforeEach
    void setUp() throws Exception {
        loop = LoopDevice.attach(dir.resolve("pmem.img"), 256L << 20);
        dcpm = new DcpmScmProvider(new Ipmctl(IpmctlBindingTest.REFERENCE_LIBRARIES), new Ndctl("ndctl", List.of()),
                "dax,nodelalloc", List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        dcpm.close();
        LoopDevice.unmountAllUnder(dir);
        loop.close();
    }

    private ScmFormatRequest tier(boolean force) {
        return new ScmFormatRequest(0, "dcpm", dir.resolve("daos0").toString(), List.of(loop.path()), 0, force);
    }

    @Test
    void mkfsUsesDaosOptionsAndADaxMountFailureIsReportedNotHidden() throws Exception {
        DeviceResult result = dcpm.format(tier(false));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).startsWith("mount " + loop.path() + " failed (exit 32)");
        // The filesystem was made as DAOS makes it.
        assertThat(LoopDevice.run("blkid", "-p", "-o", "value", "-s", "LABEL", loop.path())).isEqualTo("daos");
        String superblock = LoopDevice.run("dumpe2fs", "-h", loop.path());
        assertThat(superblock).containsPattern("Reserved block count:\\s+0\\n")
                .containsPattern("Block size:\\s+4096\\n").containsPattern("Inode size:\\s+128\\n")
                .containsPattern("Flex block group size:\\s+128\\n");
        // Formatted but not mounted: the signature is enough to refuse a second format without force.
        ScmFormatState state = dcpm.formatState(tier(false));
        assertThat(state).isEqualTo(new ScmFormatState(false, true, "ext4 filesystem on " + loop.path()));
        assertThat(dcpm.format(tier(false))).isEqualTo(DeviceResult.skipped(dir.resolve("daos0").toString(),
                "already formatted (ext4 filesystem on " + loop.path() + ")"));
    }

    @Test
    void aTierNeedsExactlyOneDevice() {
        ScmFormatRequest two = new ScmFormatRequest(0, "dcpm", dir.resolve("daos0").toString(),
                List.of(loop.path(), "/dev/pmem1"), 0, false);

        assertThatThrownBy(() -> dcpm.format(two)).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(202);
            assertThat(f.resolution()).contains("exactly one");
        });
    }

    @Test
    void aDeviceMountedElsewhereIsNotFormatted() throws Exception {
        LoopDevice.run("mkfs.ext4", "-q", loop.path());
        Path other = dir.resolve("other");
        LoopDevice.run("mkdir", "-p", other.toString());
        LoopDevice.run("mount", loop.path(), other.toString());

        DeviceResult result = dcpm.format(tier(true));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).isEqualTo(loop.path() + " is already mounted at " + other
                + "; unmount it or fix scm_list");
    }
}
