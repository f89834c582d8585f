package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.ScmProviderFactory;

import java.util.List;

/** The {@code storage-ram} plugin: DAOS's SCM class {@code ram}, a tmpfs standing in for persistent memory. */
public final class StorageRamPlugin implements DockmasterPlugin {

    @Override
    public List<ScmProviderFactory> scmProviders() {
        return List.of(new RamScmProviderFactory());
    }
}
