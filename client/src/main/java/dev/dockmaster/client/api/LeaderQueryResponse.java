package dev.dockmaster.client.api;

import java.util.List;
import java.util.Objects;

/**
 * Where the management service is.
 *
 * @param leader       the leader's {@code ip:port}; empty during an election
 * @param replicas     every replica
 * @param downReplicas the replicas that did not answer a second round of the query
 */
public record LeaderQueryResponse(String leader, List<String> replicas, List<String> downReplicas) {
    public LeaderQueryResponse {
        Objects.requireNonNull(leader, "leader");
        replicas = List.copyOf(replicas);
        downReplicas = List.copyOf(downReplicas);
    }
}
