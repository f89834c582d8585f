package dev.dockmaster.core.storage;

import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.plugin.PluginConfigs;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The storage providers of a configuration without a server: the plugins the configuration enables, their
 * configuration blocks, and the providers they create. For the local commands an admin runs on a host
 * ({@code daos_server scm scan}, {@code nvme scan}); no port is opened and no module is created.
 */
public final class LocalProviders implements AutoCloseable {
    private final PluginRegistry plugins;
    private final StorageRegistry storage;

    private LocalProviders(PluginRegistry plugins, StorageRegistry storage) {
        this.plugins = plugins;
        this.storage = storage;
    }

    /**
     * @param home the installation directory, against which a relative {@code plugins.dir} resolves
     * @param version the server's version, for plugin requirement checks
     */
    public static LocalProviders open(ServerConfig config, Optional<Path> home, String version)
            throws InvalidConfigException {
        PluginSelection selection = PluginSelection.of(config.plugins().enabled(), config.plugins().disabled(),
                config.plugins().mandatory());
        Path dir = home.orElse(Path.of("")).resolve(config.plugins().dir()).toAbsolutePath().normalize();
        PluginRegistry plugins = PluginRegistry.load(Optional.of(dir), version, selection);
        try {
            PluginConfigs configs = PluginConfigs.resolve(config, plugins);
            return new LocalProviders(plugins, StorageRegistry.create(plugins, configs, selection.mandatory()));
        } catch (InvalidConfigException | RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    public StorageRegistry storage() {
        return storage;
    }

    @Override
    public void close() {
        storage.close();
        plugins.close();
    }
}
