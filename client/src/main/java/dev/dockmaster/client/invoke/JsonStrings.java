package dev.dockmaster.client.invoke;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the one JSON shape the management service puts in ErrorInfo metadata: an array of strings such as
 * {@code ["10.0.0.1:10001","10.0.0.2:10001"]} (Go's {@code json.Marshal} of a string slice; {@code null} for a nil
 * slice). Anything else reads as an empty list: a redirect without replicas, never a crash.
 */
final class JsonStrings {
    private JsonStrings() {
    }

    static List<String> parseArray(String json) {
        try {
            return parse(json);
        } catch (NumberFormatException e) {
            return List.of(); // a bad \\u escape
        }
    }

    private static List<String> parse(String json) {
        if (json == null) {
            return List.of();
        }
        String s = json.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                StringBuilder item = new StringBuilder();
                i++;
                while (i < end && s.charAt(i) != '"') {
                    char ch = s.charAt(i);
                    if (ch == '\\' && i + 1 < end) {
                        char esc = s.charAt(++i);
                        if (esc == 'u' && i + 4 < end) {
                            item.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        } else {
                            item.append(switch (esc) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                default -> esc;
                            });
                        }
                    } else {
                        item.append(ch);
                    }
                    i++;
                }
                if (i >= end) {
                    return List.of(); // unterminated string
                }
                out.add(item.toString());
            } else if (c != ',' && !Character.isWhitespace(c)) {
                return List.of();
            }
            i++;
        }
        return List.copyOf(out);
    }
}
