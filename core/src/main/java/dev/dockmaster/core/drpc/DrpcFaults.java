package dev.dockmaster.core.drpc;

import dev.dockmaster.spi.Fault;

import java.nio.file.Path;

/** Faults of the server's dRPC side, in Dockmaster's own range (DAOS has no codes for these conditions). */
public final class DrpcFaults {
    public static final String DOMAIN = "drpc";
    public static final int SEVERAL_TRANSPORTS = 2201;
    public static final int SOCKET_DIR_UNUSABLE = 2202;
    public static final int LISTENER_FAILED = 2203;

    private DrpcFaults() {
    }

    public static Fault severalTransports(String first, String second) {
        return new Fault(DOMAIN, SEVERAL_TRANSPORTS,
                "dRPC transports " + first + " and " + second + " are both enabled; the server uses exactly one",
                "disable all but one dRPC transport plugin (plugins.disabled)");
    }

    public static Fault socketDirUnusable(Path dir, String why, Throwable cause) {
        return new Fault(DOMAIN, SOCKET_DIR_UNUSABLE, "socket directory " + dir + " is unusable: " + why,
                "create the directory, writable by the user running daos_server, or set socket_dir to another one",
                cause);
    }

    public static Fault listenerFailed(Path socket, Throwable cause) {
        return new Fault(DOMAIN, LISTENER_FAILED, "unable to start the dRPC listener on " + socket + ": "
                + cause.getMessage(), "check that socket_dir is a local directory writable by daos_server", cause);
    }
}
