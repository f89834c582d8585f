package dev.dockmaster.spi;

import java.util.Objects;

/**
 * An error an operator can act on: a domain, a stable numeric code, what went wrong and how to fix it.
 *
 * <p>Codes follow DAOS's ranges (0-99 common, 100 storage, 200 SCM, 300 bdev, 400 system, 500 client, 600 server,
 * 700 server configuration, 800 SPDK, 900 security) so that an admin who knows DAOS recognises them. A provider
 * throws a {@code Fault} instead of a bare exception whenever it knows the resolution.
 */
public final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String domain;
    private final int code;
    private final String description;
    private final String resolution;

    public Fault(String domain, int code, String description, String resolution) {
        this(domain, code, description, resolution, null);
    }

    public Fault(String domain, int code, String description, String resolution, Throwable cause) {
        super(render(domain, code, description), cause);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.code = code;
        this.description = Objects.requireNonNull(description, "description");
        this.resolution = resolution == null ? "" : resolution;
    }

    private static String render(String domain, int code, String description) {
        return domain + ": code = " + code + " description = \"" + description + "\"";
    }

    /** The component that raised the fault, such as {@code storage}, {@code server}, {@code config}. */
    public String domain() {
        return domain;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** What the operator should do; empty when there is nothing better than reading the description. */
    public String resolution() {
        return resolution;
    }

    /** The message with its resolution, as DAOS prints a fault to an operator. */
    public String describe() {
        return resolution.isEmpty() ? getMessage() : getMessage() + " resolution = \"" + resolution + "\"";
    }
}
