package dev.dockmaster.client.pool;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.spi.Fault;

/** The fault of a pool request's bad input: client domain, DAOS's text as the description, and how to fix it. */
final class PoolInputs {
    private PoolInputs() {
    }

    static Fault invalid(String description, String resolution) {
        return new Fault(ClientFaults.DOMAIN, ClientFaults.UNKNOWN, description, resolution);
    }

    /** Go's {@code %q} of a plain string: double quotes, with quotes and backslashes escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
