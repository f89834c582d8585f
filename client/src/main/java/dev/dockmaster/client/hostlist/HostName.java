package dev.dockmaster.client.hostlist;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One host, {@code name[:port]}, split into the parts that ranged notation needs: a prefix, an optional run of
 * digits (kept as written, so zero padding survives) and a suffix (which holds the port).
 *
 * <p>Identity is the text; the split only decides how hosts compress into ranges and how they sort. The number is
 * found the way DAOS finds it: the last octet of an IPv4 address, else the digits after the last hyphen of a
 * hyphenated name ({@code wolf-71}, {@code node1-2}), else the first digit run after a letter ({@code host12.lab}).
 */
record HostName(String text, String prefix, String digits, long number, String suffix) {

    static final Comparator<HostName> NATURAL_ORDER = Comparator.comparing(HostName::prefix)
            .thenComparing(HostName::suffix)
            .thenComparing(HostName::hasNumber)
            .thenComparingLong(HostName::number)
            .thenComparingInt(h -> h.digits.length())
            .thenComparing(HostName::text);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.)(\\d{1,3})");
    private static final Pattern HYPHENATED = Pattern.compile("([A-Za-z0-9-]*-)(\\d+)(.*)");
    private static final Pattern LETTERS_THEN_DIGITS = Pattern.compile("([A-Za-z0-9._-]*?[A-Za-z._-])(\\d+)(.*)");
    private static final int MAX_DIGITS = 18;

    boolean hasNumber() {
        return !digits.isEmpty();
    }

    /** The host without its {@code :port}. */
    String name() {
        int colon = text.lastIndexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    Optional<Integer> port() {
        int colon = text.lastIndexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(Integer.parseInt(text.substring(colon + 1)));
    }

    /**
     * Validates and splits one expanded host.
     *
     * @return the parsed host, or a description of what is wrong with it in {@code problem}
     */
    static HostName parse(String host, StringBuilder problem) {
        String name = host;
        String portSuffix = "";
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (host.indexOf(':', colon + 1) >= 0) {
                problem.append("host \"").append(host).append("\" has more than one ':' (IPv6 is not supported)");
                return null;
            }
            name = host.substring(0, colon);
            String port = host.substring(colon + 1);
            if (!isPort(port)) {
                problem.append("host \"").append(host).append("\" has an invalid port \"").append(port)
                        .append("\" (want a number from 1 to 65535)");
                return null;
            }
            portSuffix = ":" + Integer.parseInt(port);
        }
        if (name.isEmpty()) {
            problem.append("host \"").append(host).append("\" has no name");
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problem.append("host \"").append(host)
                    .append("\" may only contain letters, digits, '.', '-' and '_' and must start with a letter or digit");
            return null;
        }
        String text = name + portSuffix;
        Matcher m = IPV4.matcher(name);
        if (m.matches()) {
            return numbered(text, m.group(1), m.group(2), portSuffix);
        }
        m = HYPHENATED.matcher(name);
        if (m.matches() && m.group(2).length() <= MAX_DIGITS) {
            return numbered(text, m.group(1), m.group(2), m.group(3) + portSuffix);
        }
        m = LETTERS_THEN_DIGITS.matcher(name);
        if (m.matches() && m.group(2).length() <= MAX_DIGITS) {
            return numbered(text, m.group(1), m.group(2), m.group(3) + portSuffix);
        }
        return new HostName(text, name, "", -1, portSuffix);
    }

    private static HostName numbered(String text, String prefix, String digits, String suffix) {
        return new HostName(text, prefix, digits, Long.parseLong(digits), suffix);
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    /** {@code number} written with at least {@code width} digits, as in a bracketed range. */
    static String pad(long number, int width) {
        String plain = Long.toString(number);
        return plain.length() >= width ? plain : "0".repeat(width - plain.length()) + plain;
    }
}
