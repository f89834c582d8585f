package dev.dockmaster.client.hostlist;

import dev.dockmaster.client.ClientFaults;

import java.util.ArrayList;
import java.util.List;

/** Splits host list text into entries and expands each entry's bracketed ranges into single hosts. */
final class HostListParser {
    private HostListParser() {
    }

    static List<HostName> expand(String text) {
        List<HostName> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String entry : split(text)) {
            expandEntry(text, entry, out);
        }
        return out;
    }

    /** Splits at commas, spaces and tabs that are not inside brackets. */
    static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (depth <= 0 && (c == ',' || Character.isWhitespace(c))) {
                if (current.length() > 0) {
                    entries.add(current.toString());
                    current.setLength(0);
                }
                depth = 0;
                continue;
            }
            current.append(c);
        }
        if (current.length() > 0) {
            entries.add(current.toString());
        }
        return entries;
    }

    private static void expandEntry(String input, String entry, List<HostName> out) {
        int open = entry.indexOf('[');
        int close = entry.indexOf(']');
        if (open < 0 && close < 0) {
            out.add(single(input, entry));
            return;
        }
        if (open < 0 || close < 0 || close < open) {
            throw ClientFaults.invalidHostList(input, "unbalanced brackets in \"" + entry + "\"");
        }
        if (entry.indexOf('[', open + 1) >= 0 || entry.indexOf(']', close + 1) >= 0) {
            throw ClientFaults.invalidHostList(input, "\"" + entry + "\" has more than one bracketed range");
        }
        String prefix = entry.substring(0, open);
        String suffix = entry.substring(close + 1);
        if (prefix.isEmpty()) {
            throw ClientFaults.invalidHostList(input, "range \"" + entry + "\" has no host name before '['");
        }
        String inner = entry.substring(open + 1, close).replaceAll("\\s+", "");
        if (inner.isEmpty()) {
            throw ClientFaults.invalidHostList(input, "range \"" + entry + "\" is empty");
        }
        for (String range : inner.split(",", -1)) {
            NumberRange r = NumberRange.parse(range, HostSet.MAX_RANGE,
                    problem -> ClientFaults.invalidHostList(input, "range \"" + entry + "\": " + problem));
            for (long n = r.lo(); n <= r.hi(); n++) {
                out.add(single(input, prefix + HostName.pad(n, r.width()) + suffix));
            }
        }
    }

    private static HostName single(String input, String host) {
        StringBuilder problem = new StringBuilder();
        HostName name = HostName.parse(host, problem);
        if (name == null) {
            throw ClientFaults.invalidHostList(input, problem.toString());
        }
        return name;
    }
}
