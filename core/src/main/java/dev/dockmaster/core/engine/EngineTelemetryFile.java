package dev.dockmaster.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the metrics an engine publishes for this server, {@code <socket_dir>/daos_engine_<instance>.telemetry} (the
 * simulator's stand-in for DAOS's shared-memory telemetry): {@code <path> <value>} lines, {@code #} comments. The file
 * is written by another process, so it is input like any other: it is read with a size limit, and lines that are not
 * a well-formed metric (bad path, value that is not a finite number, too many metrics) are skipped, never fatal.
 */
public final class EngineTelemetryFile {
    private static final Logger LOG = LoggerFactory.getLogger(EngineTelemetryFile.class);
    /** A snapshot larger than this is not read at all. */
    static final int MAX_BYTES = 64 * 1024;
    /** At most this many metrics are taken from one snapshot, so a runaway engine cannot grow the export. */
    static final int MAX_METRICS = 256;
    /** DAOS metric paths: lower-case words separated by '/', at most 128 characters. */
    private static final Pattern PATH = Pattern.compile("[a-z][a-z0-9_]{0,63}(/[a-z0-9_]{1,64}){0,7}");

    private EngineTelemetryFile() {
    }

    /** Where engine {@code instance} publishes its metrics. */
    public static Path of(Path socketDir, int instance) {
        return socketDir.resolve("daos_engine_" + instance + ".telemetry");
    }

    /** The metrics by path, in file order; empty when the file is missing, unreadable or too large. */
    public static Map<String, Double> read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            LOG.debug("cannot read engine telemetry {}: {}", file, e.toString());
            return Map.of();
        }
        if (bytes.length > MAX_BYTES) {
            LOG.warn("engine telemetry {} is larger than {} bytes: ignored", file, MAX_BYTES);
            return Map.of();
        }
        return parse(new String(bytes, StandardCharsets.US_ASCII));
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2 || fields[0].length() > 128 || !PATH.matcher(fields[0]).matches()) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(fields[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!Double.isFinite(value)) {
                continue;
            }
            if (metrics.size() >= MAX_METRICS && !metrics.containsKey(fields[0])) {
                break;
            }
            metrics.put(fields[0], value);
        }
        return Collections.unmodifiableMap(metrics);
    }
}
