package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.BdevProviderFactory;

import java.util.List;

/** The {@code storage-nvme} plugin: DAOS's bdev class {@code nvme}. */
public final class StorageNvmePlugin implements DockmasterPlugin {

    @Override
    public List<BdevProviderFactory> bdevProviders() {
        return List.of(new NvmeBdevProviderFactory());
    }
}
