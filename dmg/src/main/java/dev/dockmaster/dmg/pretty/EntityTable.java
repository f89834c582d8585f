package dev.dockmaster.dmg.pretty;

import java.util.ArrayList;
import java.util.List;

/**
 * A titled list of {@code key: value} lines, laid out as DAOS's txtfmt {@code FormatEntity}: the title underlined
 * with dashes, each line indented by two, keys and values each padded to their column's width (at least the
 * formatter's minimum width, derived from the key lengths exactly as DAOS derives it), the value cell included.
 */
public final class EntityTable {
    private static final int INDENT = 2;
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    public EntityTable(String title) {
        this.title = title;
    }

    public EntityTable row(String key, String value) {
        rows.add(new String[]{key, value});
        return this;
    }

    public String render() {
        // GetEntityPadding: grows only when a key is longer than the padding so far (which is the longest + 1).
        int padding = 0;
        for (String[] row : rows) {
            if (row[0].length() > padding) {
                padding = row[0].length() + 1;
            }
        }
        int minWidth = padding + INDENT;
        int keyWidth = minWidth;
        int valueWidth = minWidth;
        for (String[] row : rows) {
            keyWidth = Math.max(keyWidth, INDENT + width(row[0]));
            valueWidth = Math.max(valueWidth, 2 + width(row[1]));
        }
        StringBuilder out = new StringBuilder();
        if (!title.isEmpty()) {
            out.append(title).append('\n').append("-".repeat(title.length())).append('\n');
        }
        for (String[] row : rows) {
            String key = " ".repeat(INDENT) + row[0];
            String value = ": " + row[1];
            out.append(key).append(" ".repeat(keyWidth - width(key)))
                    .append(value).append(" ".repeat(valueWidth - width(value))).append('\n');
        }
        return out.toString();
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
