package dev.dockmaster.core.storage;

import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;

import java.util.Set;

/** Runs every call into a plugin's SCM provider with that plugin's class loader as the context loader. */
record ContextualScmProvider(ScmProvider delegate, ClassLoader loader) implements ScmProvider {

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<String> storageClasses() {
        return ContextClassLoader.call(loader, delegate::storageClasses);
    }

    @Override
    public ScmScanResult scan(ScmScanRequest request) {
        return ContextClassLoader.call(loader, () -> delegate.scan(request));
    }

    @Override
    public ScmFormatState formatState(ScmFormatRequest request) {
        return ContextClassLoader.call(loader, () -> delegate.formatState(request));
    }

    @Override
    public DeviceResult format(ScmFormatRequest request) {
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
