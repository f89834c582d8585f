package dev.dockmaster.spi.engine;

import java.util.Objects;

/**
 * New log settings for the running engines ({@code dmg server set-logmasks}). An empty string leaves a setting as it
 * is unless its reset flag asks for the configured value back.
 *
 * @param masks      {@code D_LOG_MASK} syntax, such as {@code ERR,mgmt=DEBUG}
 * @param streams    {@code DD_MASK} debug streams
 * @param subsystems {@code DD_SUBSYS} subsystems
 */
public record LogMasks(String masks, String streams, String subsystems, boolean resetMasks, boolean resetStreams,
                       boolean resetSubsystems) {
    public LogMasks {
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(subsystems, "subsystems");
    }
}
