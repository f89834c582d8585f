package dev.dockmaster.plugins.storage.file;

import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ProviderContext;

import java.nio.file.Path;

/** Creates the {@code file} bdev provider (classes {@code file} and {@code kdev}). */
public final class FileBdevProviderFactory implements BdevProviderFactory {

    public static final String NAME = "file";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BdevProvider create(ProviderContext context) {
        return new FileBdevProvider(Path.of("/sys"));
    }
}
