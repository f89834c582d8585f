package dev.dockmaster.plugins.management;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A pool service's state in the MS database (DAOS's {@code system.PoolServiceState}). A create writes Creating before
 * it asks an engine, Ready once the engine answered; a destroy writes Destroying before the engine destroys, and the
 * entry is removed afterwards. Nothing goes back: a Creating or Destroying entry left by a lost leader is finished
 * by the next leader, never revived.
 */
public enum PoolState {
    CREATING("Creating"),
    READY("Ready"),
    DESTROYING("Destroying");

    private final String wireName;

    PoolState(String wireName) {
        this.wireName = wireName;
    }

    /** The name DAOS puts in {@code ListPoolsResp.Pool.state} (the PoolServiceState enum's name). */
    public String wireName() {
        return wireName;
    }

    /** Whether an update may move a pool from this state to {@code next} (staying put is always allowed). */
    public boolean canTransitionTo(PoolState next) {
        return next == this || allowedNext().contains(next);
    }

    private Set<PoolState> allowedNext() {
        return switch (this) {
            case CREATING -> EnumSet.of(READY, DESTROYING);
            case READY -> EnumSet.of(DESTROYING);
            case DESTROYING -> EnumSet.noneOf(PoolState.class);
        };
    }

    /** The state of a name written in a raft entry or snapshot; empty for a name this version does not know. */
    static Optional<PoolState> fromName(String name) {
        for (PoolState s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
