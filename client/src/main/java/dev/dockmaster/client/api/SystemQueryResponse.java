package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.proto.mgmt.SystemMember;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The management service's answer about system members.
 *
 * @param members     the members that matched, as the management service knows them
 * @param absentRanks requested ranks that are no member
 * @param absentHosts requested hosts that run no member
 * @param providers   the system's fabric providers
 * @param dataVersion the raft data version of the replica that answered
 */
public record SystemQueryResponse(List<SystemMember> members, RankSet absentRanks, HostSet absentHosts,
                                  List<String> providers, long dataVersion) {
    public SystemQueryResponse {
        members = List.copyOf(members);
        Objects.requireNonNull(absentRanks, "absentRanks");
        Objects.requireNonNull(absentHosts, "absentHosts");
        providers = List.copyOf(providers);
    }

    /** DAOS's {@code Errors()}: "non-existent hosts X, non-existent ranks Y" when something asked for is absent. */
    public Optional<String> errors() {
        List<String> parts = new ArrayList<>();
        if (!absentHosts.isEmpty()) {
            parts.add("non-existent hosts " + absentHosts.toRangedString());
        }
        if (!absentRanks.isEmpty()) {
            parts.add("non-existent ranks " + absentRanks);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }
}
