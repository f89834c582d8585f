package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ProviderContext;

/** Creates the {@code mock} bdev provider from the {@code nvme} block of the plugin's configuration. */
public final class MockBdevProviderFactory implements BdevProviderFactory {

    public static final String NAME = "mock";

    @Override
    public String name() {
        return NAME;
    }

    /** Reads and checks the whole inventory now, so a bad value stops the server at start with a fault. */
    @Override
    public BdevProvider create(ProviderContext context) {
        ConfigReader root = new ConfigReader(context.config(), "plugin." + context.pluginId());
        return new MockBdevProvider(MockBdevConfig.read(root.block("nvme")));
    }
}
