package dev.dockmaster.core.config;

import com.typesafe.config.ConfigOrigin;

/** Renders a typesafe {@link ConfigOrigin} as {@code file:line}, the form problems and faults show. */
final class Origins {
    private Origins() {
    }

    private static final String MERGE_PREFIX = "merge of ";

    static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return "unknown";
        }
        String description = origin.description();
        if (description.startsWith(MERGE_PREFIX)) {
            // a block written in the file and completed from reference.conf: point at the file, the first part
            String first = description.substring(MERGE_PREFIX.length()).split(",", 2)[0];
            int colon = first.lastIndexOf(": ");
            return colon > 0 ? first.substring(0, colon) + ":" + first.substring(colon + 2).trim() : first;
        }
        String base;
        if (origin.filename() != null) {
            base = origin.filename();
        } else if (origin.resource() != null) {
            base = origin.resource();
        } else if (origin.url() != null) {
            base = origin.url().toString();
        } else {
            // simple origins (command line, merged values) already carry their line, if any, in the description
            return origin.description();
        }
        return origin.lineNumber() > 0 ? base + ":" + origin.lineNumber() : base;
    }
}
