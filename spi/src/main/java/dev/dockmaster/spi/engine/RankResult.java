package dev.dockmaster.spi.engine;

import java.util.Objects;

/**
 * The outcome of a rank operation on one local engine, DAOS's {@code shared.RankResult} without the host address
 * (the module answering the call adds it).
 *
 * @param rank    the engine's rank
 * @param action  DAOS's action name: {@code prep shutdown}, {@code stop}, {@code start}, {@code reset format}
 * @param errored whether the operation failed for this rank
 * @param message the error text when errored, else empty
 * @param state   the resulting state as DAOS's lower-case member state name ({@code stopped}, {@code stopping},
 *                {@code ready}, {@code awaitformat}, {@code errored}, {@code unresponsive})
 */
public record RankResult(int rank, String action, boolean errored, String message, String state) {
    public RankResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(state, "state");
    }
}
