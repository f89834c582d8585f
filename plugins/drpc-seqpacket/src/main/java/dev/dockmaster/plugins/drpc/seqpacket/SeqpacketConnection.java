package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.drpc.DrpcConnection;
import org.newsclub.net.unix.AFUNIXDatagramSocket;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

/** A client connection: each call sends one datagram and reads the one datagram that answers it. */
final class SeqpacketConnection implements DrpcConnection {
    private final Path socket;
    private final AFUNIXDatagramSocket datagrams;

    SeqpacketConnection(Path socket, AFUNIXDatagramSocket datagrams) {
        this.socket = socket;
        this.datagrams = datagrams;
    }

    @Override
    public synchronized byte[] call(byte[] message, Duration timeout) throws IOException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("dRPC call timeout must be positive, got " + timeout);
        }
        // SO_RCVTIMEO in milliseconds; round sub-millisecond timeouts up rather than to 0 (= wait forever).
        datagrams.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        Datagrams.send(datagrams, message, "dRPC call to " + socket);
        long start = System.nanoTime();
        byte[] answer;
        try {
            answer = Datagrams.receive(datagrams, "dRPC response from " + socket);
        } catch (SocketTimeoutException e) {
            answer = null;
        }
        // junixsocket's channel read reports SO_RCVTIMEO expiring as an empty read, like the peer closing: the
        // elapsed time tells them apart.
        if (answer == null && System.nanoTime() - start >= timeout.toNanos() * 9 / 10) {
            // Like DAOS's client, a cancelled call closes the socket: a late answer must not be read by a later call.
            close();
            throw new SocketTimeoutException("dRPC call to " + socket + ": no response within " + timeout);
        }
        if (answer == null) {
            throw new IOException("dRPC call to " + socket + ": the peer closed the connection without answering");
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        datagrams.close();
    }
}
