package dev.dockmaster.spi.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A snapshot of one engine instance.
 *
 * @param index the engine's position in {@code engines}, DAOS's instance index
 * @param state its local state
 * @param tiers its storage tiers, SCM first (a validated configuration always has the SCM tier)
 * @param rank its system rank, from its superblock once it has joined; empty before its first join
 * @param targets its configured VOS target count ({@code targets}); 0 where the caller does not know it. The
 *                management service sizes pools with it (DAOS's minimum bytes per target).
 */
public record EngineView(int index, EngineState state, List<EngineTier> tiers, OptionalInt rank, int targets) {
    public EngineView {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rank, "rank");
        tiers = List.copyOf(tiers);
    }

    /** An engine whose target count is not known. */
    public EngineView(int index, EngineState state, List<EngineTier> tiers, OptionalInt rank) {
        this(index, state, tiers, rank, 0);
    }

    /** An engine that has no rank yet. */
    public EngineView(int index, EngineState state, List<EngineTier> tiers) {
        this(index, state, tiers, OptionalInt.empty());
    }

    public EngineTier scmTier() {
        return tiers.get(0);
    }

    public List<EngineTier> bdevTiers() {
        return tiers.subList(1, tiers.size());
    }
}
