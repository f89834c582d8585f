package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.drpc.DrpcListener;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening SOCK_SEQPACKET socket: one thread accepts, and each accepted connection (a "session" in DAOS's terms)
 * gets a thread that reads a message, answers it with the handler, and repeats until the peer closes.
 */
final class SeqpacketListener implements DrpcListener {
    private static final Logger LOG = LoggerFactory.getLogger(SeqpacketListener.class);

    private final Path path;
    private final AFUNIXDatagramSocket server;
    private final DrpcHandler handler;
    private final ExecutorService sessions;
    private final Set<AFUNIXDatagramSocket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private SeqpacketListener(Path path, AFUNIXDatagramSocket server, DrpcHandler handler) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.sessions = Executors.newCachedThreadPool(daemonThreads("drpc-session-" + path.getFileName() + "-"));
        this.acceptor = daemonThreads("drpc-accept-" + path.getFileName() + "-").newThread(this::acceptLoop);
    }

    static SeqpacketListener start(Path path, DrpcHandler handler, int backlog) throws IOException {
        AFUNIXDatagramSocket server = Datagrams.newSocket();
        try {
            server.bind(AFUNIXSocketAddress.of(path));
            // Only the server's own user may talk to it (DAOS: 0600); engines run as the same user.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            server.listen(backlog);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw new IOException("unable to listen on dRPC socket " + path + ": " + e.getMessage(), e);
        }
        SeqpacketListener listener = new SeqpacketListener(path, server, handler);
        listener.acceptor.start();
        return listener;
    }

    private void acceptLoop() {
        while (!closed) {
            AFUNIXDatagramSocket session;
            try {
                session = (AFUNIXDatagramSocket) server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("{}: failed to accept connection: {}", path, e.toString());
                }
                return;
            }
            open.add(session);
            try {
                sessions.execute(() -> serve(session));
            } catch (RuntimeException rejected) { // closing
                closeQuietly(session);
            }
        }
    }

    private void serve(AFUNIXDatagramSocket session) {
        try {
            Datagrams.sizeBuffers(session);
            while (!closed) {
                byte[] call = Datagrams.receive(session, "dRPC call on " + path);
                if (call == null) {
                    return; // the client is done (DAOS clients close after one call)
                }
                Datagrams.send(session, handler.handle(call), "dRPC response on " + path);
            }
        } catch (java.net.SocketTimeoutException e) {
            return; // how junixsocket may report a peer that closed (sessions have no receive timeout)
        } catch (IOException | RuntimeException e) {
            // One broken session (oversized datagram, peer gone mid-answer, a handler bug) never stops the listener.
            if (!closed) {
                LOG.warn("{}: dRPC session ended: {}", path, e.toString());
            }
        } finally {
            open.remove(session);
            closeQuietly(session);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        open.forEach(SeqpacketListener::closeQuietly);
        sessions.shutdownNow();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(path);
    }

    private static void closeQuietly(AFUNIXDatagramSocket socket) {
        socket.close(); // DatagramSocket.close() reports nothing
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
