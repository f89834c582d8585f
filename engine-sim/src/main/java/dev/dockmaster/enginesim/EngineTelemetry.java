package dev.dockmaster.enginesim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's own telemetry, published for daos_server as the real engine publishes its metrics in shared memory:
 * a small text file, {@code <socket_dir>/daos_engine_<instance>.telemetry}, rewritten atomically (a temporary file
 * renamed over it) so that a reader always sees one whole snapshot. One {@code <path> <value>} line per metric, with
 * DAOS's metric paths ({@code started_at}, {@code servicing_at}, ...); daos_server exports each as
 * {@code engine_<path with / as _>} labelled with the engine's rank.
 */
final class EngineTelemetry {
    /** The file name for an engine instance; daos_server reads the same name. */
    static String fileName(int instance) {
        return "daos_engine_" + instance + ".telemetry";
    }

    private final Optional<Path> file;
    private final Clock clock;
    private final long startedAtMillis;
    private final long pid;
    private final int instance;
    private final AtomicLong callsHandled = new AtomicLong();
    private final AtomicLong callsFailed = new AtomicLong();
    private volatile long servicingAtMillis;
    private volatile long rank = -1;
    private boolean removed;

    private EngineTelemetry(Optional<Path> file, Clock clock, long pid, int instance) {
        this.file = file;
        this.clock = clock;
        this.startedAtMillis = clock.millis();
        this.pid = pid;
        this.instance = instance;
    }

    /** Publishes into {@code socketDir}. */
    static EngineTelemetry publishing(Path socketDir, int instance, long pid, Clock clock) {
        return new EngineTelemetry(Optional.of(socketDir.resolve(fileName(instance))), clock, pid, instance);
    }

    /** Keeps the values without publishing them (tests of the calls alone). */
    static EngineTelemetry inMemory() {
        return new EngineTelemetry(Optional.empty(), Clock.systemUTC(), 0, 0);
    }

    /** A dRPC call was answered; {@code success} when its dRPC status was SUCCESS. */
    void callAnswered(boolean success) {
        callsHandled.incrementAndGet();
        if (!success) {
            callsFailed.incrementAndGet();
        }
    }

    void rank(long rank) {
        this.rank = rank;
    }

    /** The engine started servicing (its first successful SetUp). */
    void servicing() {
        if (servicingAtMillis == 0) {
            servicingAtMillis = clock.millis();
        }
    }

    /** The current values by metric path, in a fixed order. */
    Map<String, Double> snapshot() {
        Map<String, Double> values = new LinkedHashMap<>();
        long now = clock.millis();
        values.put("started_at", startedAtMillis / 1000.0);
        values.put("servicing_at", servicingAtMillis / 1000.0);
        values.put("uptime", (now - startedAtMillis) / 1000.0);
        if (rank >= 0) {
            values.put("rank", (double) rank);
        }
        values.put("drpc/calls_handled", (double) callsHandled.get());
        values.put("drpc/calls_failed", (double) callsFailed.get());
        return values;
    }

    /** Rewrites the file with the current values; a failure is reported to {@code log} and not fatal. */
    synchronized void publish(java.io.PrintStream log) {
        if (file.isEmpty() || removed) {
            return;
        }
        Path target = file.get();
        StringBuilder text = new StringBuilder("# daos_engine telemetry: instance ").append(instance)
                .append(", pid ").append(pid).append('\n');
        snapshot().forEach((path, value) -> text.append(path).append(' ').append(format(value)).append('\n'));
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.println("daos_engine: cannot publish telemetry to " + target + ": " + e);
        }
    }

    /** Removes the file when the engine stops cleanly, as the engine removes its shared-memory segment. */
    synchronized void remove() {
        removed = true; // a call answered while stopping must not bring the file back
        file.ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a leftover snapshot is ignored by daos_server once the engine is not ready
            }
        });
    }

    private static String format(double value) {
        // plain decimal, never exponent notation: timestamps with milliseconds stay readable
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
