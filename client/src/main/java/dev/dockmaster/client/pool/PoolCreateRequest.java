package dev.dockmaster.client.pool;

import dev.dockmaster.client.hostlist.RankSet;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pool create as dmg asks for it.
 *
 * @param label       the pool's label (mandatory, unique in the system)
 * @param sizing      how big, per tier
 * @param ranks       the ranks to use; empty: the management service picks
 * @param numSvcReps  pool service replicas; 0: the management service's default
 * @param properties  more properties (not the label)
 * @param acl         the initial ACL; empty: the engine's default (owner and owning group)
 * @param user        owner principal or name; empty: the current user
 * @param group       owning group principal or name; empty: the current user's group
 */
public record PoolCreateRequest(String label, PoolSizing sizing, RankSet ranks, int numSvcReps,
                                List<PoolProperty.Value> properties, Optional<Acl> acl, String user, String group) {
    public PoolCreateRequest {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(ranks, "ranks");
        properties = List.copyOf(properties);
        Objects.requireNonNull(acl, "acl");
        user = user == null ? "" : user;
        group = group == null ? "" : group;
    }

    /** A create with only a label and a size; everything else defaulted. */
    public static PoolCreateRequest of(String label, PoolSizing sizing) {
        return new PoolCreateRequest(label, sizing, RankSet.empty(), 0, List.of(), Optional.empty(), "", "");
    }
}
