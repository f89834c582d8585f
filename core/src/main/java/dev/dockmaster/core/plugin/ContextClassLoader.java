package dev.dockmaster.core.plugin;

import java.util.function.Supplier;

/**
 * Runs code with a given thread context class loader. Every call from the core into a plugin goes through here, so
 * libraries inside the plugin that look up resources or services through the context loader (ServiceLoader, JAXB,
 * Ratis...) find the plugin's copies rather than the core's.
 */
public final class ContextClassLoader {
    private ContextClassLoader() {
    }

    public static <T> T call(ClassLoader loader, Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == loader) {
            return body.get();
        }
        thread.setContextClassLoader(loader);
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static void run(ClassLoader loader, Runnable body) {
        call(loader, () -> {
            body.run();
            return null;
        });
    }
}
