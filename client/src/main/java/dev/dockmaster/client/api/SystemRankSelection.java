package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.spi.Fault;

import java.util.Objects;

/**
 * The members a system command acts on: ranks ({@code -r 0-3,5}) or the ranks of hosts ({@code --rank-hosts
 * node[1-3]}), never both; neither means every member.
 */
public record SystemRankSelection(RankSet ranks, HostSet rankHosts) {
    public SystemRankSelection {
        Objects.requireNonNull(ranks, "ranks");
        Objects.requireNonNull(rankHosts, "rankHosts");
        if (!ranks.isEmpty() && !rankHosts.isEmpty()) {
            throw new Fault("client", 500, "--ranks and --rank-hosts options cannot be set together",
                    "select members either by rank or by host");
        }
    }

    public static SystemRankSelection all() {
        return new SystemRankSelection(RankSet.empty(), HostSet.empty());
    }

    public static SystemRankSelection ranks(String ranks) {
        return new SystemRankSelection(RankSet.parse(ranks), HostSet.empty());
    }

    public static SystemRankSelection hosts(String hosts) {
        return new SystemRankSelection(RankSet.empty(), HostSet.parse(hosts));
    }

    public boolean isAll() {
        return ranks.isEmpty() && rankHosts.isEmpty();
    }

    /** The {@code ranks} field of a system request: {@code 0-3,5}, or empty. */
    String ranksField() {
        return ranks.toString();
    }

    /** The {@code hosts} field of a system request: {@code node[1-3]}, or empty. */
    String hostsField() {
        return rankHosts.isEmpty() ? "" : rankHosts.toRangedString();
    }
}
