package dev.dockmaster.plugins.security;

import java.util.Optional;

/** A DAOS release number, {@code major.minor.patch} with an optional leading {@code v} (DAOS's build.Version). */
public record DaosVersion(int major, int minor, int patch) implements Comparable<DaosVersion> {
    public static final DaosVersion ZERO = new DaosVersion(0, 0, 0);

    public static Optional<DaosVersion> parse(String text) {
        String t = text.startsWith("v") ? text.substring(1) : text;
        String[] parts = t.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DaosVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(DaosVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
