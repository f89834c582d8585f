package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.Fault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members a system command acts on: its {@code ranks} xor {@code hosts} resolved against the membership, with
 * the ranks and hosts the membership does not know (DAOS's {@code absentranks} / {@code absenthosts}).
 *
 * @param members     the selected members, by rank, each once
 * @param absentRanks requested ranks that are no member, as a rank set ("" when none)
 * @param absentHosts requested hosts with no member, comma-separated ("" when none)
 * @param explicit    whether the caller named ranks or hosts (rather than the whole system)
 */
record RankSelection(List<Member> members, String absentRanks, String absentHosts, boolean explicit) {
    RankSelection {
        members = List.copyOf(members);
    }

    /**
     * Resolves a request's rank set or host set; both at once is refused, neither selects every member.
     *
     * @throws Fault for a malformed rank or host set
     */
    static RankSelection resolve(List<Member> all, String ranks, String hosts) {
        boolean byRank = !ranks.isBlank();
        boolean byHost = !hosts.isBlank();
        if (byRank && byHost) {
            throw MgmtErrors.plain("ranks and hosts are mutually exclusive");
        }
        TreeSet<Member> selected = new TreeSet<>((a, b) -> Integer.compareUnsigned(a.rank(), b.rank()));
        String absentRanks = "";
        String absentHosts = "";
        if (byRank) {
            TreeSet<Long> wanted = Ranks.parse(ranks);
            TreeSet<Long> absent = new TreeSet<>(wanted);
            for (Member m : all) {
                long rank = Integer.toUnsignedLong(m.rank());
                if (wanted.contains(rank)) {
                    selected.add(m);
                    absent.remove(rank);
                }
            }
            absentRanks = Ranks.format(absent);
        } else if (byHost) {
            Set<String> absent = new LinkedHashSet<>();
            for (String host : HostList.expand(hosts)) {
                List<Member> onHost = all.stream().filter(m -> ManagementService.hostMatches(m, host)).toList();
                if (onHost.isEmpty()) {
                    absent.add(host);
                }
                selected.addAll(onHost);
            }
            absentHosts = String.join(",", absent);
        } else {
            selected.addAll(all);
        }
        return new RankSelection(new ArrayList<>(selected), absentRanks, absentHosts, byRank || byHost);
    }

    /** The selected ranks as a rank set string ("0-3,5"). */
    String rankSet() {
        TreeSet<Long> ranks = new TreeSet<>();
        members.forEach(m -> ranks.add(Integer.toUnsignedLong(m.rank())));
        return Ranks.format(ranks);
    }
}
