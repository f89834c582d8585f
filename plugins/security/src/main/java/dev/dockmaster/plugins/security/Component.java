package dev.dockmaster.plugins.security;

import java.util.Optional;

/**
 * Who calls: DAOS's components. Under TLS the component is the subject CN of the verified client certificate; in
 * insecure mode it is what the {@code x-daos-component} header claims.
 */
public enum Component {
    ADMIN("admin"),
    AGENT("agent"),
    SERVER("server"),
    /** A certificate whose CN is none of the three: it may call nothing. */
    UNDEFINED("undefined");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    public static Component fromCommonName(String commonName) {
        return switch (commonName) {
            case "admin" -> ADMIN;
            case "agent" -> AGENT;
            case "server" -> SERVER;
            default -> UNDEFINED;
        };
    }

    /** The component a header names, if it is one DAOS knows. */
    public static Optional<Component> fromHeader(String value) {
        Component c = fromCommonName(value);
        return c == UNDEFINED ? Optional.empty() : Optional.of(c);
    }

    @Override
    public String toString() {
        return label;
    }
}
