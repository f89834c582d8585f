package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.api.LeaderQueryResponse;
import dev.dockmaster.client.api.MemberState;
import dev.dockmaster.client.api.SystemQueryResponse;
import dev.dockmaster.client.api.SystemCleanupResponse;
import dev.dockmaster.client.api.SystemProperty;
import dev.dockmaster.client.api.SystemResultsResponse;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.proto.mgmt.SystemMember;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dmg system query} and {@code dmg system leader-query} as DAOS 2.6 prints them ({@code cmd/dmg/pretty/
 * system.go}): ranks grouped by state ({@code [0-1,5-6] Joined}, largest group first, then by state name; absent
 * ranks as the group "Unknown Rank"), or one row per member with {@code -v}; unknown hosts and ranks go to stderr.
 */
public final class SystemPrinter {
    private SystemPrinter() {
    }

    /** What goes to stdout and what to stderr. */
    public record Output(String out, String err) {
    }

    public static Output systemQuery(SystemQueryResponse resp, boolean verbose) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        if (resp.members().isEmpty()) {
            out.append("Query matches no ranks in system\n");
            absentHosts(err, resp.absentHosts());
            absentRanks(err, resp.absentRanks());
        } else if (verbose) {
            out.append(verboseTable(resp.members())).append('\n');
            absentHosts(err, resp.absentHosts());
            absentRanks(err, resp.absentRanks());
        } else {
            out.append(stateTable(resp.members(), resp.absentRanks())).append('\n');
            absentHosts(err, resp.absentHosts());
        }
        return new Output(out.toString(), err.toString());
    }

    private static String stateTable(List<SystemMember> members, RankSet absent) {
        Map<String, List<Long>> byState = new TreeMap<>();
        for (SystemMember m : members) {
            byState.computeIfAbsent(MemberState.fromWire(m.getState()).displayName(), s -> new ArrayList<>())
                    .add(Integer.toUnsignedLong(m.getRank()));
        }
        Map<String, RankSet> groups = new LinkedHashMap<>();
        byState.forEach((state, ranks) -> groups.put(state, RankSet.of(ranks.stream().mapToLong(Long::longValue)
                .toArray())));
        if (!absent.isEmpty()) {
            groups.put("Unknown Rank", absent);
        }
        List<Map.Entry<String, RankSet>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.<Map.Entry<String, RankSet>>comparingInt(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        TextTable table = new TextTable("Rank", "State");
        for (Map.Entry<String, RankSet> e : ordered) {
            table.row(ranged(e.getValue()), e.getKey());
        }
        return table.render();
    }

    /** A rank set as DAOS's tables show it: a lone rank bare ({@code 3}), several in brackets ({@code [2,4]}). */
    public static String ranged(RankSet ranks) {
        return ranks.size() == 1 ? ranks.toString() : ranks.toBracketedString();
    }

    private static String verboseTable(List<SystemMember> members) {
        TextTable table = new TextTable("Rank", "UUID", "Control Address", "Fault Domain", "State", "Reason");
        for (SystemMember m : members) {
            table.row(Integer.toUnsignedString(m.getRank()), uuid(m.getUuid()), m.getAddr(),
                    faultDomain(m.getFaultDomain()), MemberState.fromWire(m.getState()).displayName(), m.getInfo());
        }
        return table.render();
    }

    /** DAOS parses the UUID; an absent one reads as the nil UUID. */
    static String uuid(String uuid) {
        return uuid.isEmpty() ? "00000000-0000-0000-0000-000000000000" : uuid;
    }

    /** An absent fault domain is the root, {@code /}. */
    static String faultDomain(String domain) {
        return domain.isEmpty() ? "/" : domain;
    }

    private static void absentHosts(StringBuilder err, HostSet hosts) {
        if (!hosts.isEmpty()) {
            err.append("Unknown ").append(plural(hosts.size(), "host")).append(": ").append(hosts.toRangedString())
                    .append('\n');
        }
    }

    private static void absentRanks(StringBuilder err, RankSet ranks) {
        if (!ranks.isEmpty()) {
            err.append("Unknown ").append(plural(ranks.size(), "rank")).append(": ").append(ranks).append('\n');
        }
    }

    private static String plural(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }

    /**
     * The {@code Rank Operation Result} table of a stop, start (DAOS's {@code printSystemResults}): ranks with the
     * same action and result text ({@code OK} or the error) share a row, largest group first, then by action and
     * result; absent ranks are the row {@code ---- Unknown Rank}; absent hosts go to stderr. With no results at all:
     * "No results returned" and both absent sets on stderr.
     */
    public static Output systemResults(SystemResultsResponse resp) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        if (resp.results().isEmpty()) {
            out.append("No results returned\n");
            absentHosts(err, resp.absentHosts());
            absentRanks(err, resp.absentRanks());
            return new Output(out.toString(), err.toString());
        }
        // DAOS keys a row by action and result text only: outcomes that differ in state alone share it.
        Map<List<String>, List<Long>> rows = new LinkedHashMap<>();
        for (SystemResultsResponse.Group g : resp.groups()) {
            rows.computeIfAbsent(List.of(g.outcome().action(), resultCell(g.outcome().resultText())),
                    k -> new ArrayList<>()).addAll(g.ranks().ranks());
        }
        Map<List<String>, RankSet> groups = new LinkedHashMap<>();
        rows.forEach((k, ranks) -> groups.put(k, RankSet.of(ranks.stream().mapToLong(Long::longValue).toArray())));
        if (!resp.absentRanks().isEmpty()) {
            groups.put(List.of("----", "Unknown Rank"), resp.absentRanks());
        }
        List<Map.Entry<List<String>, RankSet>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.<Map.Entry<List<String>, RankSet>>comparingInt(e -> -e.getValue().size())
                .thenComparing(e -> String.join("\t", e.getKey())));
        TextTable table = new TextTable("Rank", "Operation", "Result");
        for (Map.Entry<List<String>, RankSet> e : ordered) {
            table.row(ranged(e.getValue()), e.getKey().get(0), e.getKey().get(1));
        }
        out.append(table.render()).append('\n');
        absentHosts(err, resp.absentHosts());
        return new Output(out.toString(), err.toString());
    }

    /** DAOS replaces the field separator (a tab) in a result message by a space. */
    private static String resultCell(String text) {
        return text.replace('\t', ' ');
    }

    /** {@code dmg system cleanup}: a summary line, or with {@code -v} the handles revoked per pool. */
    public static String systemCleanup(SystemCleanupResponse resp, boolean verbose) {
        if (resp.results().isEmpty()) {
            return "No handles cleaned up\n";
        }
        if (!verbose) {
            return "System Cleanup Success\n";
        }
        TextTable table = new TextTable("Pool", "Handles Revoked");
        resp.results().forEach(r -> table.row(r.getPoolId(), Integer.toUnsignedString(r.getCount())));
        return table.render() + "\n";
    }

    /** {@code dmg system get-attr}: {@code Name Value}, by name. */
    public static String systemAttributes(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return "No system attributes found.\n";
        }
        TextTable table = new TextTable("Name", "Value");
        new TreeMap<>(attributes).forEach(table::row);
        return table.render();
    }

    /** {@code dmg system get-prop}: {@code Name Value}, the name as "description (key)". */
    public static String systemProperties(List<SystemProperty.Value> properties) {
        if (properties.isEmpty()) {
            return "No system properties found.\n";
        }
        TextTable table = new TextTable("Name", "Value");
        properties.forEach(p -> table.row(p.property().description() + " (" + p.property().key() + ")", p.value()));
        return table.render();
    }

    /** The three lines of DAOS's leader query, or only the unresponsive replicas with {@code -N}. */
    public static String leaderQuery(LeaderQueryResponse resp, boolean downReplicasOnly) {
        String down = String.join(", ", resp.downReplicas());
        if (downReplicasOnly) {
            return "Unresponsive Replicas: " + down + "\n";
        }
        return "Current Leader: " + resp.leader() + "\n   Replica Set: " + String.join(", ", resp.replicas())
                + "\n  Unresponsive Replicas: " + down + "\n";
    }
}
