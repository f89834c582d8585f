package dev.dockmaster.spi.engine;

import dev.dockmaster.spi.storage.DeviceResult;

import java.util.Objects;

/**
 * The format result of one bdev device (or a note standing for a whole engine's bdevs, such as "NVMe format
 * skipped").
 *
 * @param roleBits the MD-on-SSD roles of the device's tier; 0 when none
 * @param result what happened to the device
 */
public record BdevFormatOutcome(int roleBits, DeviceResult result) {
    /** The device name DAOS reports when a result stands for no particular device. */
    public static final String NO_DEVICE = "<nil>";

    public BdevFormatOutcome {
        Objects.requireNonNull(result, "result");
    }
}
