package dev.dockmaster.client.invoke;

import java.util.List;

/**
 * DAOS's {@code system.ErrNotReplica}: the server asked is not a management service replica. Carries the replicas
 * ({@code ip:port}) to try instead.
 */
public final class NotReplicaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> replicas;

    public NotReplicaException(List<String> replicas) {
        super("not a DAOS Management Service replica (try one of " + String.join(",", replicas) + ")");
        this.replicas = List.copyOf(replicas);
    }

    public List<String> replicas() {
        return replicas;
    }
}
