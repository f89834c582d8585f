package dev.dockmaster.core.cli;

import dev.dockmaster.core.config.ServerConfig;

import java.util.Locale;

/**
 * Sets up slf4j-simple from {@code control_log_mask} and {@code control_log_file}. It must run before the first
 * logger is created, which is why the configuration is loaded (without logging) before anything else.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(ServerConfig config) {
        setDefault("defaultLogLevel", level(config.controlLogMask()));
        String file = config.controlLogFile();
        setDefault("logFile", file == null || file.isBlank() ? "System.err" : file);
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy/MM/dd HH:mm:ss.SSS");
        setDefault("showThreadName", "false");
        setDefault("showShortLogName", "true");
        setDefault("levelInBrackets", "false");
        // pf4j is chatty at INFO about internals the plugin banner already reports.
        setDefault("log.org.pf4j", "warn");
        // Apache Ratis (the management service's raft, inside the management plugin) logs every configuration key
        // and election step at INFO; DAOS's raft is quiet unless asked. Its detail comes back with DEBUG or TRACE.
        String level = level(config.controlLogMask());
        setDefault("log.org.apache.ratis", level.equals("debug") || level.equals("trace") ? level : "warn");
    }

    static void quiet() {
        setDefault("defaultLogLevel", "error");
    }

    /** DAOS masks DISABLED, TRACE, DEBUG, INFO, NOTICE, ERROR onto slf4j-simple levels. */
    static String level(String mask) {
        return switch (mask == null ? "INFO" : mask.toUpperCase(Locale.ROOT)) {
            case "DISABLED" -> "off";
            case "TRACE" -> "trace";
            case "DEBUG" -> "debug";
            case "NOTICE", "WARN" -> "warn";
            case "ERROR" -> "error";
            default -> "info";
        };
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
