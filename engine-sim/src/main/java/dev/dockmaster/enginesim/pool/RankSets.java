package dev.dockmaster.enginesim.pool;

import java.util.Collection;
import java.util.TreeSet;

/** Rank sets as the engine prints them in PoolQueryResp: bracketed ranges, {@code [0-3,5]}, {@code []} when empty. */
public final class RankSets {
    private RankSets() {
    }

    public static String bracketed(Collection<Integer> ranks) {
        StringBuilder out = new StringBuilder("[");
        Integer start = null;
        Integer prev = null;
        for (int r : new TreeSet<>(ranks)) {
            if (start == null) {
                start = r;
            } else if (r != prev + 1) {
                append(out, start, prev);
                start = r;
            }
            prev = r;
        }
        if (start != null) {
            append(out, start, prev);
        }
        return out.append(']').toString();
    }

    private static void append(StringBuilder out, int start, int end) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append(start);
        if (end != start) {
            out.append('-').append(end);
        }
    }
}
