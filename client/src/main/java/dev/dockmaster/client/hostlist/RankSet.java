package dev.dockmaster.client.hostlist;

import dev.dockmaster.client.ClientFaults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * An immutable, sorted set of engine ranks (unsigned 32-bit, {@value #MAX_RANK} at most; {@code 0xFFFFFFFF} is
 * DAOS's NilRank). Parsed from {@code 0-3,5} or {@code [0-3,5]}; printed without brackets as the control plane
 * writes rank strings ({@link #toString()}) or with brackets as engines and dmg tables do ({@link #toBracketedString()}).
 */
public final class RankSet {
    public static final long MAX_RANK = 0xFFFF_FFFEL;
    /** At most this many ranks per {@code lo-hi} range, as for host ranges. */
    public static final int MAX_RANGE = HostSet.MAX_RANGE;

    private static final RankSet EMPTY = new RankSet(new long[0]);

    private final long[] ranks; // strictly increasing

    private RankSet(long[] ranks) {
        this.ranks = ranks;
    }

    public static RankSet empty() {
        return EMPTY;
    }

    public static RankSet of(long... ranks) {
        TreeSet<Long> set = new TreeSet<>();
        for (long rank : ranks) {
            if (rank < 0 || rank > MAX_RANK) {
                throw ClientFaults.invalidRankList(Long.toString(rank), "rank out of range 0-" + MAX_RANK);
            }
            set.add(rank);
        }
        return from(set);
    }

    /** Parses {@code "0-3,5"}, {@code "[0-3,5]"}, {@code "1 2 3"}; blank or {@code "[]"} is the empty set. */
    public static RankSet parse(String text) {
        String body = text == null ? "" : text.strip();
        if (body.startsWith("[") != body.endsWith("]")) {
            throw ClientFaults.invalidRankList(text, "unbalanced brackets");
        }
        if (body.startsWith("[")) {
            body = body.substring(1, body.length() - 1).strip();
        }
        if (body.contains("[") || body.contains("]")) {
            throw ClientFaults.invalidRankList(text, "brackets may only enclose the whole list");
        }
        TreeSet<Long> set = new TreeSet<>();
        if (body.isEmpty()) {
            return EMPTY;
        }
        for (String element : body.split("\\s*,\\s*|\\s+", -1)) {
            NumberRange range = NumberRange.parse(element, MAX_RANGE,
                    problem -> ClientFaults.invalidRankList(text, problem));
            if (range.hi() > MAX_RANK) {
                throw ClientFaults.invalidRankList(text, "rank " + range.hi() + " is larger than the maximum " + MAX_RANK);
            }
            for (long r = range.lo(); r <= range.hi(); r++) {
                set.add(r);
            }
        }
        return from(set);
    }

    private static RankSet from(TreeSet<Long> set) {
        return set.isEmpty() ? EMPTY : new RankSet(set.stream().mapToLong(Long::longValue).toArray());
    }

    public RankSet union(RankSet other) {
        TreeSet<Long> set = new TreeSet<>();
        Arrays.stream(ranks).forEach(set::add);
        Arrays.stream(other.ranks).forEach(set::add);
        return from(set);
    }

    public boolean contains(long rank) {
        return Arrays.binarySearch(ranks, rank) >= 0;
    }

    public int size() {
        return ranks.length;
    }

    public boolean isEmpty() {
        return ranks.length == 0;
    }

    public List<Long> ranks() {
        return Arrays.stream(ranks).boxed().toList();
    }

    /** {@code 0-3,5}: the form of {@code RanksReq.ranks} and system request rank strings. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < ranks.length) {
            int j = i;
            while (j + 1 < ranks.length && ranks[j + 1] == ranks[j] + 1) {
                j++;
            }
            parts.add(i == j ? Long.toString(ranks[i]) : ranks[i] + "-" + ranks[j]);
            i = j + 1;
        }
        return String.join(",", parts);
    }

    /** {@code [0-3,5]}, and {@code []} when empty: the form engines and dmg tables use. */
    public String toBracketedString() {
        return "[" + this + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankSet other && Arrays.equals(ranks, other.ranks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranks);
    }
}
