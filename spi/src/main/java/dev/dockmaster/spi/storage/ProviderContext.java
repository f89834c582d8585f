package dev.dockmaster.spi.storage;

import dev.dockmaster.spi.config.ConfigView;

/** What the core gives a provider factory. */
public interface ProviderContext {

    /** The id of the plugin that contributes the provider. */
    String pluginId();

    /** The plugin's configuration block, {@code plugin.<id>}, over the plugin's reference defaults. */
    ConfigView config();
}
