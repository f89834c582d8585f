package dev.dockmaster.spi.drpc;

import dev.dockmaster.spi.storage.ProviderContext;

/** Creates a {@link DrpcTransport}. */
public interface DrpcTransportFactory {

    /** A stable name such as {@code seqpacket}. */
    String name();

    DrpcTransport create(ProviderContext context);
}
