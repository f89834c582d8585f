package dev.dockmaster.plugins.management;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.dockmaster.plugins.management.MemberState.*;
import static org.assertj.core.api.Assertions.assertThat;

class MemberStateTest {

    /** Reference 5.3: the states each state may NOT move to; everything else is allowed. */
    static Stream<Arguments> transitions() {
        List<Arguments> cases = new ArrayList<>();
        table(cases, UNKNOWN, EnumSet.allOf(MemberState.class));
        table(cases, AWAIT_FORMAT, EnumSet.of(EXCLUDED));
        table(cases, STARTING, EnumSet.of(EXCLUDED));
        table(cases, READY, EnumSet.of(EXCLUDED));
        table(cases, JOINED, EnumSet.of(READY));
        table(cases, STOPPING, EnumSet.noneOf(MemberState.class));
        table(cases, STOPPED, EnumSet.noneOf(MemberState.class));
        table(cases, EXCLUDED, EnumSet.of(ERRORED, STOPPING, STOPPED, STARTING, READY, UNRESPONSIVE));
        table(cases, ERRORED, EnumSet.of(READY, JOINED, STOPPING));
        table(cases, UNRESPONSIVE, EnumSet.of(READY, JOINED, STOPPING));
        table(cases, ADMIN_EXCLUDED, EnumSet.allOf(MemberState.class));
        table(cases, CHECKER_STARTED, EnumSet.of(READY, JOINED));
        return cases.stream();
    }

    private static void table(List<Arguments> cases, MemberState from, Set<MemberState> illegal) {
        for (MemberState to : MemberState.values()) {
            boolean allowed = !illegal.contains(to);
            cases.add(Arguments.of(from + " -> " + to + (allowed ? " allowed" : " refused"), from, to, allowed));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transitionTable(String name, MemberState from, MemberState to, boolean allowed) {
        assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
    }

    @Test
    void wireNamesAndMasksAreDaos() {
        assertThat(ADMIN_EXCLUDED.wireName()).isEqualTo("adminexcluded");
        assertThat(AWAIT_FORMAT.wireName()).isEqualTo("awaitformat");
        assertThat(CHECKER_STARTED.mask()).isEqualTo(0x400);
        assertThat(MemberState.fromWireName("joined")).contains(JOINED);
        assertThat(MemberState.fromWireName("nonsense")).isEmpty();
        assertThat(JOINED.inMask(0)).isTrue();
        assertThat(JOINED.inMask(0xFFFF & ~JOINED.mask())).isFalse();
        assertThat(ERRORED.inMask(ERRORED.mask() | JOINED.mask())).isTrue();
    }
}
