package dev.dockmaster.core.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: which key, where it was written, DAOS's fault code for it, what is wrong and
 * how to fix it. Loading collects every problem of a file before failing, so an operator fixes them in one pass.
 *
 * @param key        the configuration path, such as {@code engines[0].storage[1].class}
 * @param origin     where the value (or its enclosing block) was written: {@code /etc/daos/daos_server.yml:12}
 * @param code       the DAOS fault code (see {@link ConfigFaultCodes})
 * @param message    what is wrong
 * @param resolution what the operator should do about it
 */
public record ConfigProblem(String key, String origin, int code, String message, String resolution) {

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
        resolution = resolution == null ? "" : resolution;
    }

    /** {@code <origin>: <key>: <message> (fix: <resolution>) [code N]}, the line an operator reads. */
    public String render() {
        StringBuilder line = new StringBuilder(origin).append(": ").append(key).append(": ").append(message);
        if (!resolution.isEmpty()) {
            line.append(" (fix: ").append(resolution).append(')');
        }
        return line.append(" [code ").append(code).append(']').toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
