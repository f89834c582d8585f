package dev.dockmaster.client;

import java.time.Duration;

/** Renders durations the way Go's {@code time.Duration.String()} does ({@code 5m0s}, {@code 1.5s}, {@code 300ms}), as DAOS prints them. */
public final class GoDurations {
    private GoDurations() {
    }

    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long abs = Math.abs(nanos);
        if (abs < 1_000L) {
            return sign + abs + "ns";
        }
        if (abs < 1_000_000L) {
            return sign + fraction(abs, 1_000L) + "µs";
        }
        if (abs < 1_000_000_000L) {
            return sign + fraction(abs, 1_000_000L) + "ms";
        }
        long hours = abs / 3_600_000_000_000L;
        long rem = abs % 3_600_000_000_000L;
        long minutes = rem / 60_000_000_000L;
        rem %= 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(fraction(rem, 1_000_000_000L)).append('s');
        return out.toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
        return whole + "." + digits.replaceAll("0+$", "");
    }
}
