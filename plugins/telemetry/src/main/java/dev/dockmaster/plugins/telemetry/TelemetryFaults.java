package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.Fault;

/**
 * Faults of the telemetry module. DAOS has no code for these; they sit in Dockmaster's own range (2000 and up), in
 * a block of their own (2401-2499; docs/architecture.md lists the ranges).
 */
public final class TelemetryFaults {
    public static final String DOMAIN = "telemetry";
    public static final int PORT_UNAVAILABLE = 2401;

    /** DAOS serves its exporter on every address. */
    static final String ANY_ADDRESS = "0.0.0.0";

    private TelemetryFaults() {
    }

    public static Fault portUnavailable(String address, int port, Throwable cause) {
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new Fault(DOMAIN, PORT_UNAVAILABLE,
                "cannot serve telemetry on " + address + ":" + port + ": " + why,
                "stop the process that uses port " + port + " or choose another 'telemetry_port' in the server"
                        + " config (0 turns telemetry off)", cause);
    }
}
