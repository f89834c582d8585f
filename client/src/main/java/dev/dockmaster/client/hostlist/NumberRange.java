package dev.dockmaster.client.hostlist;

import java.util.function.Function;

/** One {@code lo} or {@code lo-hi} element of a bracketed range; {@code width} is the written width of {@code lo}. */
record NumberRange(long lo, long hi, int width) {
    private static final int MAX_DIGITS = 18;

    long count() {
        return hi - lo + 1;
    }

    static NumberRange parse(String text, long maxCount, Function<String, RuntimeException> error) {
        if (text.isEmpty()) {
            throw error.apply("empty element (check for doubled or trailing commas)");
        }
        int dash = text.indexOf('-');
        String loText = dash < 0 ? text : text.substring(0, dash);
        String hiText = dash < 0 ? text : text.substring(dash + 1);
        long lo = number(loText, text, error);
        long hi = number(hiText, text, error);
        if (hi < lo) {
            throw error.apply("\"" + text + "\" runs backwards (" + hi + " < " + lo + ")");
        }
        if (hi - lo + 1 > maxCount) {
            throw error.apply("\"" + text + "\" spans " + (hi - lo + 1) + " values, more than the limit of " + maxCount);
        }
        return new NumberRange(lo, hi, loText.length());
    }

    private static long number(String digits, String element, Function<String, RuntimeException> error) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(Character::isDigit)) {
            throw error.apply("\"" + element + "\" is not a number or a lo-hi range of non-negative numbers");
        }
        return Long.parseLong(digits);
    }
}
