package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ProviderContext;

import java.nio.file.Path;

/** Creates the {@code nvme} bdev provider. SPDK is not loaded here: only a format needs it. */
public final class NvmeBdevProviderFactory implements BdevProviderFactory {

    public static final String NAME = "nvme";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BdevProvider create(ProviderContext context) {
        return new NvmeBdevProvider(new SysfsNvmeScanner(Path.of(context.config().getString("sysfs"))),
                new SpdkLoader(context.config().getStringList("spdk_libraries")));
    }
}
