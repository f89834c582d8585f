package dev.dockmaster.enginesim.fabric;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one request to another engine's fabric endpoint and waits for its reply (a connection per request: the
 * simulator's pool operations are few and small, and a fresh connection never carries a stale failure).
 */
public final class FabricClient {
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final AtomicLong ids = new AtomicLong();

    public FabricClient(Duration connectTimeout, Duration replyTimeout) {
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
    }

    /** @throws IOException when the engine cannot be reached or does not answer in time */
    public FabricReply call(FabricUri to, FabricRequest request) throws IOException {
        FabricRequest numbered = request.toBuilder().setId(ids.incrementAndGet()).build();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(to.address(), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) replyTimeout.toMillis());
            FabricCodec.write(socket.getOutputStream(), numbered);
            FabricReply reply = FabricCodec.read(new BufferedInputStream(socket.getInputStream()),
                    FabricReply.parser());
            if (reply == null) {
                throw new IOException(to + " closed the connection without answering");
            }
            if (reply.getId() != numbered.getId()) {
                throw new IOException(to + " answered request " + reply.getId() + " instead of " + numbered.getId());
            }
            return reply;
        }
    }
}
