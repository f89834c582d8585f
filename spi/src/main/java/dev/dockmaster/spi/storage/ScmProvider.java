package dev.dockmaster.spi.storage;

import java.util.Set;

/**
 * Storage-class memory: the first tier of every DAOS engine (persistent memory, or RAM emulating it).
 *
 * <p>Methods may block on the OS (ipmctl, mount, mkfs) and may be called concurrently for different engines. They
 * report a problem the operator can fix as a {@link dev.dockmaster.spi.Fault}; a per-device failure during format is
 * a {@link DeviceResult} instead, so the other devices still report their outcome.
 */
public interface ScmProvider extends AutoCloseable {

    /** The provider's name, as its factory's. */
    String name();

    /** The DAOS storage classes it can format, such as {@code dcpm} or {@code ram}. */
    Set<String> storageClasses();

    /** Lists the SCM hardware of this host: modules, and namespaces once they exist. */
    ScmScanResult scan(ScmScanRequest request);

    /**
     * Tells whether one engine's SCM tier is already formatted (DAOS: mounted, or holding a filesystem), without
     * changing anything. The core asks before formatting and at start, to decide whether an engine awaits format.
     */
    ScmFormatState formatState(ScmFormatRequest request);

    /** Formats and mounts one engine's SCM tier. */
    DeviceResult format(ScmFormatRequest request);

    @Override
    default void close() {
    }
}
