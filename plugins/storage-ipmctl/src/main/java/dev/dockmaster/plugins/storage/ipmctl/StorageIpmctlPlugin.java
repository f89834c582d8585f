package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.ScmProviderFactory;

import java.util.List;

/** The {@code storage-ipmctl} plugin: DAOS's SCM class {@code dcpm} on Intel Optane persistent memory. */
public final class StorageIpmctlPlugin implements DockmasterPlugin {

    @Override
    public List<ScmProviderFactory> scmProviders() {
        return List.of(new IpmctlScmProviderFactory());
    }
}
