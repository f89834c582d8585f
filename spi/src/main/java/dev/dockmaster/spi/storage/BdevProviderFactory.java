package dev.dockmaster.spi.storage;

/** Creates a {@link BdevProvider}; the core owns the provider's lifecycle. */
public interface BdevProviderFactory {

    /** A stable name such as {@code spdk}, {@code file}, {@code mock}. */
    String name();

    BdevProvider create(ProviderContext context);
}
