package dev.dockmaster.spi.storage;

/** Creates an {@link ScmProvider}; the core owns the provider's lifecycle. */
public interface ScmProviderFactory {

    /** A stable name such as {@code ipmctl}, {@code ram}, {@code mock}. */
    String name();

    ScmProvider create(ProviderContext context);
}
