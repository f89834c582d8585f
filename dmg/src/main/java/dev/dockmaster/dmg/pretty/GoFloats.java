package dev.dockmaster.dmg.pretty;

import java.math.BigDecimal;

/**
 * Floating-point numbers written as Go writes them, so dmg's output matches DAOS's byte for byte: {@code %g}
 * (shortest digits, exponent form below 1e-4 and from 1e6, {@code +Inf}/{@code -Inf}/{@code NaN}) and
 * {@code encoding/json} (shortest digits, exponent form below 1e-6 and from 1e21).
 */
public final class GoFloats {
    private GoFloats() {
    }

    /** Go's {@code fmt.Sprintf("%g", v)}. */
    public static String g(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        Shortest s = Shortest.of(v);
        return s.exponent < -4 || s.exponent >= 6 ? s.scientific() : s.plain();
    }

    /** Go's {@code encoding/json} text of a finite float64. */
    public static String json(double v) {
        if (v == 0) {
            return "0";
        }
        Shortest s = Shortest.of(v);
        double abs = Math.abs(v);
        if (abs < 1e-6 || abs >= 1e21) {
            // Go writes 'e' format and then shortens a two-digit negative exponent: 1e-07 becomes 1e-7.
            String text = s.scientific();
            return text.replaceFirst("e-0(\\d)$", "e-$1");
        }
        return s.plain();
    }

    /** The shortest decimal digits of a double and the power of ten of the first one. */
    private record Shortest(boolean negative, String digits, int exponent, BigDecimal value) {
        static Shortest of(double v) {
            BigDecimal value = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
            String digits = value.unscaledValue().toString();
            int exponent = digits.length() - 1 - value.scale();
            return new Shortest(v < 0, digits, exponent, value);
        }

        String scientific() {
            StringBuilder out = new StringBuilder(negative ? "-" : "");
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }

        String plain() {
            return (negative ? "-" : "") + value.toPlainString();
        }
    }
}
