package dev.dockmaster.enginesim.fabric;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames of the simulator's fabric: a 4-byte big-endian length, then that many bytes of one protobuf message. A
 * length over {@link #MAX_FRAME_BYTES} or a body that does not decode is a protocol error: the connection is dropped.
 */
public final class FabricCodec {
    /** Pool service records for large pools stay far below this; anything bigger is garbage on the socket. */
    public static final int MAX_FRAME_BYTES = 16 << 20;

    private FabricCodec() {
    }

    /** A frame that cannot be a fabric message. */
    public static final class BadFrame extends IOException {
        private static final long serialVersionUID = 1L;

        BadFrame(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void write(OutputStream out, MessageLite message) throws IOException {
        byte[] body = message.toByteArray();
        if (body.length > MAX_FRAME_BYTES) {
            throw new BadFrame("message of " + body.length + " bytes exceeds the fabric frame limit of "
                    + MAX_FRAME_BYTES, null);
        }
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one message; {@code null} when the peer closed the connection between frames (a clean end), an exception
     * when it closed inside one or sent something that is not a frame of {@code parser}'s message.
     */
    public static <T extends MessageLite> T read(InputStream in, Parser<T> parser) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        int length;
        byte[] body;
        try {
            length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedShort());
            if (length < 0 || length > MAX_FRAME_BYTES) {
                throw new BadFrame("fabric frame length " + Integer.toUnsignedString(length) + " is over the limit of "
                        + MAX_FRAME_BYTES + " bytes", null);
            }
            body = new byte[length];
            data.readFully(body);
        } catch (EOFException e) {
            throw new BadFrame("connection closed inside a fabric frame", e);
        }
        try {
            return parser.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new BadFrame("undecodable fabric message: " + e.getMessage(), e);
        }
    }
}
