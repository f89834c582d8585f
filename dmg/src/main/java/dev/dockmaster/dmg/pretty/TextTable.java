package dev.dockmaster.dmg.pretty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A column table laid out as DAOS's txtfmt table (Go tabwriter, padding 1): a title row, a row of dashes as long as
 * each title, then the rows; every cell, the last one included, is padded to its column's width plus one space.
 */
public final class TextTable {
    private final List<String> titles;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... titles) {
        this.titles = List.of(titles);
    }

    public TextTable row(String... cells) {
        if (cells.length != titles.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + titles.size());
        }
        rows.add(cells.clone());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        List<String[]> lines = new ArrayList<>();
        lines.add(titles.toArray(String[]::new));
        lines.add(titles.stream().map(t -> "-".repeat(t.length())).toArray(String[]::new));
        lines.addAll(rows);
        int[] widths = new int[titles.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].codePointCount(0, line[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                out.append(line[i]);
                char[] pad = new char[widths[i] - line[i].codePointCount(0, line[i].length()) + 1];
                Arrays.fill(pad, ' ');
                out.append(pad);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Indents every non-empty line by {@code spaces}, as txtfmt's IndentWriter does. */
    public static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (String line : text.split("\n", -1)) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            if (!line.isEmpty()) {
                out.append(pad);
            }
            out.append(line);
        }
        return out.toString();
    }

    /** A host set banner: the hosts between two lines of dashes of the same length. */
    public static String banner(String hosts) {
        String line = "-".repeat(hosts.length());
        return line + "\n" + hosts + "\n" + line + "\n";
    }
}
