package dev.dockmaster.core.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A plugin's class loader. It asks the core's loader only for {@link SharedPackages shared packages}; every other
 * class comes from the JDK or from the plugin's own jars, never from the core's class path. Resources follow the same
 * rule, so {@code ServiceLoader} run on this loader finds the plugin's own service files and not the core's.
 */
final class IsolatingPluginClassLoader extends PluginClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final ClassLoader core;

    IsolatingPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader core) {
        super(manager, descriptor, core, ClassLoadingStrategy.APD);
        this.core = core;
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        return loadClass(name, false);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (SharedPackages.isShared(name)) {
            return core.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = fromPlatformOrOwn(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> fromPlatformOrOwn(String name) throws ClassNotFoundException {
        try {
            return platform.loadClass(name);
        } catch (ClassNotFoundException notPlatform) {
            return findClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        if (SharedPackages.isSharedResource(name)) {
            return core.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : platform.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (SharedPackages.isSharedResource(name)) {
            return core.getResources(name);
        }
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(platform.getResources(name)));
        return Collections.enumeration(urls);
    }
}
