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
}
