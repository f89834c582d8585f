package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;

/**
 * dmg's {@code -z/--size}: a total byte size ({@code 10TB}, {@code 1GiB}) or a percentage of the storage the
 * servers have free ({@code 50%}), an integer above 0 and at most 100.
 *
 * @param bytes   the total size; 0 for a percentage
 * @param percent the share of the available space; 0 for a byte size
 */
public record PoolSize(long bytes, int percent) {

    public static PoolSize ofBytes(long bytes) {
        return new PoolSize(bytes, 0);
    }

    public static PoolSize ofPercent(int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1-100: " + percent);
        }
        return new PoolSize(0, percent);
    }

    public boolean isPercentage() {
        return percent > 0;
    }

    /**
     * @throws Fault for a bad size ({@link ByteSizes#parse}) or a percentage out of range: {@code Creating DAOS pool
     *               with invalid full size ratio 0%: allowed range 0 < ratio <= 100}
     */
    public static PoolSize parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.endsWith("%")) {
            return ofBytes(ByteSizes.parse(text));
        }
        String number = trimmed.substring(0, trimmed.length() - 1).strip();
        long ratio;
        try {
            if (!number.matches("\\d+")) {
                throw new NumberFormatException(number);
            }
            ratio = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw PoolInputs.invalid("invalid pool size ratio " + PoolInputs.quote(text)
                    + ": strconv.ParseUint: parsing " + PoolInputs.quote(number) + ": invalid syntax",
                    "give a whole percentage such as 50%");
        }
        if (ratio <= 0 || ratio > 100) {
            throw PoolInputs.invalid("Creating DAOS pool with invalid full size ratio " + text
                    + ": allowed range 0 < ratio <= 100", "give a whole percentage from 1% to 100%");
        }
        return ofPercent((int) ratio);
    }
}
