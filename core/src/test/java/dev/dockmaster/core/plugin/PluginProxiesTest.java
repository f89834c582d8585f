package dev.dockmaster.core.plugin;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginProxiesTest {
    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);

    @Test
    void callsRunWithThePluginsContextLoaderAndRestoreTheCallers() {
        Supplier<ClassLoader> seen = () -> Thread.currentThread().getContextClassLoader();
        @SuppressWarnings("unchecked")
        Supplier<ClassLoader> proxy = PluginProxies.withContextLoader(Supplier.class, seen, pluginLoader);
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        assertThat(proxy.get()).isSameAs(pluginLoader);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void whatThePluginThrowsArrivesUnwrapped() {
        Fault fault = new Fault("storage", 101, "already formatted", "use --force");
        Supplier<String> failing = () -> {
            throw fault;
        };
        @SuppressWarnings("unchecked")
        Supplier<String> proxy = PluginProxies.withContextLoader(Supplier.class, failing, pluginLoader);

        assertThatThrownBy(proxy::get).isSameAs(fault);
    }

    @Test
    void onlyInterfacesCanBeProxied() {
        assertThatThrownBy(() -> PluginProxies.withContextLoader(Object.class, new Object(), pluginLoader))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
