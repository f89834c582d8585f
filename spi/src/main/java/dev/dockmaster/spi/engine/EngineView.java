package dev.dockmaster.spi.engine;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one engine instance.
 *
 * @param index the engine's position in {@code engines}, DAOS's instance index
 * @param state its local state
 * @param tiers its storage tiers, SCM first (a validated configuration always has the SCM tier)
 */
public record EngineView(int index, EngineState state, List<EngineTier> tiers) {
    public EngineView {
        Objects.requireNonNull(state, "state");
        tiers = List.copyOf(tiers);
    }

    public EngineTier scmTier() {
        return tiers.get(0);
    }

    public List<EngineTier> bdevTiers() {
        return tiers.subList(1, tiers.size());
    }
}
