package dev.dockmaster.plugins.storage.file;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.BdevProviderFactory;

import java.util.List;

/** The {@code storage-file} plugin: DAOS's emulated NVMe bdev classes {@code file} and {@code kdev}. */
public final class StorageFilePlugin implements DockmasterPlugin {

    @Override
    public List<BdevProviderFactory> bdevProviders() {
        return List.of(new FileBdevProviderFactory());
    }
}
