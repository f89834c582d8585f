package dev.dockmaster.core.drpc;

import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginConfigs;
import dev.dockmaster.core.plugin.PluginProxies;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.drpc.DrpcTransport;
import dev.dockmaster.spi.drpc.DrpcTransportFactory;
import dev.dockmaster.spi.storage.ProviderContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the dRPC transport: the one factory among the started plugins. None means the server runs without a dRPC
 * listener (it can then reach no engine); two are a fault, since engines and server must agree on one.
 */
public final class DrpcTransports {
    private static final Logger LOG = LoggerFactory.getLogger(DrpcTransports.class);

    private DrpcTransports() {
    }

    public static Optional<DrpcTransport> create(PluginRegistry plugins, PluginConfigs configs) {
        List<LoadedPlugin> owners = new ArrayList<>();
        List<DrpcTransportFactory> factories = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.started()) {
            for (DrpcTransportFactory factory : ContextClassLoader.call(plugin.classLoader(),
                    () -> plugin.plugin().drpcTransports())) {
                owners.add(plugin);
                factories.add(factory);
            }
        }
        if (factories.isEmpty()) {
            LOG.warn("no dRPC transport plugin is enabled: no dRPC listener, engines cannot be reached");
            return Optional.empty();
        }
        if (factories.size() > 1) {
            throw DrpcFaults.severalTransports(describe(owners.get(0), factories.get(0)),
                    describe(owners.get(1), factories.get(1)));
        }
        LoadedPlugin plugin = owners.get(0);
        DrpcTransportFactory factory = factories.get(0);
        ProviderContext context = new TransportContext(plugin.id(), configs.of(plugin.id()));
        DrpcTransport transport = ContextClassLoader.call(plugin.classLoader(), () -> factory.create(context));
        LOG.info("dRPC transport {} from plugin {}", factory.name(), plugin.id());
        return Optional.of(PluginProxies.withContextLoader(DrpcTransport.class, transport, plugin.classLoader()));
    }

    private static String describe(LoadedPlugin plugin, DrpcTransportFactory factory) {
        return factory.name() + " (plugin " + plugin.id() + ")";
    }

    private record TransportContext(String pluginId, ConfigView config) implements ProviderContext {
    }
}
