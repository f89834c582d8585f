package dev.dockmaster.client.pool;

import java.util.List;

/**
 * A created pool: its UUID (chosen by the client), the pool service leader and replicas, the ranks holding its
 * targets and the bytes per rank of each tier.
 */
public record PoolCreateResult(String uuid, long serviceLeader, List<Long> serviceReplicas, List<Long> targetRanks,
                               List<Long> tierBytes) {
    public PoolCreateResult {
        serviceReplicas = List.copyOf(serviceReplicas);
        targetRanks = List.copyOf(targetRanks);
        tierBytes = List.copyOf(tierBytes);
    }
}
