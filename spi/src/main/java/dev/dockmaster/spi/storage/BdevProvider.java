package dev.dockmaster.spi.storage;

import java.util.List;
import java.util.Set;

/**
 * Block devices: the NVMe tiers of a DAOS engine (real NVMe, or files and kernel block devices emulating it).
 *
 * <p>Same conventions as {@link ScmProvider}: operator-fixable problems are {@link dev.dockmaster.spi.Fault}s, and
 * format reports one {@link DeviceResult} per device.
 */
public interface BdevProvider extends AutoCloseable {

    String name();

    /** The DAOS storage classes it can format, such as {@code nvme}, {@code file}, {@code kdev}. */
    Set<String> storageClasses();

    BdevScanResult scan(BdevScanRequest request);

    List<DeviceResult> format(BdevFormatRequest request);

    @Override
    default void close() {
    }
}
