package dev.dockmaster.plugins.drpc.seqpacket;

import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Whole-message I/O on a connected SOCK_SEQPACKET socket. A receive buffer one byte larger than the limit tells an
 * oversized datagram (which the kernel would otherwise truncate silently) from one of exactly the limit.
 */
final class Datagrams {
    /** The Go daos_server's MaxMsgSize: 1 MiB. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Room for the largest message plus the kernel's per-datagram accounting. */
    private static final int SOCKET_BUFFER_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;

    /**
     * Direct buffers, one per thread: a connection carries one call, so a per-connection buffer would be allocated
     * per call, and a heap array makes junixsocket stage every receive through a temporary buffer of its full size.
     */
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_MESSAGE_BYTES + 1));

    private Datagrams() {
    }

    static AFUNIXDatagramSocket newSocket() throws IOException {
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
        sizeBuffers(socket);
        return socket;
    }

    static void sizeBuffers(AFUNIXDatagramSocket socket) throws IOException {
        // Best effort: the kernel caps these at net.core.{w,r}mem_max; a send that still does not fit fails with
        // EMSGSIZE, reported as an IOException.
        socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
        socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
    }

    static void send(AFUNIXDatagramSocket socket, byte[] message, String what) throws IOException {
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException(what, message.length, MAX_MESSAGE_BYTES);
        }
        ByteBuffer out = ByteBuffer.wrap(message);
        while (out.hasRemaining()) { // one write is one datagram; a partial write does not happen on SEQPACKET
            if (socket.getChannel().write(out) == 0 && out.hasRemaining()) {
                throw new IOException(what + ": the socket accepted no bytes");
            }
        }
    }

    /** The next message, or null when the peer has closed the connection (a zero-length read). */
    static byte[] receive(AFUNIXDatagramSocket socket, String what) throws IOException {
        ByteBuffer buffer = BUFFERS.get();
        buffer.clear();
        int length = socket.getChannel().read(buffer);
        if (length <= 0) {
            return null;
        }
        if (length > MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException(what, length, MAX_MESSAGE_BYTES);
        }
        byte[] message = new byte[length];
        buffer.flip().get(message);
        return message;
    }
}
