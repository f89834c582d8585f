package com.example.dockmaster;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.BdevProviderFactory;

import java.util.List;

/**
 * The plugin's entry point. Dockmaster finds it through
 * {@code META-INF/services/dev.dockmaster.spi.DockmasterPlugin}, a one-line file naming this class.
 *
 * <p>A plugin only hands out factories and overrides only the capabilities it has (here: one block-device provider);
 * every other method of {@link DockmasterPlugin} defaults to "nothing".
 */
public final class ExamplePlugin implements DockmasterPlugin {

    @Override
    public List<BdevProviderFactory> bdevProviders() {
        return List.of(new ExampleBdevProviderFactory());
    }
}
