package dev.dockmaster.core.system;

import com.google.protobuf.CodedInputStream;
import dev.dockmaster.spi.Fault;
import io.grpc.Metadata;
import io.grpc.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a management-service call failed, as DAOS's control client reads it ({@code common/proto/error.go},
 * {@code lib/control/rpc.go}): a {@code google.rpc.ErrorInfo} detail says not-leader (with a leader hint), not-replica
 * (with the replicas) or a fault; a few plain messages mean "not ready yet, try again"; connection trouble is
 * retried too.
 *
 * <p>The detail is read straight from the {@code grpc-status-details-bin} trailer (google.rpc.Status, field 3, a list
 * of Any) so the core needs no extra module for the google.rpc types.
 */
final class MsErrors {
    static final String NOT_LEADER = "proto.system.ErrNotLeader";
    static final String NOT_REPLICA = "proto.system.ErrNotReplica";
    static final String FAULT = "proto.fault.Fault";
    static final String ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final Metadata.Key<byte[]> DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    /** Plain messages of an MS that is not ready yet (reference 1.5). */
    private static final List<String> RETRYABLE_MESSAGES = List.of("system is uninitialized",
            "raft service unavailable", "leader step-up in progress", "no leader", "not yet started");

    private MsErrors() {
    }

    /** What to do after one failed attempt. */
    sealed interface Outcome permits Redirect, Retry, GiveUp {
    }

    /**
     * Try these addresses next (leader hint first).
     *
     * @param hinted whether the answer named where to go (a leader hint, or a non-replica's replica list); without
     *               one (an election is running, or the quorum is lost) the next try waits its backoff
     */
    record Redirect(List<String> addresses, String why, boolean hinted) implements Outcome {
    }

    /** Wait, then try again. */
    record Retry(String why) implements Outcome {
    }

    /** A final answer: the fault to report. */
    record GiveUp(Fault fault) implements Outcome {
    }

    static Outcome classify(Status status, Metadata trailers, String address) {
        Optional<ErrorInfo> info = errorInfo(trailers);
        if (info.isPresent()) {
            ErrorInfo e = info.get();
            switch (e.reason()) {
                case NOT_LEADER -> {
                    List<String> next = new ArrayList<>();
                    String hint = e.metadata().getOrDefault("LeaderHint", "");
                    if (!hint.isEmpty()) {
                        next.add(hint);
                    }
                    next.addAll(jsonList(e.metadata().getOrDefault("Replicas", "[]")));
                    return new Redirect(next, address + " is not the leader (hint \"" + hint + "\")",
                            !hint.isEmpty());
                }
                case NOT_REPLICA -> {
                    return new Redirect(jsonList(e.metadata().getOrDefault("Replicas", "[]")),
                            address + " is not a management service replica", true);
                }
                case FAULT -> {
                    Map<String, String> m = e.metadata();
                    int code;
                    try {
                        code = Integer.parseInt(m.getOrDefault("Code", "0"));
                    } catch (NumberFormatException ex) {
                        code = 0;
                    }
                    return new GiveUp(new Fault(m.getOrDefault("Domain", e.domain()), code,
                            m.getOrDefault("Description", String.valueOf(status.getDescription())),
                            m.getOrDefault("Resolution", "")));
                }
                default -> {
                    // a DAOS status or another kind: not something a retry fixes
                }
            }
        }
        String message = String.valueOf(status.getDescription()).toLowerCase(Locale.ROOT);
        if (RETRYABLE_MESSAGES.stream().anyMatch(message::contains)) {
            return new Retry(address + ": " + status.getDescription());
        }
        switch (status.getCode()) {
            case UNIMPLEMENTED -> {
                // the access point runs no management service module (yet): keep waiting, as for an MS that has
                // not started, so enabling it there lets the engines join
                return new Retry(address + " serves no management service (mgmt.MgmtSvc unimplemented)");
            }
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> {
                return new Retry(address + ": " + status.getCode() + " " + status.getDescription());
            }
            default -> {
                return new GiveUp(SystemFaults.callFailed(address, status));
            }
        }
    }

    record ErrorInfo(String reason, String domain, Map<String, String> metadata) {
    }

    static Optional<ErrorInfo> errorInfo(Metadata trailers) {
        if (trailers == null) {
            return Optional.empty();
        }
        byte[] details = trailers.get(DETAILS);
        if (details == null) {
            return Optional.empty();
        }
        try {
            CodedInputStream status = CodedInputStream.newInstance(details);
            for (int tag; (tag = status.readTag()) != 0; ) {
                if (tag >>> 3 != 3) {
                    status.skipField(tag);
                    continue;
                }
                CodedInputStream any = CodedInputStream.newInstance(status.readByteArray());
                String typeUrl = "";
                byte[] value = new byte[0];
                for (int t; (t = any.readTag()) != 0; ) {
                    switch (t >>> 3) {
                        case 1 -> typeUrl = any.readStringRequireUtf8();
                        case 2 -> value = any.readByteArray();
                        default -> any.skipField(t);
                    }
                }
                if (typeUrl.equals(ERROR_INFO_TYPE)) {
                    return Optional.of(parseErrorInfo(value));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static ErrorInfo parseErrorInfo(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String reason = "";
        String domain = "";
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> reason = in.readStringRequireUtf8();
                case 2 -> domain = in.readStringRequireUtf8();
                case 3 -> {
                    CodedInputStream entry = CodedInputStream.newInstance(in.readByteArray());
                    String key = "";
                    String value = "";
                    for (int t; (t = entry.readTag()) != 0; ) {
                        switch (t >>> 3) {
                            case 1 -> key = entry.readStringRequireUtf8();
                            case 2 -> value = entry.readStringRequireUtf8();
                            default -> entry.skipField(t);
                        }
                    }
                    metadata.put(key, value);
                }
                default -> in.skipField(tag);
            }
        }
        return new ErrorInfo(reason, domain, metadata);
    }

    /** A JSON array of strings as DAOS writes it ({@code ["10.0.0.1:10001","10.0.0.2:10001"]}). */
    static List<String> jsonList(String json) {
        List<String> out = new ArrayList<>();
        String body = json.trim();
        if (!body.startsWith("[") || !body.endsWith("]")) {
            return out;
        }
        StringBuilder current = null;
        boolean escaped = false;
        for (char c : body.substring(1, body.length() - 1).toCharArray()) {
            if (current == null) {
                if (c == '"') {
                    current = new StringBuilder();
                }
                continue;
            }
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                out.add(current.toString());
                current = null;
            } else {
                current.append(c);
            }
        }
        return out;
    }

}
