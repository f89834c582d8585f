package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.Fault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Slurm-style host lists as DAOS writes them ({@code node[1-3]}, {@code 10.8.1.[20-22]}, {@code host[001-003]},
 * with an optional {@code :port} suffix), expanded to single names for matching members' hosts.
 */
public final class HostList {
    private static final int MAX_RANGE = 16384;

    private HostList() {
    }

    /** Every host of a list, in order, without duplicates; an empty text is an empty set. */
    public static Set<String> expand(String text) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String item : splitTopLevel(text)) {
            if (!item.isBlank()) {
                expandOne(text, item.strip(), hosts);
            }
        }
        return hosts;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (depth != 0) {
            throw badHosts(text, "unbalanced brackets");
        }
        items.add(current.toString());
        return items;
    }

    private static void expandOne(String text, String item, Set<String> out) {
        int open = item.indexOf('[');
        if (open < 0) {
            out.add(item);
            return;
        }
        int close = item.indexOf(']', open);
        String prefix = item.substring(0, open);
        String suffix = item.substring(close + 1);
        for (String range : item.substring(open + 1, close).split(",")) {
            String r = range.strip();
            int dash = r.indexOf('-');
            String lowText = dash < 0 ? r : r.substring(0, dash);
            String highText = dash < 0 ? r : r.substring(dash + 1);
            long low;
            long high;
            try {
                low = Long.parseLong(lowText);
                high = Long.parseLong(highText);
            } catch (NumberFormatException e) {
                throw badHosts(text, "\"" + r + "\" is not a number range");
            }
            if (low > high || high - low >= MAX_RANGE) {
                throw badHosts(text, "range \"" + r + "\" is reversed or longer than " + MAX_RANGE);
            }
            int width = lowText.startsWith("0") && lowText.length() > 1 ? lowText.length() : 0;
            for (long n = low; n <= high; n++) {
                String number = width > 0 ? String.format("%0" + width + "d", n) : Long.toString(n);
                expandOne(text, prefix + number + suffix, out);
            }
        }
    }

    static Fault badHosts(String text, String why) {
        return new Fault("system", 400, "invalid host list \"" + text + "\": " + why,
                "write hosts as a comma-separated list such as node[1-3] or 10.0.0.[1-2]:10001");
    }
}
