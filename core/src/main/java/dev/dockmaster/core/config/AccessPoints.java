package dev.dockmaster.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code access_points}: parses {@code host}, {@code host:port}, {@code [v6]} and {@code [v6]:port} entries, adds
 * the control port where none is written, and applies DAOS's rules (valid ports, no duplicates, odd count).
 */
final class AccessPoints {
    private AccessPoints() {
    }

    static List<String> normalise(Block root, int controlPort) {
        List<String> entries = root.strings("access_points");
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            String address = normaliseOne(root, entry.trim(), controlPort);
            if (address == null) {
                continue;
            }
            if (!seen.add(address)) {
                root.problem("access_points", ConfigFaultCodes.BAD_ACCESS_POINTS,
                        "duplicate access point address " + address,
                        "list each management-service replica once");
                continue;
            }
            out.add(address);
        }
        if (entries.isEmpty()) {
            root.problem("access_points", ConfigFaultCodes.BAD_ACCESS_POINTS, "no access points configured",
                    "list the management-service replica hosts in 'access_points', e.g. [localhost]");
        } else if (entries.size() % 2 == 0) {
            root.problem("access_points", ConfigFaultCodes.EVEN_ACCESS_POINTS,
                    "non-odd number of access points (" + entries.size() + ") in configuration",
                    "'access_points' must contain an odd number (1, 3, 5, ...) of addresses");
        }
        return out;
    }

    private static String normaliseOne(Block root, String entry, int controlPort) {
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                return invalid(root, entry);
            }
            host = entry.substring(0, close + 1);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else {
            int colons = (int) entry.chars().filter(c -> c == ':').count();
            if (colons > 1) {
                return invalid(root, entry);
            }
            int colon = entry.indexOf(':');
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]") || host.chars().anyMatch(Character::isWhitespace)) {
            return invalid(root, entry);
        }
        if (port == null) {
            return host + ":" + controlPort;
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number <= 0 || number > 65535) {
            root.problem("access_points", ConfigFaultCodes.BAD_CONTROL_PORT,
                    "invalid port in access point \"" + entry + "\"",
                    "give a port between 1 and 65535, or none to use 'port'");
            return null;
        }
        return host + ":" + number;
    }

    private static String invalid(Block root, String entry) {
        root.problem("access_points", ConfigFaultCodes.BAD_ACCESS_POINTS, "invalid access point \"" + entry + "\"",
                "write host, host:port, or [ipv6-address]:port");
        return null;
    }
}
