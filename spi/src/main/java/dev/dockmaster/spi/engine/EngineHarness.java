package dev.dockmaster.spi.engine;

import dev.dockmaster.spi.Fault;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The engine instances of this server, as gRPC modules see them: which engines exist and in which state, and the
 * operations modules may ask for. The core owns the instances and their processes; modules never change them
 * directly. Rank operations act only on the local engines whose rank is in the set and answer one result per such
 * engine; ranks not on this host are ignored, as in DAOS.
 */
public interface EngineHarness {

    /** Every configured engine, by index. */
    List<EngineView> engines();

    /**
     * Formats every engine's storage, engines in parallel: SCM, then the bdev tiers, then {@code daos_nvme.conf}
     * and the superblock. Engines whose storage ends up ready leave {@link EngineState#AWAIT_FORMAT}.
     *
     * @param reformat format SCM even when it is already formatted (DAOS {@code reformat}, dmg {@code --force})
     * @return one result per engine, by index; empty when no engine is configured
     * @throws Fault when the format cannot start at all (such as another format running)
     */
    List<EngineFormatResult> format(boolean reformat);

    /** Registers a listener for state changes of the local engines. */
    default void addListener(EngineListener listener) {
    }

    /** dRPC PrepShutdown to the ready engines among {@code ranks} (DAOS's PrepShutdownRanks). */
    default List<RankResult> prepShutdown(Set<Integer> ranks, Duration timeout) {
        return List.of();
    }

    /** Stops the running engines among {@code ranks}: SIGINT, or SIGKILL when {@code force} (DAOS's StopRanks). */
    default List<RankResult> stop(Set<Integer> ranks, boolean force, Duration timeout) {
        return List.of();
    }

    /** Starts the engines among {@code ranks} that do not run and waits until they are ready (DAOS's StartRanks). */
    default List<RankResult> start(Set<Integer> ranks, Duration timeout) {
        return List.of();
    }

    /**
     * Deletes the superblocks of the stopped engines among {@code ranks} and returns them to AwaitFormat (DAOS's
     * ResetFormatRanks).
     *
     * @throws Fault when one of them still runs
     */
    default List<RankResult> resetFormat(Set<Integer> ranks, Duration timeout) {
        return List.of();
    }

    /**
     * Applies new log settings to every ready engine over dRPC (SetLogMasks, 238).
     *
     * @return one error text per engine that did not take them; empty when all did
     */
    default List<String> setLogMasks(LogMasks masks) {
        return List.of();
    }

    /**
     * Sends one dRPC call to a ready local engine, trying them in index order and moving on when one is not
     * started, not ready or has no socket yet, as DAOS's harness does.
     *
     * @param module the dRPC module id, such as 2 (MGMT)
     * @param method the dRPC method id, such as 232 (GROUP_UPDATE)
     * @param body   the encoded request body
     * @return the encoded response body
     * @throws Fault when no local engine could take the call (DAOS's "data plane not started", fault 611 ...) or
     *               the call failed
     */
    default byte[] callEngine(int module, int method, byte[] body, Duration timeout) {
        throw new Fault("server", 611, "data plane not started: this server runs no engines",
                "configure engines in the server's config file, or send the call to a server that runs them");
    }

    /**
     * Engine {@code index}'s own metrics as it publishes them (DAOS's engine telemetry), by DAOS metric path such as
     * {@code started_at}, {@code servicing_at} or {@code drpc/calls_handled}, read now. Empty when the engine publishes
     * none, is not running, or the harness cannot read them: telemetry never fails a caller.
     */
    default java.util.Map<String, Double> engineMetrics(int index) {
        return java.util.Map.of();
    }

    /** A harness with no engines, for servers and tests that configure none. */
    static EngineHarness none() {
        return new EngineHarness() {
            @Override
            public List<EngineView> engines() {
                return List.of();
            }

            @Override
            public List<EngineFormatResult> format(boolean reformat) {
                return List.of();
            }
        };
    }
}
