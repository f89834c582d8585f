package dev.dockmaster.plugins.management;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A system member's state in the management service, with DAOS's mask bits and its table of legal transitions
 * ({@code system/member.go}). The transition table applies to state changes from events and fan-out results; Join
 * and the admin exclude commands write a state directly, which is how an Errored or Excluded rank comes back.
 */
public enum MemberState {
    UNKNOWN(0x0000),
    AWAIT_FORMAT(0x0001),
    STARTING(0x0002),
    READY(0x0004),
    JOINED(0x0008),
    STOPPING(0x0010),
    STOPPED(0x0020),
    EXCLUDED(0x0040),
    ERRORED(0x0080),
    UNRESPONSIVE(0x0100),
    ADMIN_EXCLUDED(0x0200),
    CHECKER_STARTED(0x0400);

    /** Every state: what a zero state mask means. */
    public static final int ALL_MASK = 0xFFFF;

    private final int mask;

    MemberState(int mask) {
        this.mask = mask;
    }

    public int mask() {
        return mask;
    }

    /** The lower-case name DAOS puts on the wire ({@code joined}, {@code adminexcluded}, ...). */
    public String wireName() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    public static Optional<MemberState> fromWireName(String name) {
        String wanted = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (MemberState state : values()) {
            if (state.wireName().equals(wanted)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** Whether this state is in {@code stateMask}; a mask of 0 selects every state, as in DAOS. */
    public boolean inMask(int stateMask) {
        int effective = stateMask == 0 ? ALL_MASK : stateMask;
        return this == UNKNOWN ? effective == ALL_MASK : (effective & mask) != 0;
    }

    /** Whether a member in this state may move to {@code next} on an event or a fan-out result (reference 5.3). */
    public boolean canTransitionTo(MemberState next) {
        return !illegalNext().contains(next);
    }

    private Set<MemberState> illegalNext() {
        return switch (this) {
            case UNKNOWN, ADMIN_EXCLUDED -> EnumSet.allOf(MemberState.class);
            case AWAIT_FORMAT, STARTING, READY -> EnumSet.of(EXCLUDED);
            case JOINED -> EnumSet.of(READY);
            case STOPPING, STOPPED -> EnumSet.noneOf(MemberState.class);
            case EXCLUDED -> EnumSet.of(ERRORED, STOPPING, STOPPED, STARTING, READY, UNRESPONSIVE);
            case ERRORED, UNRESPONSIVE -> EnumSet.of(READY, JOINED, STOPPING);
            case CHECKER_STARTED -> EnumSet.of(READY, JOINED);
        };
    }

    /** AwaitFormat, Excluded and AdminExcluded members are left out of the group map ("excluded" filter). */
    public boolean excludedFromGroupMap() {
        return this == AWAIT_FORMAT || this == EXCLUDED || this == ADMIN_EXCLUDED;
    }
}
