package dev.dockmaster.plugins.control;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.spi.Fault;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * A fault as a DAOS handler returns it over gRPC ({@code common/proto/error.go}): status INTERNAL carrying a
 * {@code google.rpc.ErrorInfo} detail with reason {@code proto.fault.Fault} and the fault's Domain, Code,
 * Description, Reason and Resolution, so that DAOS's client and Dockmaster's ({@code RpcErrors}) get the fault
 * back. The status message is the fault with its resolution, for clients that only read the message. The security
 * plugin encodes its faults the same way; the control plugin does not depend on it, hence this small copy.
 */
final class FaultStatus {
    static final String FAULT_REASON = "proto.fault.Fault";

    private FaultStatus() {
    }

    static StatusRuntimeException of(Fault fault) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(FAULT_REASON)
                .setDomain(fault.domain())
                .putMetadata("Domain", fault.domain())
                .putMetadata("Code", Integer.toString(fault.code()))
                .putMetadata("Description", fault.description())
                .putMetadata("Reason", "")
                .putMetadata("Resolution", fault.resolution())
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage(fault.describe())
                .addDetails(Any.pack(info))
                .build());
    }
}
