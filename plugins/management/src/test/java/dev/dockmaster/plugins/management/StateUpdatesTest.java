package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.StateUpdate;
import dev.dockmaster.plugins.management.raft.StateUpdates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One entry with many members' new states (a fan-out's results, an exclude command). */
class StateUpdatesTest {
    static SystemDb dbWith(MemberState state) {
        SystemDb db = new SystemDb();
        SystemDbTest.apply(db, SystemDbTest.join(SystemDbTest.U1, 1, SystemDbTest.A1));
        if (state != MemberState.JOINED) {
            db.apply(LogEntry.newBuilder().setStateUpdates(StateUpdates.newBuilder().addUpdates(StateUpdate
                    .newBuilder().setRank(1).setState(state.wireName()).setDirect(true))).build());
        }
        return db;
    }

    static ApplyResult update(SystemDb db, MemberState next, boolean direct) {
        return db.apply(LogEntry.newBuilder().setStateUpdates(StateUpdates.newBuilder()
                .addUpdates(StateUpdate.newBuilder().setRank(1).setState(next.wireName()).setDirect(direct)
                        .setInfo("why"))
                .addUpdates(StateUpdate.newBuilder().setRank(99).setState(next.wireName()))).build());
    }

    /** Reference 5.3 transitions as fan-out results meet them; "direct" is the exclude commands' bypass. */
    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("joined -> stopped", MemberState.JOINED, MemberState.STOPPED, false, true),
                Arguments.of("stopped -> ready", MemberState.STOPPED, MemberState.READY, false, true),
                Arguments.of("joined -> ready is illegal", MemberState.JOINED, MemberState.READY, false, false),
                Arguments.of("errored -> ready is illegal", MemberState.ERRORED, MemberState.READY, false, false),
                Arguments.of("unresponsive -> stopping is illegal", MemberState.UNRESPONSIVE, MemberState.STOPPING,
                        false, false),
                Arguments.of("excluded -> stopped is illegal", MemberState.EXCLUDED, MemberState.STOPPED, false,
                        false),
                Arguments.of("admin excluded -> stopped is illegal", MemberState.ADMIN_EXCLUDED,
                        MemberState.STOPPED, false, false),
                Arguments.of("admin excluded -> excluded, direct (clear-exclude)", MemberState.ADMIN_EXCLUDED,
                        MemberState.EXCLUDED, true, true),
                Arguments.of("errored -> admin excluded, direct (exclude)", MemberState.ERRORED,
                        MemberState.ADMIN_EXCLUDED, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void appliesLegalTransitionsOnly(String name, MemberState from, MemberState to, boolean direct, boolean moves) {
        SystemDb db = dbWith(from);
        int mapBefore = db.mapVersion();
        ApplyResult result = update(db, to, direct);
        MemberState now = db.member(1).orElseThrow().state();
        assertThat(now).isEqualTo(moves ? to : from);
        assertThat(result.getChanged()).isEqualTo(moves);
        assertThat(result.getChangedRanksList()).isEqualTo(moves ? java.util.List.of(1) : java.util.List.of());
        assertThat(db.mapVersion()).isEqualTo(moves ? mapBefore + 1 : mapBefore);
    }

    @Test
    void survivesASnapshot() {
        SystemDb db = dbWith(MemberState.ADMIN_EXCLUDED);
        SystemDb restored = new SystemDb();
        restored.restore(db.snapshot());
        assertThat(restored.member(1).orElseThrow().state()).isEqualTo(MemberState.ADMIN_EXCLUDED);
    }
}
