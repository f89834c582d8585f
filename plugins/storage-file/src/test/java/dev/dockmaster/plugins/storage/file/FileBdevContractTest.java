package dev.dockmaster.plugins.storage.file;

import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.testing.storage.BdevProviderContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bdev contract against real files in a temporary directory. */
class FileBdevContractTest extends BdevProviderContract {

    @TempDir
    Path dir;

    @Override
    protected BdevProvider newProvider() {
        return new FileBdevProvider(Path.of("/sys"));
    }

    @Override
    protected BdevFormatRequest unformattedDevices() {
        return new BdevFormatRequest(0, 1, "file",
                List.of(dir.resolve("daos-bdev0").toString(), dir.resolve("daos-bdev1").toString()), 8L << 20, false);
    }

    @Override
    protected String badDevice() {
        return dir.resolve("no-such-dir/daos-bdev").toString();
    }

    /** sysfs refuses new files even to root (EACCES). */
    @Override
    protected Refusal notPermitted() {
        return new Refusal(newProvider(),
                new BdevFormatRequest(0, 1, "file", List.of("/sys/dockmaster-bdev"), 8L << 20, false));
    }

    /** Emulated devices are only reported when named. */
    @Override
    protected void checkScan(BdevScanResult result) {
        assertThat(result.controllers()).isEmpty();
    }
}
