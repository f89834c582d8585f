package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ScmProviderFactory;

import java.util.List;

/**
 * The {@code storage-mock} plugin: SCM and bdev providers whose inventory and failures come from configuration
 * ({@code plugin.storage-mock}), in the spirit of DAOS's mock storage backends. For demos and tests of the core.
 */
public final class StorageMockPlugin implements DockmasterPlugin {

    @Override
    public List<ScmProviderFactory> scmProviders() {
        return List.of(new MockScmProviderFactory());
    }

    @Override
    public List<BdevProviderFactory> bdevProviders() {
        return List.of(new MockBdevProviderFactory());
    }
}
