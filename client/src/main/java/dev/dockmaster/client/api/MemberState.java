package dev.dockmaster.client.api;

import dev.dockmaster.spi.Fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The management service's member states ({@code system/member.go}) with their filter bits, as {@code SystemQueryReq
 * .state_mask} carries them, and their names: capitalised as dmg prints them ({@code AwaitFormat}), lower-case on the
 * wire ({@code awaitformat}).
 */
public enum MemberState {
    UNKNOWN(0x0000, "Unknown"),
    AWAIT_FORMAT(0x0001, "AwaitFormat"),
    STARTING(0x0002, "Starting"),
    READY(0x0004, "Ready"),
    JOINED(0x0008, "Joined"),
    STOPPING(0x0010, "Stopping"),
    STOPPED(0x0020, "Stopped"),
    EXCLUDED(0x0040, "Excluded"),
    ERRORED(0x0080, "Errored"),
    UNRESPONSIVE(0x0100, "Unresponsive"),
    ADMIN_EXCLUDED(0x0200, "AdminExcluded"),
    CHECKER_STARTED(0x0400, "CheckerStarted");

    /** DAOS's {@code AllMemberFilter}: every state. */
    public static final int ALL = 0xFFFF;

    private final int bit;
    private final String displayName;

    MemberState(int bit, String displayName) {
        this.bit = bit;
        this.displayName = displayName;
    }

    public int bit() {
        return bit;
    }

    /** As dmg prints it: {@code Joined}, {@code AwaitFormat}. */
    public String displayName() {
        return displayName;
    }

    /** As the wire and dmg's JSON carry it: {@code joined}, {@code awaitformat}. */
    public String wireName() {
        return displayName.toLowerCase(Locale.ROOT);
    }

    /** The state a wire name stands for (any case); {@link #UNKNOWN} for anything else, as DAOS reads it. */
    public static MemberState fromWire(String name) {
        return find(name).orElse(UNKNOWN);
    }

    /**
     * A state named by an operator ({@code --with-states joined,Stopped}); names are case-insensitive and
     * {@code Unknown} is refused.
     *
     * @throws Fault 500 (client) for a name that is no state
     */
    public static MemberState parse(String name) {
        // "unknown" is no state one can ask for, as in DAOS
        return find(name).filter(s -> s != UNKNOWN).orElseThrow(() -> new Fault("client", 500, "invalid state name \"" + name + "\"",
                "use one or more of " + String.join(", ", Arrays.stream(values()).filter(s -> s != UNKNOWN)
                        .map(MemberState::displayName).toList())));
    }

    private static Optional<MemberState> find(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wanted)).findFirst();
    }
}
