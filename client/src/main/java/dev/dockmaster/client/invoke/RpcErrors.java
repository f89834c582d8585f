package dev.dockmaster.client.invoke;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what a failed call threw into the error an operator should see: a server fault, DAOS status, or the management
 * service's not-leader / not-replica redirect or pool-not-found decoded from the {@code google.rpc.ErrorInfo} detail (DAOS
 * {@code common/proto/error.go}), a client connection fault 504-508, the
 * RPC timeout fault 510, or else the status as DAOS's Go client prints it ({@code rpc error: code = X desc = Y}).
 */
public final class RpcErrors {
    static final String FAULT_REASON = "proto.fault.Fault";
    static final String DAOS_STATUS_REASON = "proto.daos.DaosStatus";
    static final String NOT_LEADER_REASON = "proto.system.ErrNotLeader";
    static final String NOT_REPLICA_REASON = "proto.system.ErrNotReplica";
    static final String POOL_NOT_FOUND_REASON = "proto.system.ErrPoolNotFound";

    private RpcErrors() {
    }

    public static Throwable toHostError(Throwable thrown, String address, String requestName, Duration timeout) {
        Status status;
        if (thrown instanceof StatusRuntimeException sre) {
            status = sre.getStatus();
        } else if (thrown instanceof StatusException se) {
            status = se.getStatus();
        } else {
            return thrown;
        }
        Throwable decoded = decodeDetails(thrown);
        if (decoded != null) {
            return decoded;
        }
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> ClientFaults.rpcTimeout(requestName, timeout);
            case UNAVAILABLE -> connectionFault(status, address);
            default -> new RuntimeException(goStyle(status), thrown);
        };
    }

    private static Throwable decodeDetails(Throwable thrown) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(thrown);
        if (rich == null) {
            return null;
        }
        for (Any detail : rich.getDetailsList()) {
            if (!detail.is(ErrorInfo.class)) {
                continue;
            }
            try {
                ErrorInfo info = detail.unpack(ErrorInfo.class);
                Map<String, String> meta = info.getMetadataMap();
                if (FAULT_REASON.equals(info.getReason())) {
                    return new Fault(meta.getOrDefault("Domain", info.getDomain()),
                            parseInt(meta.get("Code"), 0), meta.getOrDefault("Description", rich.getMessage()),
                            meta.getOrDefault("Resolution", ""));
                }
                if (DAOS_STATUS_REASON.equals(info.getReason())) {
                    return new DaosStatusException(parseInt(meta.get("Status"), -1025));
                }
                if (NOT_LEADER_REASON.equals(info.getReason())) {
                    return new NotLeaderException(meta.getOrDefault("LeaderHint", ""),
                            JsonStrings.parseArray(meta.get("Replicas")));
                }
                if (NOT_REPLICA_REASON.equals(info.getReason())) {
                    return new NotReplicaException(JsonStrings.parseArray(meta.get("Replicas")));
                }
                if (POOL_NOT_FOUND_REASON.equals(info.getReason())) {
                    return new PoolNotFoundException(rich.getMessage().isEmpty() ? "unable to find pool service"
                            : rich.getMessage());
                }
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        }
        return null;
    }

    private static Throwable connectionFault(Status status, String address) {
        for (Throwable c = status.getCause(); c != null; c = c.getCause()) {
            String type = c.getClass().getSimpleName();
            if (c instanceof UnknownHostException) {
                return ClientFaults.badHost(address);
            }
            if (c instanceof NoRouteToHostException) {
                return ClientFaults.noRoute(address);
            }
            if (type.equals("ConnectTimeoutException")) {
                return ClientFaults.connectTimedOut(address);
            }
            if (c instanceof ConnectException) {
                String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("timed out")) {
                    return ClientFaults.connectTimedOut(address);
                }
                if (message.contains("no route")) {
                    return ClientFaults.noRoute(address);
                }
                return ClientFaults.refused(address);
            }
            if (c instanceof ClosedChannelException) {
                return ClientFaults.closed(address);
            }
        }
        String description = String.valueOf(status.getDescription()).toLowerCase(Locale.ROOT);
        if (description.contains("unable to resolve") || description.contains("unresolved")) {
            return ClientFaults.badHost(address);
        }
        if (description.contains("refused")) {
            return ClientFaults.refused(address);
        }
        if (description.contains("no route")) {
            return ClientFaults.noRoute(address);
        }
        if (description.contains("timed out")) {
            return ClientFaults.connectTimedOut(address);
        }
        if (description.contains("closed") || description.contains("shutdown")) {
            return ClientFaults.closed(address);
        }
        return new RuntimeException(goStyle(status));
    }

    /** {@code rpc error: code = Unimplemented desc = ...}, as grpc-go formats a status error. */
    public static String goStyle(Status status) {
        StringBuilder code = new StringBuilder();
        for (String word : status.getCode().name().split("_")) {
            code.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        if (status.getCode() == Status.Code.OK) {
            code.setLength(0);
            code.append("OK");
        }
        return "rpc error: code = " + code + " desc = " + (status.getDescription() == null ? "" : status.getDescription());
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
