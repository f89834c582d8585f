package dev.dockmaster.plugins.drpc.seqpacket;

import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;

import java.io.IOException;
import java.net.DatagramPacket;
import java.util.Arrays;

/**
 * Whole-message I/O on a connected SOCK_SEQPACKET socket. A receive buffer one byte larger than the limit tells an
 * oversized datagram (which the kernel would otherwise truncate silently) from one of exactly the limit.
 */
final class Datagrams {
    /** The Go daos_server's MaxMsgSize: 1 MiB. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Room for the largest message plus the kernel's per-datagram accounting. */
    private static final int SOCKET_BUFFER_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;

    /** Buffers are per thread: a connection carries one call, so a per-connection buffer would be allocated per call. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[MAX_MESSAGE_BYTES + 1]);

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
        socket.send(new DatagramPacket(message, message.length));
    }

    /** The next message, or null when the peer has closed the connection (a zero-length read). */
    static byte[] receive(AFUNIXDatagramSocket socket, String what) throws IOException {
        byte[] buffer = BUFFERS.get();
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        int length = packet.getLength();
        if (length == 0) {
            return null;
        }
        if (length > MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException(what, length, MAX_MESSAGE_BYTES);
        }
        return Arrays.copyOf(buffer, length);
    }
}
