package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Byte sizes as dmg reads them (go-humanize's {@code ParseBytes}, which DAOS uses for every size flag): a number
 * (digits, a decimal point, thousands commas) then an optional unit, case-insensitive. Decimal units are powers of
 * 1000 ({@code k}/{@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb}, {@code t}, {@code p}, {@code e}), binary
 * ones powers of 1024 ({@code ki}/{@code kib}, {@code gi}/{@code gib} ...); no unit or {@code b} means bytes. So
 * {@code 10G} is 10,000,000,000 bytes and {@code 1GiB} 1,073,741,824. Fractions are truncated to whole bytes.
 */
public final class ByteSizes {
    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64);
    private static final Map<String, BigInteger> UNITS = Map.ofEntries(
            Map.entry("", BigInteger.ONE), Map.entry("b", BigInteger.ONE),
            Map.entry("k", pow(1000, 1)), Map.entry("kb", pow(1000, 1)),
            Map.entry("ki", pow(1024, 1)), Map.entry("kib", pow(1024, 1)),
            Map.entry("m", pow(1000, 2)), Map.entry("mb", pow(1000, 2)),
            Map.entry("mi", pow(1024, 2)), Map.entry("mib", pow(1024, 2)),
            Map.entry("g", pow(1000, 3)), Map.entry("gb", pow(1000, 3)),
            Map.entry("gi", pow(1024, 3)), Map.entry("gib", pow(1024, 3)),
            Map.entry("t", pow(1000, 4)), Map.entry("tb", pow(1000, 4)),
            Map.entry("ti", pow(1024, 4)), Map.entry("tib", pow(1024, 4)),
            Map.entry("p", pow(1000, 5)), Map.entry("pb", pow(1000, 5)),
            Map.entry("pi", pow(1024, 5)), Map.entry("pib", pow(1024, 5)),
            Map.entry("e", pow(1000, 6)), Map.entry("eb", pow(1000, 6)),
            Map.entry("ei", pow(1024, 6)), Map.entry("eib", pow(1024, 6)));

    private ByteSizes() {
    }

    private static BigInteger pow(int base, int exp) {
        return BigInteger.valueOf(base).pow(exp);
    }

    /**
     * @return the size in bytes, an unsigned 64-bit number
     * @throws Fault {@code invalid size "10X"} for anything else (an empty text, a unit dmg does not know, a size of
     *               2^64 bytes or more)
     */
    public static long parse(String text) {
        if (text == null || text.isEmpty()) {
            throw PoolInputs.invalid("no size specified", "give a size such as 10GB, 1TiB or 500MB");
        }
        int digits = 0;
        while (digits < text.length() && (Character.isDigit(text.charAt(digits)) || text.charAt(digits) == '.'
                || text.charAt(digits) == ',')) {
            digits++;
        }
        String number = text.substring(0, digits).replace(",", "");
        BigInteger unit = UNITS.get(text.substring(digits).strip().toLowerCase(Locale.ROOT));
        if (number.isEmpty() || unit == null || number.chars().filter(c -> c == '.').count() > 1
                || number.equals(".")) {
            throw invalidSize(text);
        }
        BigInteger bytes = new BigDecimal(number).multiply(new BigDecimal(unit)).toBigInteger();
        if (bytes.compareTo(MAX_UNSIGNED) >= 0) {
            throw invalidSize(text);
        }
        return bytes.longValue();
    }

    private static Fault invalidSize(String text) {
        return PoolInputs.invalid("invalid size " + PoolInputs.quote(text),
                "give a number with an optional unit: B, kB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB,"
                        + " PiB (powers of 1024)");
    }
}
