package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.storage.ProviderContext;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmProviderFactory;

/** Creates the {@code mock} SCM provider from the {@code scm} block of the plugin's configuration. */
public final class MockScmProviderFactory implements ScmProviderFactory {

    public static final String NAME = "mock";

    @Override
    public String name() {
        return NAME;
    }

    /** Reads and checks the whole inventory now, so a bad value stops the server at start with a fault. */
    @Override
    public ScmProvider create(ProviderContext context) {
        ConfigReader root = new ConfigReader(context.config(), "plugin." + context.pluginId());
        return new MockScmProvider(MockScmConfig.read(root.block("scm")));
    }
}
