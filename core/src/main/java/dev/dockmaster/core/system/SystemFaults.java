package dev.dockmaster.core.system;

import dev.dockmaster.spi.Fault;
import io.grpc.Status;

import java.time.Duration;

/** Faults of this server's calls to the management service, in Dockmaster's engine range (2100). */
public final class SystemFaults {
    public static final String DOMAIN = "system";
    public static final int CALL_FAILED = 2120;
    public static final int GAVE_UP = 2121;

    private SystemFaults() {
    }

    static Fault callFailed(String address, Status status) {
        return new Fault(DOMAIN, CALL_FAILED, "management service at " + address + " failed the call: "
                + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()),
                "check the management service replicas' logs (the access_points of the server config)");
    }

    static Fault gaveUp(String what, Duration after, String lastProblem) {
        return new Fault(DOMAIN, GAVE_UP, what + " failed: no management service leader answered within " + after
                + " (last problem: " + lastProblem + ")",
                "check that the access_points of the server config run daos_server, that their storage is "
                        + "formatted (`dmg storage format`), and that the network between the hosts is open");
    }
}
