package dev.dockmaster.core.storage;

import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginConfigs;
import dev.dockmaster.core.plugin.PluginProxies;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ProviderContext;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmProviderFactory;
import dev.dockmaster.spi.storage.StorageProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the storage providers of every started plugin and owns them until shutdown. Each provider is wrapped so
 * that calls into it, from the core or from another plugin's module, run with its own plugin's context class loader.
 * A provider that fails to be created takes its plugin to FAILED (unless the plugin is mandatory, which stops the
 * server); the others carry on.
 */
public final class StorageRegistry implements StorageProviders, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRegistry.class);

    private final List<ScmProvider> scm;
    private final List<BdevProvider> bdev;
    /** The plugin of each provider, for messages that must tell the admin which plugin to disable. */
    private final Map<Object, String> pluginIds;

    private StorageRegistry(List<ScmProvider> scm, List<BdevProvider> bdev, Map<Object, String> pluginIds) {
        this.scm = List.copyOf(scm);
        this.bdev = List.copyOf(bdev);
        this.pluginIds = pluginIds;
    }

    /** A provider as an admin can act on it: {@code <name> (plugin <id>)}. */
    public String describe(Object provider) {
        String name = provider instanceof ScmProvider p ? p.name()
                : provider instanceof BdevProvider p ? p.name() : String.valueOf(provider);
        String plugin = pluginIds.get(provider);
        return plugin == null ? name : name + " (plugin " + plugin + ")";
    }

    public static StorageRegistry create(PluginRegistry plugins, PluginConfigs configs, Set<String> mandatory) {
        List<ScmProvider> scm = new ArrayList<>();
        List<BdevProvider> bdev = new ArrayList<>();
        Map<Object, String> pluginIds = new IdentityHashMap<>();
        for (LoadedPlugin plugin : plugins.started()) {
            ClassLoader loader = plugin.classLoader();
            ProviderContext context = new PluginProviderContext(plugin.id(), configs.of(plugin.id()));
            List<ScmProvider> pluginScm = new ArrayList<>();
            List<BdevProvider> pluginBdev = new ArrayList<>();
            try {
                ContextClassLoader.run(loader, () -> {
                    for (ScmProviderFactory factory : plugin.plugin().scmProviders()) {
                        pluginScm.add(PluginProxies.withContextLoader(ScmProvider.class, factory.create(context),
                                loader));
                    }
                    for (BdevProviderFactory factory : plugin.plugin().bdevProviders()) {
                        pluginBdev.add(PluginProxies.withContextLoader(BdevProvider.class, factory.create(context),
                                loader));
                    }
                });
            } catch (RuntimeException | LinkageError e) {
                pluginScm.forEach(StorageRegistry::closeQuietly);
                pluginBdev.forEach(StorageRegistry::closeQuietly);
                if (mandatory.contains(plugin.id())) {
                    throw e;
                }
                plugins.markFailed(plugin.id(), "cannot create its storage providers: " + e);
                continue;
            }
            pluginScm.forEach(p -> LOG.info("SCM provider {} from plugin {}", p.name(), plugin.id()));
            pluginBdev.forEach(p -> LOG.info("bdev provider {} from plugin {}", p.name(), plugin.id()));
            scm.addAll(pluginScm);
            bdev.addAll(pluginBdev);
            pluginScm.forEach(p -> pluginIds.put(p, plugin.id()));
            pluginBdev.forEach(p -> pluginIds.put(p, plugin.id()));
        }
        return new StorageRegistry(scm, bdev, pluginIds);
    }

    @Override
    public List<ScmProvider> scm() {
        return scm;
    }

    @Override
    public List<BdevProvider> bdev() {
        return bdev;
    }

    @Override
    public void close() {
        scm.forEach(StorageRegistry::closeQuietly);
        bdev.forEach(StorageRegistry::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable provider) {
        try {
            provider.close();
        } catch (Exception e) {
            LOG.warn("error closing storage provider: {}", e.toString());
        }
    }

    private record PluginProviderContext(String pluginId, ConfigView config) implements ProviderContext {
    }
}
