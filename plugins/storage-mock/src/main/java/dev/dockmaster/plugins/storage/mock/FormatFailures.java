package dev.dockmaster.plugins.storage.mock;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Devices whose format fails, from a {@code format_failures = [{ device = ..., error = ..., code = ...,
 * resolution = ... }]} list. A list of objects rather than a map because device names (PCI addresses such as
 * {@code 0000:5e:00.0}) contain dots, which HOCON would read as nested keys.
 *
 * <p>Without {@code code} the device's result is {@code FAILED} with {@code error}; with {@code code} the format
 * raises a fault instead (code, {@code error} as description, {@code resolution}), the way a real provider reports a
 * problem the operator can fix, such as missing privileges.
 */
record FormatFailures(Map<String, Failure> byDevice) {

    static final String DEFAULT_ERROR = "injected format failure";

    /** How one device fails: a result message, or a fault when one is configured. */
    record Failure(String error, Optional<InjectedFault> fault) {
    }

    FormatFailures {
        byDevice = Map.copyOf(byDevice);
    }

    static FormatFailures read(ConfigReader config, String domain) {
        Map<String, Failure> failures = new LinkedHashMap<>();
        for (ConfigReader failure : config.objects("format_failures")) {
            String device = failure.string("device");
            String error = failure.string("error", DEFAULT_ERROR);
            Optional<InjectedFault> fault = failure.has("code")
                    ? Optional.of(new InjectedFault(domain, failure.nonNegativeInt("code"), error,
                            failure.string("resolution", "")))
                    : Optional.empty();
            if (failures.put(device, new Failure(error, fault)) != null) {
                throw failure.bad("device", "'" + device + "' is listed twice in format_failures");
            }
        }
        return new FormatFailures(failures);
    }

    /** The failure configured for a device; raises its fault right away when it has one. */
    Optional<String> errorFor(String device) {
        Failure failure = byDevice.get(device);
        if (failure == null) {
            return Optional.empty();
        }
        failure.fault().ifPresent(fault -> {
            throw fault.toFault();
        });
        return Optional.of(failure.error());
    }
}
