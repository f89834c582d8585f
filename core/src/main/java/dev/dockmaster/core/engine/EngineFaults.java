package dev.dockmaster.core.engine;

import dev.dockmaster.spi.Fault;

import java.nio.file.Path;
import java.util.List;

/**
 * Faults of the engine harness and its storage. DAOS has no codes for these conditions (its provider selection is
 * compiled in, and a bad superblock surfaces as a YAML error), so they take Dockmaster's range, 2100 and up.
 */
public final class EngineFaults {
    public static final String DOMAIN = "storage";

    public static final int PROVIDER_CONFLICT = 2101;
    public static final int NO_PROVIDER = 2102;
    public static final int SUPERBLOCK_CORRUPT = 2103;
    public static final int SUPERBLOCK_WRITE = 2104;
    public static final int NVME_CONF_WRITE = 2105;
    public static final int FORMAT_IN_PROGRESS = 2106;
    public static final int ENGINE_EXCLUDED = 2107;
    public static final int ENGINE_NOT_READY = 2108;
    public static final int DRPC_NOT_READY = 2109;
    public static final int ENGINE_CALL_FAILED = 2110;
    public static final int ENGINE_BINARY = 2111;

    /** DAOS's code.ServerDataPlaneNotStarted. */
    public static final int DATA_PLANE_NOT_STARTED = 611;
    /** DAOS's code.ServerInstancesNotStopped. */
    public static final int INSTANCES_NOT_STOPPED = 612;
    public static final String SERVER_DOMAIN = "server";

    private EngineFaults() {
    }

    public static Fault providerConflict(String kind, String storageClass, List<String> providers) {
        return new Fault(DOMAIN, PROVIDER_CONFLICT,
                "storage class '" + storageClass + "' is claimed by several " + kind + " providers: "
                        + String.join(", ", providers),
                "disable all but one of the plugins contributing them (plugins.disabled) so that exactly one "
                        + "provider handles class " + storageClass);
    }

    public static Fault noProvider(String kind, String storageClass, int engine) {
        return new Fault(DOMAIN, NO_PROVIDER,
                "engine " + engine + " uses storage class '" + storageClass + "' but no enabled " + kind
                        + " provider handles it",
                "install and enable a plugin that provides class " + storageClass
                        + " (such as storage-mock for tests), or change the engine's storage tiers");
    }

    public static Fault superblockCorrupt(Path path, String why) {
        return new Fault(DOMAIN, SUPERBLOCK_CORRUPT,
                "superblock " + path + " is corrupt: " + why,
                "inspect the file; if this engine's data is to be discarded, reformat with `dmg storage format "
                        + "--force` (which replaces it), otherwise restore the file from a backup");
    }

    public static Fault superblockWrite(Path path, Throwable cause) {
        return new Fault(DOMAIN, SUPERBLOCK_WRITE,
                "cannot write superblock " + path + ": " + cause.getMessage(),
                "check that the SCM mount is writable by the daos_server user and has free space", cause);
    }

    public static Fault nvmeConfWrite(Path path, Throwable cause) {
        return new Fault(DOMAIN, NVME_CONF_WRITE,
                "cannot write SPDK config " + path + ": " + cause.getMessage(),
                "check that the SCM mount is writable by the daos_server user and has free space", cause);
    }

    public static Fault formatInProgress() {
        return new Fault(DOMAIN, FORMAT_IN_PROGRESS, "a storage format is already running on this host",
                "wait for it to finish, then check the result with `dmg storage scan`");
    }

    public static Fault excluded(long rank) {
        return new Fault("system", ENGINE_EXCLUDED, "rank " + rank + " is excluded from the system: join refused",
                "clear the exclusion (`dmg system clear-exclude`) and restart the engine");
    }

    public static Fault dataPlaneNotStarted() {
        return new Fault(SERVER_DOMAIN, DATA_PLANE_NOT_STARTED, "data plane not started: no engine of this server runs",
                "start the engines (`dmg system start`), or send the request to a server whose engines run");
    }

    public static Fault engineNotReady() {
        return new Fault(SERVER_DOMAIN, ENGINE_NOT_READY, "engine not ready yet",
                "wait until the engine has joined the system (`dmg system query`), then retry");
    }

    public static Fault drpcNotReady() {
        return new Fault(SERVER_DOMAIN, DRPC_NOT_READY, "dRPC socket not ready",
                "wait until the engine has reported ready, then retry");
    }

    public static Fault engineCallFailed(int instance, String why, Throwable cause) {
        return new Fault(SERVER_DOMAIN, ENGINE_CALL_FAILED, "dRPC call to engine " + instance + " failed: " + why,
                "check the engine's log (daos_engine:" + instance + " lines of the server log)", cause);
    }

    public static Fault instancesNotStopped(String action, List<Integer> ranks) {
        return new Fault(SERVER_DOMAIN, INSTANCES_NOT_STOPPED, action + " not supported when rank is running: ranks "
                + ranks.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                "stop the ranks first (`dmg system stop --ranks=...`), then retry");
    }

    public static Fault engineBinary(Path binary, String why) {
        return new Fault("config", ENGINE_BINARY, "engine binary " + binary + " " + why,
                "set engine_binary in the server config to an executable daos_engine (the bundled simulator is "
                        + "bin/daos_engine of the installation), or make the file executable");
    }
}
