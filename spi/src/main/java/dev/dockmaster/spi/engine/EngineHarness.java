package dev.dockmaster.spi.engine;

import java.util.List;

/**
 * The engine instances of this server, as gRPC modules see them: which engines exist, in which state, and the one
 * storage operation modules may ask for. The core owns the instances; modules never change them directly.
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
     * @throws dev.dockmaster.spi.Fault when the format cannot start at all (such as another format running)
     */
    List<EngineFormatResult> format(boolean reformat);

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
