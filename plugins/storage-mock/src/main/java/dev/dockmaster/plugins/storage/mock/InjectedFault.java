package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;

/**
 * A fault the mock raises on purpose, read from a {@code scan_fault { code, description, resolution }} block.
 * A new {@link Fault} is built for each raise so its stack trace points at the call that failed.
 */
record InjectedFault(String domain, int code, String description, String resolution) {

    static InjectedFault read(ConfigReader config, String defaultDomain) {
        return new InjectedFault(config.string("domain", defaultDomain), config.nonNegativeInt("code"),
                config.string("description"), config.string("resolution", ""));
    }

    Fault toFault() {
        return new Fault(domain, code, description, resolution);
    }
}
