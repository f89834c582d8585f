package dev.dockmaster.enginesim.fabric;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Function;

/**
 * The engine's end of the fabric: a TCP listener at its URI, one thread per connection, one reply per request in
 * order. A peer that sends a bad frame loses its connection; the engine goes on.
 */
public final class FabricServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Function<FabricRequest, FabricReply> handler;
    private final PrintStream log;
    private volatile boolean closed;

    private FabricServer(ServerSocket socket, Function<FabricRequest, FabricReply> handler, PrintStream log) {
        this.socket = socket;
        this.handler = handler;
        this.log = log;
    }

    /** Binds now (so a taken port fails the engine's start, as CaRT initialisation would) and serves in background. */
    public static FabricServer start(FabricUri uri, Function<FabricRequest, FabricReply> handler, PrintStream log)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // a restarted engine gets its port back while old connections linger
            socket.bind(new InetSocketAddress(uri.host(), uri.port()), 64);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        FabricServer server = new FabricServer(socket, handler, log);
        Thread accept = new Thread(server::acceptLoop, "fabric-accept");
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    /**
     * The request handler, set once the engine behind it is built: the port is bound first, and a request arriving
     * before then is answered DER_UNINIT.
     */
    public static final class Handler implements Function<FabricRequest, FabricReply> {
        private volatile Function<FabricRequest, FabricReply> delegate;

        public void set(Function<FabricRequest, FabricReply> handler) {
            delegate = handler;
        }

        @Override
        public FabricReply apply(FabricRequest request) {
            Function<FabricRequest, FabricReply> d = delegate;
            return d == null ? FabricReply.newBuilder().setId(request.getId()).setStatus(-1015).build() : d.apply(request);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket peer;
            try {
                peer = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.println("daos_engine: fabric accept failed: " + e);
                }
                return;
            }
            Thread t = new Thread(() -> serve(peer), "fabric-peer");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket peer) {
        try (peer) {
            peer.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(peer.getInputStream());
            OutputStream out = new BufferedOutputStream(peer.getOutputStream());
            while (!closed) {
                FabricRequest request = FabricCodec.read(in, FabricRequest.parser());
                if (request == null) {
                    return;
                }
                FabricReply reply;
                try {
                    reply = handler.apply(request);
                } catch (RuntimeException e) {
                    log.println("daos_engine: fabric request " + request.getOpCase() + " failed: " + e);
                    reply = FabricReply.newBuilder().setId(request.getId()).setStatus(-1025).build(); // DER_MISC
                }
                FabricCodec.write(out, reply.toBuilder().setId(request.getId()).build());
            }
        } catch (FabricCodec.BadFrame e) {
            log.println("daos_engine: fabric peer " + peer.getRemoteSocketAddress() + " dropped: " + e.getMessage());
        } catch (SocketException e) {
            // the peer went away or we are closing
        } catch (IOException e) {
            if (!closed) {
                log.println("daos_engine: fabric connection ended: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
