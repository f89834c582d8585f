package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.Fault;

import java.util.Collection;
import java.util.TreeSet;

/**
 * DAOS rank sets in their string form: {@code 0-3,5,7-8} (brackets accepted on input), as SystemQuery's
 * {@code ranks} and {@code absentranks} carry them.
 */
public final class Ranks {
    /** DAOS's NilRank: "assign me a rank". */
    public static final int NIL_RANK = 0xFFFFFFFF;
    /** The largest rank DAOS allows (0xFFFFFFFE), as an unsigned value. */
    static final long MAX_RANK = 0xFFFFFFFEL;

    private Ranks() {
    }

    /** Parses a rank set; an empty text is an empty set. */
    public static TreeSet<Long> parse(String text) {
        TreeSet<Long> ranks = new TreeSet<>();
        String body = text.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        if (body.isBlank()) {
            return ranks;
        }
        for (String part : body.split(",")) {
            String item = part.strip();
            int dash = item.indexOf('-');
            long low;
            long high;
            try {
                if (dash < 0) {
                    low = Long.parseLong(item);
                    high = low;
                } else {
                    low = Long.parseLong(item.substring(0, dash).strip());
                    high = Long.parseLong(item.substring(dash + 1).strip());
                }
            } catch (NumberFormatException e) {
                throw badRanks(text, "\"" + item + "\" is not a rank or a range");
            }
            if (low < 0 || high > MAX_RANK || low > high) {
                throw badRanks(text, "\"" + item + "\" is out of range 0-" + MAX_RANK + " or reversed");
            }
            if (high - low > 1_000_000) {
                throw badRanks(text, "\"" + item + "\" spans more than a million ranks");
            }
            for (long r = low; r <= high; r++) {
                ranks.add(r);
            }
        }
        return ranks;
    }

    /** The compact form without brackets: {@code 0-3,5}; empty for no ranks. */
    public static String format(Collection<Long> ranks) {
        StringBuilder out = new StringBuilder();
        Long start = null;
        Long previous = null;
        for (long rank : new TreeSet<>(ranks)) {
            if (previous != null && rank == previous + 1) {
                previous = rank;
                continue;
            }
            appendRange(out, start, previous);
            start = rank;
            previous = rank;
        }
        appendRange(out, start, previous);
        return out.toString();
    }

    private static void appendRange(StringBuilder out, Long start, Long end) {
        if (start == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(start);
        if (!end.equals(start)) {
            out.append('-').append(end);
        }
    }

    static Fault badRanks(String text, String why) {
        return new Fault("system", 400, "invalid rank set \"" + text + "\": " + why,
                "write ranks as a comma-separated list of ranks and ranges, such as 0-3,5");
    }
}
