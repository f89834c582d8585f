package dev.dockmaster.spi.drpc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Carries dRPC messages over a local socket. DAOS frames every message as exactly one datagram of a Unix
 * {@code SOCK_SEQPACKET} socket, so a transport moves whole messages (already encoded {@code drpc.Call} and
 * {@code drpc.Response} bytes) and never splits or joins them. Encoding stays in the core, so a transport needs no
 * protobuf.
 */
public interface DrpcTransport extends AutoCloseable {

    String name();

    /** The largest message this transport moves, in bytes. */
    int maxMessageBytes();

    /** Connects to a listening socket, such as an engine's {@code daos_engine_<pid>.sock}. */
    DrpcConnection connect(Path socket) throws IOException;

    /**
     * Listens on {@code socket} (such as {@code daos_server.sock}) and answers every message with {@code handler} on
     * the transport's own threads until the listener is closed.
     */
    DrpcListener listen(Path socket, DrpcHandler handler) throws IOException;

    @Override
    default void close() {
    }
}
