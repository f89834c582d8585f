package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DAOS's pool label rules ({@code daos_label_is_valid}): 1 to 127 characters, each a letter, digit, {@code .},
 * {@code _}, {@code :} or {@code -}, and not something that reads as a UUID (a pool is named by either, never a
 * label that could be taken for another pool's UUID).
 */
public final class PoolLabels {
    public static final int MAX_LENGTH = 127;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PoolLabels() {
    }

    public static boolean isValid(String label) {
        if (label == null || label.isEmpty() || label.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return !isUuid(label);
    }

    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }

    /**
     * A pool identifier as dmg takes it (DAOS's LabelOrUUIDFlag): a UUID (lower-cased), else a valid label.
     *
     * @throws Fault {@code invalid label "bad label!"}
     */
    public static String parseId(String id) {
        if (isUuid(id)) {
            return id.toLowerCase(Locale.ROOT);
        }
        return check(id);
    }

    /** @throws Fault {@code invalid label "..."} unless {@link #isValid} */
    public static String check(String label) {
        if (!isValid(label)) {
            throw PoolInputs.invalid("invalid label " + PoolInputs.quote(label == null ? "" : label),
                    "a pool label has 1-" + MAX_LENGTH + " letters, digits or . _ : - and is not a UUID");
        }
        return label;
    }
}
