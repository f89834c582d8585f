package dev.dockmaster.core.drpc;

/**
 * Told of every accepted NotifyReady, on the dRPC session's thread; the engine harness uses it to go on with Join,
 * SetRank and SetUp. Must return quickly (the engine waits for the answer) and must not throw.
 */
@FunctionalInterface
public interface EngineReadyListener {

    void engineReady(EngineReady ready);
}
