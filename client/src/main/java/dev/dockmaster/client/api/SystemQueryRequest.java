package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.spi.Fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ask the management service about system members (dmg {@code system query}).
 *
 * @param hosts     the management service candidates to ask; empty picks them from the configured host list
 * @param ranks     only these ranks ({@code -r}); empty means all
 * @param rankHosts only the ranks of these hosts ({@code --rank-hosts}); exclusive with {@code ranks}
 * @param states    only members in these states ({@code --with-states}); empty means every state
 * @param notOk     only members not Joined ({@code --not-ok}); exclusive with {@code states}
 * @param timeout   the deadline for all tries; empty means the default
 */
public record SystemQueryRequest(HostSet hosts, RankSet ranks, HostSet rankHosts, Set<MemberState> states,
                                 boolean notOk, Optional<Duration> timeout) {
    public SystemQueryRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(ranks, "ranks");
        Objects.requireNonNull(rankHosts, "rankHosts");
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        Objects.requireNonNull(timeout, "timeout");
        if (!ranks.isEmpty() && !rankHosts.isEmpty()) {
            throw new Fault("client", 500, "--ranks and --rank-hosts options cannot be set together",
                    "select members either by rank or by host");
        }
        if (notOk && !states.isEmpty()) {
            throw new Fault("client", 500, "--not-ok and --with-states options cannot be set together",
                    "give either --not-ok or --with-states");
        }
    }

    /** Every member. */
    public static SystemQueryRequest all() {
        return new SystemQueryRequest(HostSet.empty(), RankSet.empty(), HostSet.empty(), Set.of(), false,
                Optional.empty());
    }

    /** The {@code state_mask} DAOS sends: every state but Joined for not-ok, the chosen states, else all. */
    public int stateMask() {
        if (notOk) {
            return MemberState.ALL & ~MemberState.JOINED.bit();
        }
        if (states.isEmpty()) {
            return MemberState.ALL;
        }
        return states.stream().mapToInt(MemberState::bit).reduce(0, (a, b) -> a | b);
    }
}
