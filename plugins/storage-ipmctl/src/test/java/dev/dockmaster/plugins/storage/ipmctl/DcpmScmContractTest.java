package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanResult;
import dev.dockmaster.testing.storage.ScmProviderContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SCM contract against the dcpm provider with the real libipmctl (scan) and real mkfs.ext4 with DAOS's options
 * and mount (format). This host has no PMem, so the tier's device is a loop device over a sparse file, mounted
 * without {@code dax} (a loop device has no DAX); everything else is the product path.
 */
class DcpmScmContractTest extends ScmProviderContract {

    @TempDir
    Path dir;

    private LoopDevice loop;

    @BeforeEach
    void attachLoopDevice() throws Exception {
        loop = LoopDevice.attach(dir.resolve("pmem.img"), 256L << 20);
    }

    @AfterEach
    void cleanUp() throws Exception {
        LoopDevice.unmountAllUnder(dir);
        loop.close();
    }

    @Override
    protected ScmProvider newProvider() {
        return provider(List.of());
    }

    private static DcpmScmProvider provider(List<String> commandPrefix) {
        return new DcpmScmProvider(new Ipmctl(IpmctlBindingTest.REFERENCE_LIBRARIES), new Ndctl("ndctl", List.of()),
                "nodelalloc", commandPrefix);
    }

    @Override
    protected ScmFormatRequest unformattedTier() {
        return new ScmFormatRequest(0, "dcpm", dir.resolve("daos0").toString(), List.of(loop.path()), 0, false);
    }

    @Override
    protected ScmFormatRequest badDevice() {
        return new ScmFormatRequest(0, "dcpm", dir.resolve("daos0").toString(), List.of("/dev/dockmaster-no-pmem"),
                0, false);
    }

    /** mkfs.ext4 run as nobody cannot open the device. */
    @Override
    protected Refusal notPermitted() {
        return new Refusal(provider(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")),
                unformattedTier());
    }

    @Override
    protected void checkScan(ScmScanResult result) {
        assertThat(result.modules()).isEmpty();
        assertThat(result.namespaces()).isEmpty();
    }
}
