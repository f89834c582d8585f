package dev.dockmaster.core.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises PCI addresses in {@code bdev_list} and {@code bdev_exclude}: {@code 0000:81:00.0}, VMD {@code 5d0505:01:00.0}. */
final class PciAddress {
    private PciAddress() {
    }

    private static final Pattern VALID = Pattern.compile(
            "[0-9a-fA-F]{4}([0-9a-fA-F]{2})?:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-9a-fA-F]");

    /** Shaped like a PCI address (three colon-separated parts), so it is meant as one, valid or not. */
    static boolean looksLikePci(String entry) {
        String[] parts = entry.split(":", -1);
        return parts.length == 3 && (parts[0].length() == 4 || parts[0].length() == 6) && parts[1].length() == 2
                && parts[2].length() >= 2;
    }

    static boolean isValid(String entry) {
        return VALID.matcher(entry).matches();
    }

    /** The form used to compare addresses: lower case. */
    static String canonical(String entry) {
        return entry.toLowerCase(Locale.ROOT);
    }
}
