package dev.dockmaster.core.plugin;

import org.pf4j.BasePluginLoader;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginClasspath;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginStatusProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * pf4j, set up the way Dockmaster needs it: plugins are directories (or zips pf4j expands into directories) with
 * {@code plugin.properties} and {@code lib/*.jar}, or single jars; each gets an {@link IsolatingPluginClassLoader};
 * which plugins are enabled comes from the server configuration (pf4j's own {@code disabled.txt} is never written);
 * and a plugin needs no pf4j {@code Plugin} class, since its entry point is a {@code DockmasterPlugin} service.
 */
final class DirectoryPluginManager extends DefaultPluginManager {

    // Assigned from createPluginStatusProvider(), which pf4j calls from its constructor: no field initializer here,
    // or it would overwrite the assignment.
    private ConfigStatusProvider statusProvider;

    DirectoryPluginManager(Path pluginsDir, String systemVersion, Predicate<String> enabled) {
        super(pluginsDir);
        statusProvider.use(enabled);
        setSystemVersion(systemVersion);
        setExactVersionAllowed(true);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        statusProvider = new ConfigStatusProvider();
        return statusProvider;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> new Plugin();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        ClassLoader core = DirectoryPluginManager.class.getClassLoader();
        return new CompoundPluginLoader()
                .add(new BasePluginLoader(this, new DefaultPluginClasspath()) {
                    @Override
                    public boolean isApplicable(Path path) {
                        return Files.isDirectory(path);
                    }

                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
                        return new IsolatingPluginClassLoader(pluginManager, descriptor, core);
                    }
                })
                .add(new JarPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
                        return new IsolatingPluginClassLoader(pluginManager, descriptor, core);
                    }
                });
    }

    /** The candidate plugin paths, zips already expanded into directories. */
    java.util.List<Path> pluginPaths() {
        return pluginRepository.getPluginPaths();
    }

    /** Whether the plugin's {@code plugin.requires} accepts this server's version. */
    boolean acceptsSystemVersion(PluginDescriptor descriptor) {
        String requires = descriptor.getRequires();
        return requires == null || requires.isBlank() || "*".equals(requires.trim())
                || versionManager.checkVersionConstraint(getSystemVersion(), requires);
    }

    /** Backed by the configuration instead of pf4j's enabled.txt/disabled.txt files. */
    private static final class ConfigStatusProvider implements PluginStatusProvider {
        private Predicate<String> enabled = id -> true;

        void use(Predicate<String> enabled) {
            this.enabled = enabled;
        }

        @Override
        public boolean isPluginDisabled(String pluginId) {
            return !enabled.test(pluginId);
        }

        @Override
        public void disablePlugin(String pluginId) {
            throw new UnsupportedOperationException("plugins are enabled and disabled in the server configuration");
        }

        @Override
        public void enablePlugin(String pluginId) {
            throw new UnsupportedOperationException("plugins are enabled and disabled in the server configuration");
        }
    }
}
