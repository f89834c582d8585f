package dev.dockmaster.plugins.security;

/**
 * DAOS's component compatibility rules ({@code build/interop.go}), seen from this server: identical versions always
 * talk; a server and an agent may be up to two minor releases apart within one major; nothing at or above 2.0.0 talks
 * to anything below it; otherwise major and minor must match and only the patch may differ.
 */
public final class Interop {
    static final int MAX_AGENT_MINOR_DELTA = 2;
    private static final DaosVersion V2 = new DaosVersion(2, 0, 0);

    private Interop() {
    }

    /** Whether this server ({@code self}) accepts a call from {@code other} at {@code otherVersion}. */
    public static boolean compatible(DaosVersion self, Component other, DaosVersion otherVersion) {
        if (self.equals(otherVersion)) {
            return true;
        }
        if (other == Component.AGENT) {
            // DAOS stops at this rule when it holds: an agent within the window is fine even across the 2.0 line.
            return self.major() == otherVersion.major()
                    && Math.abs(self.minor() - otherVersion.minor()) <= MAX_AGENT_MINOR_DELTA;
        }
        if (self.compareTo(V2) >= 0 && otherVersion.compareTo(V2) < 0) {
            return false;
        }
        return self.major() == otherVersion.major() && self.minor() == otherVersion.minor();
    }
}
