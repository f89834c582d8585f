package dev.dockmaster.plugins.storage.mock;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Devices whose format fails, from a {@code format_failures = [{ device = ..., error = ... }]} list. A list of
 * objects rather than a map because device names (PCI addresses such as {@code 0000:5e:00.0}) contain dots, which
 * HOCON would read as nested keys.
 */
record FormatFailures(Map<String, String> errorByDevice) {

    static final String DEFAULT_ERROR = "injected format failure";

    FormatFailures {
        errorByDevice = Map.copyOf(errorByDevice);
    }

    static FormatFailures read(ConfigReader config) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConfigReader failure : config.objects("format_failures")) {
            String device = failure.string("device");
            if (errors.put(device, failure.string("error", DEFAULT_ERROR)) != null) {
                throw failure.bad("device", "'" + device + "' is listed twice in format_failures");
            }
        }
        return new FormatFailures(errors);
    }

    Optional<String> errorFor(String device) {
        return Optional.ofNullable(errorByDevice.get(device));
    }
}
