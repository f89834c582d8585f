package dev.dockmaster.storage.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /proc/self/mounts}: {@code source target fstype options dump pass}, where spaces, tabs,
 * newlines and backslashes inside a field are written as octal escapes ({@code \040}).
 */
public record MountEntry(String source, String target, String fsType, String options) {

    public static List<MountEntry> parse(List<String> lines) {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4) {
                entries.add(new MountEntry(unescape(f[0]), unescape(f[1]), f[2], f[3]));
            }
        }
        return entries;
    }

    /** The filesystem mounted last at {@code target} (the one a path lookup sees), if any. */
    public static Optional<MountEntry> topmostAt(List<MountEntry> mounts, String target) {
        MountEntry found = null;
        for (MountEntry entry : mounts) {
            if (entry.target().equals(target)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
