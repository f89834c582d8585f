package dev.dockmaster.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the known name nearest to a misspelt one (Levenshtein distance), as a typo is the usual cause. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate, when it is close enough to be a plausible typo. */
    static Optional<String> suggest(String wrong, Collection<String> candidates) {
        String lower = wrong.toLowerCase(java.util.Locale.ROOT);
        int limit = Math.max(2, wrong.length() / 3);
        return candidates.stream()
                .filter(c -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)) <= limit)
                .min(Comparator.<String>comparingInt(c -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** {@code " (did you mean \"x\"?)"} or the empty string. */
    static String hint(String wrong, Collection<String> candidates) {
        return suggest(wrong, candidates).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
