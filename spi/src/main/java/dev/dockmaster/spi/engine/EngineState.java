package dev.dockmaster.spi.engine;

/**
 * The local state of one engine instance, as DAOS's harness reports it. This issue knows only the states before an
 * engine process exists; the engine launcher adds the running ones.
 */
public enum EngineState {
    /** The engine's storage is not formatted: it waits, without a timeout, for a storage format. */
    AWAIT_FORMAT,
    /** The storage is ready and no engine process runs. */
    STOPPED
}
