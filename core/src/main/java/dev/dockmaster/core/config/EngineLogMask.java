package dev.dockmaster.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an engine {@code log_mask} the way DAOS does before launching the engine: a base level, then optional
 * {@code SUBSYSTEM=LEVEL} assignments, e.g. {@code ERR,mgmt=DEBUG}.
 */
final class EngineLogMask {
    private EngineLogMask() {
    }

    static final List<String> LEVELS = List.of(
            "DEBUG", "DBUG", "INFO", "NOTE", "WARN", "ERROR", "ERR", "CRIT", "ALRT", "FATAL", "EMRG", "EMIT");

    static final List<String> SUBSYSTEMS = List.of(
            "DAOS", "ARRAY", "KV", "COMMON", "TREE", "VOS", "CLIENT", "SERVER", "RDB", "RSVC", "POOL", "CONTAINER",
            "OBJECT", "PLACEMENT", "REBUILD", "MGMT", "BIO", "TESTS", "DFS", "DUNS", "DRPC", "SECURITY", "DTX",
            "DFUSE", "IL", "CSUM", "STACK", "MISC", "MEM", "SWIM", "FI", "TELEM", "CRT", "RPC", "BULK", "CORPC",
            "GRP", "LM", "HG", "EXTERNAL", "ST", "IV", "CTL");

    private static final int MAX_LENGTH = 1023;
    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z,=_]+");

    /** What is wrong with the mask, or empty when it is valid (an empty mask means the engine default). */
    static Optional<String> check(String mask) {
        if (mask.isEmpty()) {
            return Optional.empty();
        }
        if (mask.length() > MAX_LENGTH) {
            return Optional.of("log mask longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(mask).matches()) {
            return Optional.of("log mask \"" + mask + "\" has characters other than letters, ',', '=' and '_'");
        }
        String[] tokens = mask.split(",", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (i == 0 && !token.contains("=")) {
                if (!isLevel(token)) {
                    return Optional.of(unknownLevel(token));
                }
                continue;
            }
            String[] parts = token.split("=", -1);
            if (parts.length != 2) {
                return Optional.of("token " + i + " \"" + token + "\" is not of the form SUBSYSTEM=LEVEL");
            }
            String subsystem = parts[0].toUpperCase(Locale.ROOT);
            if (!isLevel(parts[1])) {
                return Optional.of(unknownLevel(parts[1]));
            }
            if (subsystem.equals("ALL")) {
                return Optional.of("'all' may not be used in SUBSYSTEM=LEVEL assignments");
            }
            if (!SUBSYSTEMS.contains(subsystem)) {
                return Optional.of("unknown log subsystem \"" + parts[0] + "\"" + DidYouMean.hint(subsystem, SUBSYSTEMS));
            }
        }
        return Optional.empty();
    }

    private static boolean isLevel(String token) {
        return LEVELS.contains(token.toUpperCase(Locale.ROOT));
    }

    private static String unknownLevel(String token) {
        return "unknown log level \"" + token + "\"" + DidYouMean.hint(token.toUpperCase(Locale.ROOT), LEVELS)
                + "; levels: " + String.join(", ", LEVELS);
    }
}
