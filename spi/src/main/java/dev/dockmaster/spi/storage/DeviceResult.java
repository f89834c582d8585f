package dev.dockmaster.spi.storage;

import java.util.Objects;

/**
 * The outcome of an operation on one device or mount point.
 *
 * @param device the device, PCI address or mount point
 * @param outcome what happened
 * @param message the error for {@link Outcome#FAILED}, a note for the others (may be empty)
 */
public record DeviceResult(String device, Outcome outcome, String message) {

    public enum Outcome {
        /** The operation was done. */
        DONE,
        /** Nothing needed doing, such as formatting an already formatted device; the message says why. */
        SKIPPED,
        /** The operation failed; the message says why. */
        FAILED
    }

    public DeviceResult {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(outcome, "outcome");
        message = Objects.requireNonNullElse(message, "");
    }

    public static DeviceResult done(String device) {
        return new DeviceResult(device, Outcome.DONE, "");
    }

    public static DeviceResult skipped(String device, String why) {
        return new DeviceResult(device, Outcome.SKIPPED, why);
    }

    public static DeviceResult failed(String device, String error) {
        return new DeviceResult(device, Outcome.FAILED, error);
    }
}
