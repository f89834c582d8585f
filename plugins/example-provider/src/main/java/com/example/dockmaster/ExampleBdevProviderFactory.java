package com.example.dockmaster;

import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ProviderContext;

/**
 * Creates the provider. The core calls {@link #create} once at start and owns what it returns (it closes it at
 * shutdown).
 */
public final class ExampleBdevProviderFactory implements BdevProviderFactory {

    /** The name an admin selects this provider by. */
    @Override
    public String name() {
        return "example";
    }

    @Override
    public BdevProvider create(ProviderContext context) {
        // context.config() is the plugin.example-provider block of the server configuration, laid over this
        // plugin's reference.conf, so "model" always has a value. A missing or mistyped key would throw a Fault
        // naming it: read settings here, at start, so mistakes stop the server before any request arrives.
        return new ExampleBdevProvider(context.config().getString("model"));
    }
}
