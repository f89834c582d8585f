package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.Fault;

import java.nio.file.Path;

/** Faults of the transport, in DAOS's {@code drpc} domain with its codes. */
final class SeqpacketFaults {
    static final String DOMAIN = "drpc";
    /** DAOS's code.SocketFileInUse (general range). */
    static final int SOCKET_FILE_IN_USE = 6;

    private SeqpacketFaults() {
    }

    static Fault socketFileInUse(Path socket) {
        return new Fault(DOMAIN, SOCKET_FILE_IN_USE,
                "Configured dRPC socket file '" + socket + "' is already in use.",
                "If another process is using the socket file, configure a different socket directory."
                        + " Otherwise, delete the existing socket file and try again.");
    }
}
