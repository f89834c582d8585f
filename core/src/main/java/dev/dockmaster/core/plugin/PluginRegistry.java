package dev.dockmaster.core.plugin;

import dev.dockmaster.core.ServerFaults;
import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.Fault;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds, loads and starts every plugin, and reports what became of each.
 *
 * <p>Two sources: built-in plugins on the server's own class or module path (found with {@link ServiceLoader}), and
 * plugins in the installation's {@code plugins/} directory (loaded by pf4j, each in its own
 * {@link IsolatingPluginClassLoader}). In both cases the entry point is a {@link DockmasterPlugin} service. A plugin
 * that fails to load is recorded as {@link PluginStatus#FAILED} with the reason and the server goes on without it,
 * unless the admin marked it mandatory.
 */
public final class PluginRegistry implements AutoCloseable {

    static final String SERVICE_FILE = "META-INF/services/" + DockmasterPlugin.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<String, LoadedPlugin> plugins;
    private final DirectoryPluginManager pf4j;

    private PluginRegistry(Map<String, LoadedPlugin> plugins, DirectoryPluginManager pf4j) {
        this.plugins = plugins;
        this.pf4j = pf4j;
    }

    /**
     * Loads every plugin.
     *
     * @param pluginsDir the plugins directory; may be absent (then only built-in plugins exist)
     * @param systemVersion this server's version, checked against each plugin's {@code plugin.requires}
     * @param selection the admin's choice of plugins
     * @throws Fault when a mandatory plugin is missing, disabled or failed
     */
    public static PluginRegistry load(Optional<Path> pluginsDir, String systemVersion, PluginSelection selection) {
        Map<String, LoadedPlugin> found = new LinkedHashMap<>();
        for (LoadedPlugin builtin : findBuiltins(selection, systemVersion)) {
            found.put(builtin.id(), builtin);
        }
        DirectoryPluginManager pf4j = null;
        if (pluginsDir.isPresent() && Files.isDirectory(pluginsDir.get())) {
            pf4j = new DirectoryPluginManager(pluginsDir.get(), systemVersion, selection::isEnabled);
            for (LoadedPlugin external : loadDirectory(pf4j, found)) {
                found.putIfAbsent(external.id(), external);
            }
        } else if (pluginsDir.isPresent()) {
            LOG.warn("plugins directory {} does not exist: only built-in plugins are available", pluginsDir.get());
        }
        PluginRegistry registry = new PluginRegistry(new LinkedHashMap<>(found), pf4j);
        registry.logBanner();
        try {
            registry.checkMandatory(selection);
        } catch (Fault fault) {
            registry.close();
            throw fault;
        }
        return registry;
    }

    /** Every plugin found, in load order: built-in ones first, then the plugins directory's in name order. */
    public synchronized List<LoadedPlugin> all() {
        return List.copyOf(plugins.values());
    }

    public synchronized List<LoadedPlugin> started() {
        return plugins.values().stream().filter(p -> p.status() == PluginStatus.STARTED).toList();
    }

    /** Records that a started plugin failed later, for instance because its module could not be created. */
    public synchronized void markFailed(String pluginId, String why) {
        plugins.computeIfPresent(pluginId, (id, plugin) -> plugin.failed(why));
        LOG.error("plugin {} FAILED: {}", pluginId, why);
    }

    private static List<LoadedPlugin> findBuiltins(PluginSelection selection, String systemVersion) {
        List<LoadedPlugin> result = new ArrayList<>();
        ClassLoader core = PluginRegistry.class.getClassLoader();
        ServiceLoader<DockmasterPlugin> loader = ServiceLoader.load(DockmasterPlugin.class, core);
        var iterator = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<DockmasterPlugin> provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                result.add(new LoadedPlugin("unknown-builtin-" + result.size(), "", "", null, true,
                        PluginStatus.FAILED, "cannot load a built-in plugin: " + e.getMessage(), core, null));
                continue;
            }
            Class<? extends DockmasterPlugin> type = provider.type();
            Path location = codeSource(type);
            Properties descriptor = builtinDescriptor(type, location);
            String id = descriptor.getProperty("plugin.id", type.getName());
            String version = descriptor.getProperty("plugin.version", systemVersion);
            String description = descriptor.getProperty("plugin.description", "");
            if (!selection.isEnabled(id)) {
                result.add(new LoadedPlugin(id, version, description, location, true, PluginStatus.DISABLED, "",
                        core, null));
                continue;
            }
            try {
                DockmasterPlugin plugin = provider.get();
                result.add(new LoadedPlugin(id, version, description, location, true, PluginStatus.STARTED, "",
                        core, plugin));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                result.add(new LoadedPlugin(id, version, description, location, true, PluginStatus.FAILED,
                        "cannot create " + type.getName() + ": " + describe(e), core, null));
            }
        }
        return result;
    }

    private static List<LoadedPlugin> loadDirectory(DirectoryPluginManager pf4j, Map<String, LoadedPlugin> builtins) {
        List<LoadedPlugin> result = new ArrayList<>();
        List<Path> paths;
        try {
            paths = new ArrayList<>(pf4j.pluginPaths());
        } catch (RuntimeException e) {
            LOG.error("cannot list the plugins directory {}: {}", pf4j.getPluginsRoot(), describe(e));
            return result;
        }
        Collections.sort(paths);
        for (Path path : paths) {
            String pluginId;
            try {
                pluginId = pf4j.loadPlugin(path);
            } catch (RuntimeException | LinkageError e) {
                String name = path.getFileName().toString();
                result.add(new LoadedPlugin(name, "", "", path, false, PluginStatus.FAILED,
                        "cannot load plugin from " + path + ": " + describe(e)
                                + " (a plugin is a directory or zip with plugin.properties and lib/*.jar, or a jar"
                                + " whose manifest has Plugin-Id and Plugin-Version)", null, null));
                continue;
            }
            PluginWrapper wrapper = pf4j.getPlugin(pluginId);
            result.add(startOne(pf4j, wrapper, builtins));
        }
        return result;
    }

    private static LoadedPlugin startOne(DirectoryPluginManager pf4j, PluginWrapper wrapper,
                                         Map<String, LoadedPlugin> builtins) {
        PluginDescriptor d = wrapper.getDescriptor();
        ClassLoader loader = wrapper.getPluginClassLoader();
        LoadedPlugin base = new LoadedPlugin(d.getPluginId(), d.getVersion(), d.getPluginDescription(),
                wrapper.getPluginPath(), false, PluginStatus.STARTED, "", loader, null);
        if (builtins.containsKey(d.getPluginId())) {
            pf4j.unloadPlugin(d.getPluginId());
            return base.failed("a built-in plugin has the same id; remove " + wrapper.getPluginPath()
                    + " or give it another plugin.id");
        }
        if (!pf4j.acceptsSystemVersion(d)) {
            pf4j.unloadPlugin(d.getPluginId());
            return base.failed("requires server version " + d.getRequires() + " but this server is "
                    + pf4j.getSystemVersion() + "; install a build of the plugin for this server");
        }
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            return new LoadedPlugin(base.id(), base.version(), base.description(), base.location(), false,
                    PluginStatus.DISABLED, "", loader, null);
        }
        PluginState state = pf4j.startPlugin(d.getPluginId());
        if (state != PluginState.STARTED) {
            Throwable why = wrapper.getFailedException();
            return base.failed("pf4j could not start it (state " + state + ")"
                    + (why == null ? "" : ": " + describe(why)));
        }
        try {
            DockmasterPlugin entry = ContextClassLoader.call(loader, () -> findEntryPoint(loader, wrapper));
            return new LoadedPlugin(base.id(), base.version(), base.description(), base.location(), false,
                    PluginStatus.STARTED, "", loader, entry);
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            pf4j.stopPlugin(d.getPluginId());
            return base.failed(describe(e));
        }
    }

    private static DockmasterPlugin findEntryPoint(ClassLoader loader, PluginWrapper wrapper) {
        List<DockmasterPlugin> entries = new ArrayList<>();
        for (DockmasterPlugin plugin : ServiceLoader.load(DockmasterPlugin.class, loader)) {
            if (plugin.getClass().getClassLoader() == loader) {
                entries.add(plugin);
            }
        }
        if (entries.size() != 1) {
            throw new IllegalStateException("expected exactly one " + DockmasterPlugin.class.getName()
                    + " service in plugin " + wrapper.getPluginId() + ", found " + entries.size()
                    + " (list the plugin class in " + SERVICE_FILE + " of the plugin jar)");
        }
        return entries.get(0);
    }

    private void checkMandatory(PluginSelection selection) {
        for (String id : selection.mandatory()) {
            LoadedPlugin plugin = plugins.get(id);
            if (plugin == null) {
                throw ServerFaults.mandatoryPlugin(id, "it was not found in the plugins directory or class path");
            }
            if (plugin.status() != PluginStatus.STARTED) {
                throw ServerFaults.mandatoryPlugin(id, plugin.status() == PluginStatus.DISABLED
                        ? "it is disabled in the configuration" : plugin.error());
            }
        }
    }

    private void logBanner() {
        for (LoadedPlugin plugin : plugins.values()) {
            switch (plugin.status()) {
                case STARTED -> LOG.info("plugin {} {} started ({})", plugin.id(), plugin.version(),
                        plugin.builtin() ? "built-in" : plugin.location());
                case DISABLED -> LOG.info("plugin {} {} disabled by configuration", plugin.id(), plugin.version());
                case FAILED -> LOG.error("plugin {} FAILED: {}", plugin.id(), plugin.error());
            }
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            URL url = type.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(url.toURI());
        } catch (Exception e) {
            return null;
        }
    }

    /** The plugin.properties packaged next to a built-in plugin's classes (same jar or directory). */
    private static Properties builtinDescriptor(Class<?> type, Path location) {
        Properties properties = new Properties();
        if (location == null) {
            return properties;
        }
        URI uri = location.toUri();
        try (URLClassLoader only = new URLClassLoader(new URL[] {uri.toURL()}, null)) {
            URL descriptor = only.findResource("plugin.properties");
            if (descriptor != null) {
                try (InputStream in = descriptor.openStream()) {
                    properties.load(in);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read plugin.properties of built-in plugin {}: {}", type.getName(), e.getMessage());
        }
        return properties;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (caused by ").append(describe(cause)).append(')');
        }
        return text.toString();
    }

    /** Stops pf4j plugins one at a time, newest first (pf4j's stopPlugins() fails with three or more). */
    @Override
    public void close() {
        if (pf4j == null) {
            return;
        }
        List<PluginWrapper> startedPlugins = new ArrayList<>(pf4j.getStartedPlugins());
        Collections.reverse(startedPlugins);
        for (PluginWrapper wrapper : startedPlugins) {
            try {
                pf4j.stopPlugin(wrapper.getPluginId());
            } catch (RuntimeException e) {
                LOG.warn("cannot stop plugin {}: {}", wrapper.getPluginId(), describe(e));
            }
        }
        for (PluginWrapper wrapper : new ArrayList<>(pf4j.getPlugins())) {
            try {
                pf4j.unloadPlugin(wrapper.getPluginId());
            } catch (RuntimeException e) {
                LOG.warn("cannot unload plugin {}: {}", wrapper.getPluginId(), describe(e));
            }
        }
    }
}
