package dev.dockmaster.core.plugin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The one mechanism through which the core hands a plugin's object to anyone else (the core itself or another
 * plugin's module): a proxy of the SPI interface that runs every call with the owning plugin's class loader as the
 * thread context class loader, and rethrows exactly what the plugin threw.
 */
public final class PluginProxies {
    private PluginProxies() {
    }

    public static <T> T withContextLoader(Class<T> spiInterface, T delegate, ClassLoader loader) {
        if (!spiInterface.isInterface()) {
            throw new IllegalArgumentException(spiInterface + " is not an interface");
        }
        InvocationHandler handler = new ContextLoaderHandler(delegate, loader);
        return spiInterface.cast(Proxy.newProxyInstance(spiInterface.getClassLoader(),
                new Class<?>[] {spiInterface}, handler));
    }

    private record ContextLoaderHandler(Object delegate, ClassLoader loader) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "plugin proxy of " + delegate;
                };
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
