package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an automatically sized pool splits its total between the storage tiers (SCM, NVMe), as fractions of 1. dmg's
 * {@code -t 6,94} reads as percentages rounded to two places; one figure below 100 ({@code -t 6}) leaves the rest to
 * NVMe. The default is DAOS's 6 % SCM, 94 % NVMe.
 */
public record TierRatio(List<Double> fractions) {
    public static final TierRatio DEFAULT = new TierRatio(List.of(0.06, 0.94));

    public TierRatio {
        fractions = List.copyOf(fractions);
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("no tier ratio");
        }
    }

    public double scm() {
        return fractions.get(0);
    }

    public double nvme() {
        return fractions.size() > 1 ? fractions.get(1) : 0;
    }

    /**
     * @throws Fault {@code invalid tier ratio "x"}, {@code Storage tier ratio must be a value between 0-100},
     *               {@code Storage tier ratios must add up to 100 (got 90.000000)}
     */
    public static TierRatio parse(String text) {
        if (text == null || text.isEmpty()) {
            throw PoolInputs.invalid("no tier ratio specified", "give tier percentages such as 6,94");
        }
        List<Double> ratios = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String number = trimPercent(part).strip();
            double percent;
            try {
                if (number.isEmpty() || !number.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException(number);
                }
                percent = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw PoolInputs.invalid("invalid tier ratio " + PoolInputs.quote(part),
                        "give tier percentages such as 6,94");
            }
            ratios.add(Math.round(percent * 100) / 100.0 / 100);
        }
        // One figure below 100 % is the SCM share; NVMe gets the rest. A lone 100 is an SCM-only pool.
        if (ratios.size() == 1) {
            ratios.add(ratios.get(0) < 1 ? 1 - ratios.get(0) : 0.0);
        }
        double total = 0;
        for (double ratio : ratios) {
            if (ratio < 0 || ratio > 1) {
                throw PoolInputs.invalid("Storage tier ratio must be a value between 0-100",
                        "give tier percentages such as 6,94");
            }
            total += ratio;
        }
        if (Math.abs(total - 1) > 0.01) {
            throw PoolInputs.invalid(String.format(Locale.ROOT, "Storage tier ratios must add up to 100 (got %f)",
                    total * 100), "give tier percentages that add up to 100, such as 6,94");
        }
        return new TierRatio(ratios);
    }

    /** Go's {@code strings.Trim(s, "%")}: percent signs off both ends. */
    private static String trimPercent(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '%') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '%') {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code 6.00%}: one ratio as dmg prints it. */
    public static String print(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
