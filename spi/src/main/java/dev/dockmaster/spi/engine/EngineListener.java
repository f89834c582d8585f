package dev.dockmaster.spi.engine;

/**
 * Told about changes of the local engines, such as the management service waiting for engine 0's storage (where
 * its raft log lives) to be ready. Called on the harness's threads: return quickly and never block.
 */
@FunctionalInterface
public interface EngineListener {

    /** {@code engine} (its new snapshot) has left {@code previous}. */
    void stateChanged(EngineView engine, EngineState previous);
}
