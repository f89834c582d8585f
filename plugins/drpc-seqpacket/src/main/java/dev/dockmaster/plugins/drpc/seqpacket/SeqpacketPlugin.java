package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.drpc.DrpcTransportFactory;

import java.util.List;

/** The {@code drpc-seqpacket} plugin: DAOS's dRPC transport, AF_UNIX SOCK_SEQPACKET through junixsocket. */
public final class SeqpacketPlugin implements DockmasterPlugin {

    @Override
    public List<DrpcTransportFactory> drpcTransports() {
        return List.of(new SeqpacketTransportFactory());
    }
}
