package dev.dockmaster.core.drpc;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.spi.drpc.DrpcConnection;
import dev.dockmaster.spi.drpc.DrpcTransport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One client connection with DAOS's sequence numbers: a counter per connection, incremented before every call, so
 * the first call is 1; the response must echo it.
 */
public final class DrpcClientConnection implements AutoCloseable {
    private final Path socket;
    private final DrpcConnection connection;
    private long sequence;

    private DrpcClientConnection(Path socket, DrpcConnection connection) {
        this.socket = socket;
        this.connection = connection;
    }

    public static DrpcClientConnection open(DrpcTransport transport, Path socket) throws DrpcCallException {
        try {
            return new DrpcClientConnection(socket, transport.connect(socket));
        } catch (IOException e) {
            throw new DrpcCallException("dRPC connect: " + e.getMessage(), null, e);
        }
    }

    /** Sends one call and returns the body of its SUCCESS response. */
    public synchronized byte[] call(DrpcMethod method, byte[] body, Duration timeout) throws DrpcCallException {
        return call(method.module().id(), method.id(), method.displayName() + " (" + method.id() + ")", body,
                timeout);
    }

    /** Sends one call of any module and method (such as one a plugin forwards) and returns its SUCCESS body. */
    public synchronized byte[] call(int module, int method, byte[] body, Duration timeout) throws DrpcCallException {
        return call(module, method, "method " + method + " of module " + module, body, timeout);
    }

    private byte[] call(int module, int method, String name, byte[] body, Duration timeout)
            throws DrpcCallException {
        long seq = ++sequence;
        String what = name + " on " + socket;
        byte[] frame;
        try {
            frame = connection.call(DrpcCodec.encodeCall(module, method, seq, body), timeout);
        } catch (IOException e) {
            throw new DrpcCallException("dRPC " + what + ": " + e.getMessage(), null, e);
        }
        Response response;
        try {
            response = DrpcCodec.decodeResponse(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new DrpcCallException("dRPC " + what + ": failed to unmarshal dRPC response", null, e);
        }
        if (response.getSequence() != seq) {
            throw new DrpcCallException("dRPC " + what + ": response sequence " + response.getSequence()
                    + " does not answer call " + seq, null, null);
        }
        if (response.getStatus() != Status.SUCCESS) {
            throw new DrpcCallException("dRPC " + what + ": bad dRPC response status: " + response.getStatus(),
                    response.getStatus(), null);
        }
        return response.getBody().toByteArray();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // nothing left to do with a connection we are done with
        }
    }
}
