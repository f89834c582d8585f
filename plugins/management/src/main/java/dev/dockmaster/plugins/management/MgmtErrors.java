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
    public static final String DAOS_STATUS_REASON = "proto.daos.DaosStatus";
    public static final String POOL_NOT_FOUND_REASON = "proto.system.ErrPoolNotFound";
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

    /**
     * A DAOS error number as DAOS's status interceptor turns a response with a non-zero {@code status} into an error
     * (reference 1.5): {@code Status} metadata, the number's name and text as the message.
     */
    public static StatusRuntimeException daosStatus(int status) {
        return daosStatus(status, DaosStatus.describe(status));
    }

    public static StatusRuntimeException daosStatus(int status, String message) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(DAOS_STATUS_REASON)
                .setDomain("DAOS")
                .putMetadata("Status", Integer.toString(status))
                .build();
        return internal(message, info);
    }

    /** DAOS's {@code system.ErrPoolNotFound} for a UUID, with its {@code PoolInfo} JSON. */
    public static StatusRuntimeException poolNotFoundByUuid(String uuid) {
        return poolNotFound("unable to find pool service with uuid " + uuid,
                "{\"Rank\":null,\"UUID\":" + jsonString(uuid) + ",\"Label\":null}");
    }

    /** DAOS's {@code system.ErrPoolNotFound} for a label. */
    public static StatusRuntimeException poolNotFoundByLabel(String label) {
        return poolNotFound("unable to find pool service with label " + jsonString(label),
                "{\"Rank\":null,\"UUID\":null,\"Label\":" + jsonString(label) + "}");
    }

    private static StatusRuntimeException poolNotFound(String message, String poolInfo) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(POOL_NOT_FOUND_REASON)
                .setDomain("DAOS")
                .putMetadata("PoolInfo", poolInfo)
                .build();
        return internal(message, info);
    }

    private static StatusRuntimeException internal(String message, ErrorInfo info) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(info))
                .build());
    }

    static String jsonString(String value) {
        String array = jsonArray(List.of(value));
        return array.substring(1, array.length() - 1);
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
