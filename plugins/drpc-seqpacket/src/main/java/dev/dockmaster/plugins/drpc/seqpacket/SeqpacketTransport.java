package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.drpc.DrpcConnection;
import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.drpc.DrpcListener;
import dev.dockmaster.spi.drpc.DrpcTransport;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * dRPC over AF_UNIX SOCK_SEQPACKET, as DAOS: one message per datagram, 1 MiB at most, and (on the client side) one
 * connection per call.
 */
public final class SeqpacketTransport implements DrpcTransport {
    private final int acceptBacklog;

    public SeqpacketTransport(int acceptBacklog) {
        if (acceptBacklog < 1) {
            throw new IllegalArgumentException("accept-backlog must be at least 1, got " + acceptBacklog);
        }
        this.acceptBacklog = acceptBacklog;
    }

    @Override
    public String name() {
        return SeqpacketTransportFactory.NAME;
    }

    @Override
    public int maxMessageBytes() {
        return Datagrams.MAX_MESSAGE_BYTES;
    }

    @Override
    public DrpcConnection connect(Path socket) throws IOException {
        AFUNIXDatagramSocket datagrams = Datagrams.newSocket();
        try {
            datagrams.connect(AFUNIXSocketAddress.of(socket));
        } catch (IOException e) {
            datagrams.close();
            throw new IOException("dRPC connect to " + socket + ": " + e.getMessage(), e);
        }
        return new SeqpacketConnection(socket, datagrams);
    }

    @Override
    public DrpcListener listen(Path socket, DrpcHandler handler) throws IOException {
        removeStaleSocket(socket);
        return SeqpacketListener.start(socket, handler, acceptBacklog);
    }

    /**
     * A socket file that nobody answers on is left over from a process that died: remove it. One that answers
     * belongs to a live process (another daos_server on the same socket_dir): refuse with DAOS's fault.
     */
    static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (AFUNIXDatagramSocket probe = Datagrams.newSocket()) {
            probe.connect(AFUNIXSocketAddress.of(socket));
        } catch (SocketException refused) {
            Files.deleteIfExists(socket);
            return;
        }
        throw SeqpacketFaults.socketFileInUse(socket);
    }
}
