package dev.dockmaster.plugins.management;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.util.List;

/**
 * The management service's errors as DAOS puts them on the wire ({@code common/proto/error.go},
 * {@code system/errors.go}): not-leader and not-replica are status INTERNAL with a {@code google.rpc.ErrorInfo}
 * (domain DAOS) whose metadata lets a DAOS client retry elsewhere; "not ready" conditions are plain texts that
 * clients match by substring (grpc-go turns a plain error into status UNKNOWN).
 */
public final class MgmtErrors {
    public static final String NOT_LEADER_REASON = "proto.system.ErrNotLeader";
    public static final String NOT_REPLICA_REASON = "proto.system.ErrNotReplica";
    public static final String FAULT_REASON = "proto.fault.Fault";
    public static final String UNINITIALIZED = "system is uninitialized (storage format required?)";
    public static final String RAFT_UNAVAILABLE = "raft service unavailable (not started yet?)";

    private MgmtErrors() {
    }

    public static StatusRuntimeException notLeader(String leaderHint, List<String> replicas) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(NOT_LEADER_REASON)
                .setDomain("DAOS")
                .putMetadata("LeaderHint", leaderHint)
                .putMetadata("Replicas", jsonArray(replicas))
                .build();
        return internal("not the system db leader (try " + leaderHint + " or one of "
                + String.join(",", replicas) + ")", info);
    }

    public static StatusRuntimeException notReplica(List<String> replicas) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(NOT_REPLICA_REASON)
                .setDomain("DAOS")
                .putMetadata("Replicas", jsonArray(replicas))
                .build();
        return internal("not a system db replica (try one of " + String.join(",", replicas) + ")", info);
    }

    public static StatusRuntimeException uninitialized() {
        return Status.UNKNOWN.withDescription(UNINITIALIZED).asRuntimeException();
    }

    public static StatusRuntimeException raftUnavailable() {
        return Status.UNKNOWN.withDescription(RAFT_UNAVAILABLE).asRuntimeException();
    }

    /** A plain error text, as a Go handler returning {@code errors.New(...)} produces. */
    public static StatusRuntimeException plain(String message) {
        return Status.UNKNOWN.withDescription(message).asRuntimeException();
    }

    public static StatusRuntimeException fault(Fault fault) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(FAULT_REASON)
                .setDomain(fault.domain())
                .putMetadata("Domain", fault.domain())
                .putMetadata("Code", Integer.toString(fault.code()))
                .putMetadata("Description", fault.description())
                .putMetadata("Reason", "")
                .putMetadata("Resolution", fault.resolution())
                .build();
        return internal(fault.getMessage(), info);
    }

    private static StatusRuntimeException internal(String message, ErrorInfo info) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(info))
                .build());
    }

    /** A JSON array of strings, as Go's json.Marshal writes a []string ({@code null} for none, as Go does). */
    static String jsonArray(List<String> values) {
        if (values.isEmpty()) {
            return "null";
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            for (char c : values.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }
}
