package dev.dockmaster.client.invoke;

import java.util.List;

/**
 * DAOS's {@code system.ErrNotLeader}: the server asked is a management service replica but not its leader. Carries
 * the leader it believes in (empty during an election) and the replica set, so the request can be sent there.
 */
public final class NotLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String leaderHint;
    private final List<String> replicas;

    public NotLeaderException(String leaderHint, List<String> replicas) {
        super("not the DAOS Management Service leader (try " + leaderHint + " or one of "
                + String.join(",", replicas) + ")");
        this.leaderHint = leaderHint == null ? "" : leaderHint;
        this.replicas = List.copyOf(replicas);
    }

    /** {@code ip:port} of the leader; empty when the server knows none. */
    public String leaderHint() {
        return leaderHint;
    }

    public List<String> replicas() {
        return replicas;
    }
}
