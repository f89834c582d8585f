package dev.dockmaster.client;

import dev.dockmaster.spi.Fault;

import java.time.Duration;

/**
 * The client-side faults, numbered as DAOS numbers them (500 block, {@code fault/code/codes.go}) so that an operator
 * who knows DAOS recognises them. Connection faults carry the address that failed.
 */
public final class ClientFaults {
    public static final String DOMAIN = "client";

    public static final int UNKNOWN = 500;
    public static final int CONFIG_BAD_CONTROL_PORT = 501;
    public static final int CONFIG_BAD_ACCESS_POINTS = 502;
    public static final int CONFIG_EMPTY_HOST_LIST = 503;
    public static final int CONNECTION_BAD_HOST = 504;
    public static final int CONNECTION_NO_ROUTE = 505;
    public static final int CONNECTION_REFUSED = 506;
    public static final int CONNECTION_CLOSED = 507;
    public static final int CONNECTION_TIMED_OUT = 508;
    public static final int FORMAT_RUNNING_SYSTEM = 509;
    public static final int RPC_TIMEOUT = 510;

    private ClientFaults() {
    }

    public static Fault badControlPort(int port) {
        return new Fault(DOMAIN, CONFIG_BAD_CONTROL_PORT, "invalid control port " + port + " in configuration",
                "specify a control port between 1 and 65535 in configuration ('port' parameter) and retry");
    }

    public static Fault emptyHostList() {
        return new Fault(DOMAIN, CONFIG_EMPTY_HOST_LIST, "empty hostlist parameter in configuration",
                "specify a non-empty list of DAOS server addresses in configuration ('hostlist' parameter) "
                        + "or with -l/--host-list and retry");
    }

    public static Fault badHost(String address) {
        return new Fault(DOMAIN, CONNECTION_BAD_HOST,
                "the server address (" + address + ") could not be resolved",
                "verify that the configured address is correct");
    }

    public static Fault noRoute(String address) {
        return new Fault(DOMAIN, CONNECTION_NO_ROUTE,
                "the server could not be reached at the configured address (" + address + ")",
                "verify that the configured address is correct and that the server is available on the network");
    }

    public static Fault refused(String address) {
        return new Fault(DOMAIN, CONNECTION_REFUSED, "the server at " + address + " refused the connection",
                "verify that the configured address is correct and that the server is running");
    }

    public static Fault closed(String address) {
        return new Fault(DOMAIN, CONNECTION_CLOSED,
                "the server at " + address + " closed the connection without accepting a request",
                "verify that the configured address and your transport configuration are correct "
                        + "(both sides must agree on allow_insecure)");
    }

    public static Fault connectTimedOut(String address) {
        return new Fault(DOMAIN, CONNECTION_TIMED_OUT, "the connection to the server at " + address + " timed out",
                "verify that the configured address is correct and that the server is running");
    }

    public static Fault rpcTimeout(String requestName, Duration timeout) {
        return new Fault(DOMAIN, RPC_TIMEOUT,
                "the " + requestName + " request timed out after " + GoDurations.format(timeout),
                "retry the request or check server logs for more information");
    }

    /**
     * The RPC timeout (510) of a request whose every try was refused with "not the leader" and no leader named:
     * an election that never ended, most likely because fewer than a majority of the replicas are up.
     */
    public static Fault rpcTimeoutNoLeader(String requestName, Duration timeout) {
        return new Fault(DOMAIN, RPC_TIMEOUT,
                "the " + requestName + " request timed out after " + GoDurations.format(timeout)
                        + ": no management service leader",
                "a majority of the access points' daos_server must run for the management service to elect a"
                        + " leader: start the missing ones (see 'dmg system leader-query'), then retry");
    }

    /** DAOS's {@code FaultFormatRunningSystem}: the management service answered, so the system is running. */
    public static Fault formatRunningSystem() {
        return new Fault(DOMAIN, FORMAT_RUNNING_SYSTEM, "storage format invoked on a running system",
                "stop and erase the system, then retry the format operation");
    }

    public static Fault invalidHostList(String input, String problem) {
        return new Fault(DOMAIN, UNKNOWN, "invalid host list \"" + input + "\": " + problem,
                "write hosts as name[:port] separated by commas or spaces, with optional numeric ranges in "
                        + "brackets, e.g. wolf-[71-72],10.0.0.[1-4]:10001,host[001-010]");
    }

    public static Fault invalidRankList(String input, String problem) {
        return new Fault(DOMAIN, UNKNOWN, "invalid rank list \"" + input + "\": " + problem,
                "write ranks as comma-separated numbers or lo-hi ranges, optionally in brackets, e.g. 0-3,5 or [0-3,5]");
    }

    // ---- telemetry (dmg telemetry metrics): DAOS reports these as plain errors; we keep its client codes. ----

    public static Fault telemetryRefused(String address) {
        return new Fault(DOMAIN, CONNECTION_REFUSED, "the telemetry endpoint at " + address + " refused the connection",
                "check that the server runs with 'telemetry_port' set to this port (give it with -p, default 9191)"
                        + " and that the telemetry plugin is enabled (dmg server plugins)");
    }

    public static Fault telemetryTimedOut(java.net.URI uri, Duration timeout) {
        return new Fault(DOMAIN, RPC_TIMEOUT, "GET " + uri + " timed out after " + GoDurations.format(timeout),
                "check that the host and port are those of a running server's telemetry endpoint");
    }

    public static Fault telemetryFailed(java.net.URI uri, String why) {
        return new Fault(DOMAIN, UNKNOWN, "GET " + uri + " failed: " + why,
                "check that the host and port are those of a server's telemetry endpoint ('telemetry_port')");
    }

    public static Fault notPrometheusText(java.net.URI uri, String verb, String problem) {
        return new Fault(DOMAIN, UNKNOWN, "unable to " + verb + " metrics: the answer of " + uri
                + " is not Prometheus text: " + problem,
                "check that -p names the server's 'telemetry_port', not its control port or another service");
    }

    public static Fault metricNotFound(String name, String host) {
        return new Fault(DOMAIN, UNKNOWN, "metric \"" + name + "\" not found on host " + host,
                "run 'dmg telemetry metrics list' to see the metric names the host exports");
    }

    public static Fault telemetryBadRequest(String problem) {
        return new Fault(DOMAIN, UNKNOWN, problem, "give one host with -l and the telemetry port with -p");
    }
}
