package dev.dockmaster.core.storage;

import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;

import java.util.List;
import java.util.Set;

/** Runs every call into a plugin's bdev provider with that plugin's class loader as the context loader. */
record ContextualBdevProvider(BdevProvider delegate, ClassLoader loader) implements BdevProvider {

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<String> storageClasses() {
        return ContextClassLoader.call(loader, delegate::storageClasses);
    }

    @Override
    public BdevScanResult scan(BdevScanRequest request) {
        return ContextClassLoader.call(loader, () -> delegate.scan(request));
    }

    @Override
    public List<DeviceResult> format(BdevFormatRequest request) {
        return ContextClassLoader.call(loader, () -> delegate.format(request));
    }

    @Override
    public void close() {
        ContextClassLoader.run(loader, () -> {
            try {
                delegate.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
