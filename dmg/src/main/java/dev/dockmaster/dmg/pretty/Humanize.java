package dev.dockmaster.dmg.pretty;

/** Byte counts in the forms go-humanize prints and DAOS shows: SI ({@code 3.2 TB}) and IEC ({@code 954 MiB}). */
public final class Humanize {
    private static final String[] SI = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Humanize() {
    }

    /** Decimal units, as {@code humanize.Bytes}. */
    public static String bytes(long value) {
        return format(value, 1000, SI);
    }

    /** Binary units, as {@code humanize.IBytes}. */
    public static String iBytes(long value) {
        return format(value, 1024, IEC);
    }

    private static String format(long value, int base, String[] units) {
        double size = Long.compareUnsigned(value, 0) < 0 ? value + 0x1p64 : (double) value;
        if (size < 10) {
            return String.format("%d B", value);
        }
        int exp = (int) Math.floor(Math.log(size) / Math.log(base));
        exp = Math.min(exp, units.length - 1);
        double scaled = Math.floor(size / Math.pow(base, exp) * 10 + 0.5) / 10;
        // Go formats with correct (half-even on exact ties) rounding; BigDecimal of the double does the same.
        String number = new java.math.BigDecimal(scaled)
                .setScale(scaled < 10 ? 1 : 0, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return number + " " + units[exp];
    }

    /** A plain number with an SI prefix, as {@code humanize.SI}: {@code 8 GT/s}, {@code 0 T/s}. */
    public static String si(double value, String unit) {
        if (value == 0) {
            return "0 " + unit;
        }
        String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
        int exp = 0;
        double v = Math.abs(value);
        while (v >= 1000 && exp < prefixes.length - 1) {
            v /= 1000;
            exp++;
        }
        String number = new java.math.BigDecimal(value < 0 ? -v : v).setScale(6, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        return number + " " + prefixes[exp] + unit;
    }

    /** {@code 1 controller}, {@code 0 controllers}: DAOS's {@code Pluralise}. */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
