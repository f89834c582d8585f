package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanResult;
import dev.dockmaster.testing.storage.ScmProviderContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SCM contract against real tmpfs mounts (as root, as CI runs). Every mount is made under a temporary
 * directory and unmounted after each test.
 */
class RamScmContractTest extends ScmProviderContract {

    static final long SIZE = 64L << 20;
    static final TmpfsOptions OPTIONS = new TmpfsOptions("never", "0755");

    @TempDir
    Path dir;

    @AfterEach
    void unmount() {
        Tmpfs.unmountAllUnder(dir);
    }

    @Override
    protected ScmProvider newProvider() {
        return new RamScmProvider(OPTIONS, HostFacts.LOCAL, List.of());
    }

    @Override
    protected ScmFormatRequest unformattedTier() {
        return new ScmFormatRequest(0, "ram", dir.resolve("daos0").toString(), List.of(), SIZE, false);
    }

    /** A mount point below a regular file cannot be created. */
    @Override
    protected ScmFormatRequest badDevice() {
        try {
            java.nio.file.Files.writeString(dir.resolve("plain-file"), "not a directory");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ScmFormatRequest(0, "ram", dir.resolve("plain-file/daos0").toString(), List.of(), SIZE, false);
    }

    /** The real mount(8), run as nobody: the kernel refuses it. */
    @Override
    protected Refusal notPermitted() {
        return new Refusal(new RamScmProvider(OPTIONS, HostFacts.LOCAL,
                List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")), unformattedTier());
    }

    @Override
    protected void checkScan(ScmScanResult result) {
        assertThat(result.modules()).isEmpty();
        assertThat(result.namespaces()).isEmpty();
    }
}
