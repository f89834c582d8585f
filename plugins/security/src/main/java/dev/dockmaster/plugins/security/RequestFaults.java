package dev.dockmaster.plugins.security;

import dev.dockmaster.spi.Fault;

/** The server faults of DAOS's request checks (600 block, positional in DAOS's {@code fault/code/codes.go}). */
public final class RequestFaults {
    public static final String DOMAIN = "server";
    public static final int WRONG_SYSTEM = 603;
    public static final int INCOMPATIBLE_COMPONENTS = 616;
    public static final int NO_COMPATIBILITY_INSECURE = 617;

    private RequestFaults() {
    }

    public static Fault wrongSystem(String requested, String running) {
        return new Fault(DOMAIN, WRONG_SYSTEM,
                "request system does not match running system (" + requested + " != " + running + ")",
                "retry the request with the correct system name");
    }

    public static Fault incompatible(DaosVersion self, String otherComponent, DaosVersion otherVersion) {
        return new Fault(DOMAIN, INCOMPATIBLE_COMPONENTS,
                "components server:" + self + " and " + otherComponent + ":" + otherVersion + " are not compatible",
                "retry the request with compatible components");
    }

    public static Fault insecureVersionMismatch(DaosVersion self, DaosVersion other) {
        return new Fault(DOMAIN, NO_COMPATIBILITY_INSECURE,
                "versions " + self + " and " + other + " are not compatible in insecure mode",
                "enable certificates or use identical component versions");
    }
}
