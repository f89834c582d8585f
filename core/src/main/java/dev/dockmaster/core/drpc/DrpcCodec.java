package dev.dockmaster.core.drpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;

/** The dRPC envelope: one {@code drpc.Call} or {@code drpc.Response} per datagram, no length prefix. */
public final class DrpcCodec {
    /** The sequence DAOS answers with when the call itself cannot be decoded (its sequence is unknown). */
    public static final long UNKNOWN_SEQUENCE = -1;

    private DrpcCodec() {
    }

    public static byte[] encodeCall(int module, int method, long sequence, byte[] body) {
        return Call.newBuilder().setModule(module).setMethod(method).setSequence(sequence)
                .setBody(ByteString.copyFrom(body)).build().toByteArray();
    }

    public static byte[] encodeCall(DrpcMethod method, long sequence, byte[] body) {
        return encodeCall(method.module().id(), method.id(), sequence, body);
    }

    public static Call decodeCall(byte[] frame) throws InvalidProtocolBufferException {
        return Call.parseFrom(frame);
    }

    /** As DAOS: the body travels only with SUCCESS; a failed call's response carries no body. */
    public static byte[] encodeResponse(long sequence, Status status, byte[] body) {
        Response.Builder r = Response.newBuilder().setSequence(sequence).setStatus(status);
        if (status == Status.SUCCESS && body != null) {
            r.setBody(ByteString.copyFrom(body));
        }
        return r.build().toByteArray();
    }

    public static Response decodeResponse(byte[] frame) throws InvalidProtocolBufferException {
        return Response.parseFrom(frame);
    }
}
