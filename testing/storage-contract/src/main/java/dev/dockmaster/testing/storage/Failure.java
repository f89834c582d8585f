package dev.dockmaster.testing.storage;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an operation failed, whichever way the provider chose to say it: a {@link Fault} (an operator-fixable problem,
 * with its resolution) or a {@code FAILED} {@link DeviceResult} (one device failed, the others still report).
 *
 * @param text the fault's description or the result's message
 * @param resolution the fault's resolution; empty for a result
 * @param fault the fault, when the provider threw one
 */
public record Failure(String text, String resolution, Optional<Fault> fault) {

    /** Runs a format expected to fail and captures how it failed; a success is reported as an assertion error. */
    public static Failure of(Supplier<DeviceResult> format) {
        DeviceResult result;
        try {
            result = format.get();
        } catch (Fault fault) {
            return new Failure(fault.description(), fault.resolution(), Optional.of(fault));
        }
        if (result.outcome() != DeviceResult.Outcome.FAILED) {
            throw new AssertionError("expected the format to fail, but it answered " + result);
        }
        return new Failure(result.message(), "", Optional.empty());
    }

    /** Text and resolution together, lower case, for keyword checks. */
    public String lowerCase() {
        return (text + " " + resolution).toLowerCase(Locale.ROOT);
    }
}
