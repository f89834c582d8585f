package dev.dockmaster.plugins.security;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.spi.Fault;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * A fault as DAOS sends it over gRPC ({@code common/proto/error.go}): status INTERNAL whose message is the fault's
 * text, with a {@code google.rpc.ErrorInfo} detail, reason {@code proto.fault.Fault}, carrying Domain, Code,
 * Description, Reason and Resolution, which the client ({@code client/.../RpcErrors}) turns back into the fault.
 */
public final class WireErrors {
    public static final String FAULT_REASON = "proto.fault.Fault";

    private WireErrors() {
    }

    public static StatusRuntimeException toStatus(Fault fault) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(FAULT_REASON)
                .setDomain(fault.domain())
                .putMetadata("Domain", fault.domain())
                .putMetadata("Code", Integer.toString(fault.code()))
                .putMetadata("Description", fault.description())
                .putMetadata("Reason", "")
                .putMetadata("Resolution", fault.resolution())
                .build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage(fault.getMessage())
                .addDetails(Any.pack(info))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The status and trailers to close a call with. */
    static Status status(Fault fault, Metadata trailersOut) {
        StatusRuntimeException e = toStatus(fault);
        if (e.getTrailers() != null) {
            trailersOut.merge(e.getTrailers());
        }
        return e.getStatus();
    }
}
