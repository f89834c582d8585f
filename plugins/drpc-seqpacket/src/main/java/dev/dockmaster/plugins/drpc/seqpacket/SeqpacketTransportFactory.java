package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.drpc.DrpcTransport;
import dev.dockmaster.spi.drpc.DrpcTransportFactory;
import dev.dockmaster.spi.storage.ProviderContext;

/** Creates the {@code seqpacket} transport from the plugin's {@code plugin.drpc-seqpacket} block. */
public final class SeqpacketTransportFactory implements DrpcTransportFactory {
    public static final String NAME = "seqpacket";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DrpcTransport create(ProviderContext context) {
        return new SeqpacketTransport(context.config().getInt("accept-backlog"));
    }
}
