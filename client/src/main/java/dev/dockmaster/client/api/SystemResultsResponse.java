package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.proto.shared.RankResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-rank outcome of a system command (stop, start, exclude, erase) as the management service leader collected
 * it from the fan-out, and the selected ranks and hosts that are no member.
 *
 * @param results     one result per rank
 * @param absentRanks selected ranks that are no member
 * @param absentHosts selected hosts that run no member
 * @param hostErrors  errored results turned into per-host errors ("2 ranks failed: ..."); only erase has them
 */
public record SystemResultsResponse(List<RankResult> results, RankSet absentRanks, HostSet absentHosts,
                                    HostErrors hostErrors) {
    public SystemResultsResponse {
        results = List.copyOf(results);
        Objects.requireNonNull(absentRanks, "absentRanks");
        Objects.requireNonNull(absentHosts, "absentHosts");
        Objects.requireNonNull(hostErrors, "hostErrors");
    }

    public SystemResultsResponse(List<RankResult> results, RankSet absentRanks, HostSet absentHosts) {
        this(results, absentRanks, absentHosts, HostErrors.none());
    }

    /** What ranks with an identical result share. */
    public record Outcome(String action, boolean errored, String msg, MemberState state) {
        static Outcome of(RankResult r) {
            return new Outcome(r.getAction(), r.getErrored(), r.getMsg(), MemberState.fromWire(r.getState()));
        }

        /** As DAOS's result column shows it: {@code OK}, or the error message. */
        public String resultText() {
            return errored ? msg : "OK";
        }
    }

    /** One outcome and the ranks that had it. */
    public record Group(Outcome outcome, RankSet ranks) {
    }

    /** Ranks grouped by outcome: the largest group first, then by action and result text. */
    public List<Group> groups() {
        Map<Outcome, List<Long>> byOutcome = new LinkedHashMap<>();
        for (RankResult r : results) {
            byOutcome.computeIfAbsent(Outcome.of(r), o -> new ArrayList<>()).add(Integer.toUnsignedLong(r.getRank()));
        }
        List<Group> groups = new ArrayList<>();
        byOutcome.forEach((o, ranks) -> groups.add(new Group(o, RankSet.of(ranks.stream().mapToLong(Long::longValue)
                .toArray()))));
        groups.sort(Comparator.comparingInt((Group g) -> -g.ranks().size())
                .thenComparing(g -> g.outcome().action())
                .thenComparing(g -> g.outcome().resultText())
                .thenComparing(g -> g.outcome().state()));
        return groups;
    }

    /** The ranks whose result errored. */
    public RankSet failedRanks() {
        return RankSet.of(results.stream().filter(RankResult::getErrored)
                .mapToLong(r -> Integer.toUnsignedLong(r.getRank())).toArray());
    }

    /** DAOS's {@code MemberResults.Errors()}: "failed rank 3" / "failed ranks 1-2,5". */
    public Optional<String> resultErrors() {
        RankSet failed = failedRanks();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("failed " + (failed.size() == 1 ? "rank" : "ranks") + " " + failed);
    }

    /**
     * DAOS's stop/start {@code Errors()}: absent hosts and ranks, then "check results for failed ranks ...", joined
     * with ", "; empty when every selected member exists and no result errored.
     */
    public Optional<String> errors() {
        List<String> parts = new ArrayList<>();
        if (!absentHosts.isEmpty()) {
            parts.add("non-existent hosts " + absentHosts.toRangedString());
        }
        if (!absentRanks.isEmpty()) {
            parts.add("non-existent ranks " + absentRanks);
        }
        resultErrors().ifPresent(e -> parts.add("check results for " + e));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }
}
