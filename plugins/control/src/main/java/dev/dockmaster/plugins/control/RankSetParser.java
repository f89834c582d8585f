package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.Fault;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code ranks} string of a {@code ctl.RanksReq}: DAOS's rank-set syntax, such as {@code 0-3,5}, optionally
 * in brackets ({@code [0-3,5]}), elements separated by commas or blanks. Ranks are unsigned 32-bit numbers below
 * DAOS's NilRank ({@code 0xFFFFFFFF}); a range spans at most {@value #MAX_RANGE} ranks, the limit DAOS's host and
 * rank lists share, so a hostile request cannot make the server enumerate billions of ranks.
 */
final class RankSetParser {
    static final long MAX_RANK = 0xFFFF_FFFEL;
    static final int MAX_RANGE = 16384;

    private RankSetParser() {
    }

    /**
     * @return the ranks, as the unsigned bits of an {@code int} (the SPI's rank type)
     * @throws Fault 600 (server) when the text is empty or not a rank set
     */
    static Set<Integer> parse(String text) {
        String body = text == null ? "" : text.strip();
        if (body.startsWith("[") && body.endsWith("]") && body.length() >= 2) {
            body = body.substring(1, body.length() - 1).strip();
        }
        if (body.isEmpty()) {
            throw invalid(text, "no ranks specified in request");
        }
        Set<Integer> ranks = new TreeSet<>(Integer::compareUnsigned);
        for (String element : body.split("\\s*,\\s*|\\s+", -1)) {
            int dash = element.indexOf('-');
            long lo = number(text, dash < 0 ? element : element.substring(0, dash));
            long hi = dash < 0 ? lo : number(text, element.substring(dash + 1));
            if (hi < lo) {
                throw invalid(text, "range " + element + " runs backwards");
            }
            if (hi - lo >= MAX_RANGE) {
                throw invalid(text, "range " + element + " spans more than " + MAX_RANGE + " ranks");
            }
            for (long r = lo; r <= hi; r++) {
                ranks.add((int) r);
            }
        }
        return Collections.unmodifiableSet(ranks);
    }

    private static long number(String text, String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            throw invalid(text, "\"" + digits + "\" is not a rank number");
        }
        long value = Long.parseLong(digits);
        if (value > MAX_RANK) {
            throw invalid(text, "rank " + value + " is larger than the maximum " + MAX_RANK);
        }
        return value;
    }

    private static Fault invalid(String text, String problem) {
        return new Fault("server", 600, "invalid rank set \"" + (text == null ? "" : text) + "\": " + problem,
                "give ranks as a comma-separated list of ranks and ranges, such as 0-3,5");
    }
}
