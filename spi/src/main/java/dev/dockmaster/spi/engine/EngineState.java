package dev.dockmaster.spi.engine;

/**
 * The local state of one engine instance, as DAOS's harness reports it ({@code server/instance.go}). These are the
 * harness's states, not the management service's member states ({@code joined}, {@code excluded}, ...).
 */
public enum EngineState {
    /** The engine's storage is not formatted: it waits, without a timeout, for a storage format. */
    AWAIT_FORMAT,
    /** The engine process runs and has not finished its start-up (NotifyReady, Join, SetRank, SetUp). */
    STARTING,
    /** The engine process runs, has joined the system and has a rank. */
    READY,
    /** The storage is ready and no engine process runs. */
    STOPPED,
    /** The engine's start failed, or its process exited without being asked to: no process runs. */
    ERRORED;

    /** Whether an engine process exists in this state. */
    public boolean running() {
        return this == STARTING || this == READY;
    }
}
