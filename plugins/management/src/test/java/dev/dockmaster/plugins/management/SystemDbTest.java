package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.JoinBatch;
import dev.dockmaster.plugins.management.raft.JoinOutcome;
import dev.dockmaster.plugins.management.raft.JoinRequestRecord;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.SetAttrs;
import dev.dockmaster.plugins.management.raft.StateUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SystemDbTest {
    static final String U1 = "11111111-1111-1111-1111-111111111111";
    static final String U2 = "22222222-2222-2222-2222-222222222222";
    static final String A1 = "10.0.0.1:10001";
    static final String A2 = "10.0.0.2:10001";

    static JoinRequestRecord join(String uuid, int rank, String addr) {
        return JoinRequestRecord.newBuilder().setUuid(uuid).setRank(rank).setAddr(addr)
                .setFabricUri("ofi+tcp://" + addr).setFabricContexts(4).setFaultDomain("/host")
                .setIncarnation(7).build();
    }

    static ApplyResult apply(SystemDb db, JoinRequestRecord... joins) {
        return db.apply(LogEntry.newBuilder().setTimeNanos(1_000_000_000L)
                .setJoinBatch(JoinBatch.newBuilder().addAllJoins(List.of(joins))).build());
    }

    static void setState(SystemDb db, int rank, MemberState state) {
        db.apply(LogEntry.newBuilder().setStateUpdate(StateUpdate.newBuilder().setRank(rank)
                .setState(state.wireName())).build());
    }

    /** Reference 5.2, one case per row: what is in the db first, the join, and the expected outcome. */
    static Stream<Arguments> joinRules() {
        Consumer<SystemDb> empty = db -> { };
        Consumer<SystemDb> u1AtRank1 = db -> apply(db, join(U1, Ranks.NIL_RANK, A1));
        return Stream.of(
                Arguments.of("nil rank, unknown uuid -> NextRank (1)", empty, join(U1, Ranks.NIL_RANK, A1), 1, null),
                Arguments.of("nil rank, known uuid -> same rank", u1AtRank1, join(U1, Ranks.NIL_RANK, A1), 1, null),
                Arguments.of("rank given, known, same uuid -> same rank", u1AtRank1, join(U1, 1, A1), 1, null),
                Arguments.of("rank given, uuid differs -> refused", u1AtRank1, join(U2, 1, A2), -1,
                        "uuid changed from " + U1 + " -> " + U2),
                Arguments.of("rank given, unknown -> that rank", empty, join(U1, 0, A1), 0, null),
                Arguments.of("known uuid asks another rank -> refused", u1AtRank1, join(U1, 5, A1), -1,
                        "rank changed from 1 -> 5"),
                Arguments.of("control address changed -> refused", u1AtRank1, join(U1, 1, A2), -1,
                        "control address changed from " + A1 + " -> " + A2),
                Arguments.of("control address changed, nil rank -> refused", u1AtRank1,
                        join(U1, Ranks.NIL_RANK, A2), -1, "control address changed"),
                Arguments.of("admin excluded -> refused", (Consumer<SystemDb>) db -> {
                    u1AtRank1.accept(db);
                    forceState(db, 1, MemberState.ADMIN_EXCLUDED);
                }, join(U1, 1, A1), -1, "has been administratively excluded"),
                Arguments.of("fault domain of another depth -> refused (401)", u1AtRank1,
                        join(U2, Ranks.NIL_RANK, A2).toBuilder().setFaultDomain("/rack1/host2").build(), -1,
                        "has 2 levels but the system's fault domains have 1"),
                Arguments.of("errored member rejoins -> joined", (Consumer<SystemDb>) db -> {
                    u1AtRank1.accept(db);
                    setState(db, 1, MemberState.ERRORED);
                }, join(U1, 1, A1), 1, null));
    }

    /** AdminExcluded is set by the exclude command, which bypasses the table; tests reach it through a snapshot. */
    static void forceState(SystemDb db, int rank, MemberState state) {
        var snap = db.snapshot().toBuilder();
        for (int i = 0; i < snap.getMembersCount(); i++) {
            if (snap.getMembers(i).getRank() == rank) {
                snap.setMembers(i, snap.getMembers(i).toBuilder().setState(state.name()));
            }
        }
        db.restore(snap.build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("joinRules")
    void joinRules(String name, Consumer<SystemDb> given, JoinRequestRecord req, int wantRank, String wantError) {
        SystemDb db = new SystemDb();
        given.accept(db);
        JoinOutcome outcome = apply(db, req).getJoins(0);
        if (wantError == null) {
            assertThat(outcome.getError()).isEmpty();
            assertThat(outcome.getOk()).isTrue();
            assertThat(outcome.getRank()).isEqualTo(wantRank);
            assertThat(db.member(wantRank).orElseThrow().state()).isEqualTo(MemberState.JOINED);
        } else {
            assertThat(outcome.getOk()).isFalse();
            assertThat(outcome.getError()).contains(wantError);
        }
    }

    @Test
    void ranksAreNeverReusedAndNextRankPassesExplicitRanks() {
        SystemDb db = new SystemDb();
        apply(db, join(U1, 0, A1));
        assertThat(db.nextRank()).isEqualTo(1);
        ApplyResult batch = apply(db, join(U2, Ranks.NIL_RANK, A2),
                join("33333333-3333-3333-3333-333333333333", Ranks.NIL_RANK, A2));
        assertThat(batch.getJoinsList()).extracting(JoinOutcome::getRank).containsExactly(1, 2);
        apply(db, join("44444444-4444-4444-4444-444444444444", 9, A2));
        assertThat(db.nextRank()).isEqualTo(10);
    }

    @Test
    void everyEntryBumpsVersionAndSuccessfulBatchesBumpMapVersionOnce() {
        SystemDb db = new SystemDb();
        ApplyResult first = apply(db, join(U1, Ranks.NIL_RANK, A1), join(U2, Ranks.NIL_RANK, A2));
        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getMapVersion()).isEqualTo(1);
        ApplyResult refused = apply(db, join(U2, 1, A2));
        assertThat(refused.getVersion()).isEqualTo(2);
        assertThat(refused.getMapVersion()).isEqualTo(1);
        db.apply(LogEntry.newBuilder().setSetAttrs(SetAttrs.newBuilder().putAttrs("k", "v")).build());
        assertThat(db.version()).isEqualTo(3);
        assertThat(db.attributes()).containsEntry("k", "v");
    }

    @Test
    void stateUpdatesFollowTheTableAndIgnoreOlderIncarnations() {
        SystemDb db = new SystemDb();
        apply(db, join(U1, Ranks.NIL_RANK, A1));
        ApplyResult older = db.apply(LogEntry.newBuilder().setStateUpdate(StateUpdate.newBuilder().setRank(1)
                .setState("errored").setIncarnation(3)).build());
        assertThat(older.getChanged()).isFalse();
        ApplyResult died = db.apply(LogEntry.newBuilder().setStateUpdate(StateUpdate.newBuilder().setRank(1)
                .setState("errored").setInfo("exit status 9").setIncarnation(7)).build());
        assertThat(died.getChanged()).isTrue();
        assertThat(db.member(1).orElseThrow().state()).isEqualTo(MemberState.ERRORED);
        assertThat(db.member(1).orElseThrow().info()).isEqualTo("exit status 9");
        setState(db, 1, MemberState.EXCLUDED);
        assertThat(db.member(1).orElseThrow().state()).isEqualTo(MemberState.EXCLUDED);
        setState(db, 1, MemberState.ERRORED); // Excluded -> Errored is illegal: skipped
        assertThat(db.member(1).orElseThrow().state()).isEqualTo(MemberState.EXCLUDED);
    }

    @Test
    void snapshotRestoresEverything() {
        SystemDb db = new SystemDb();
        apply(db, join(U1, 0, A1), join(U2, Ranks.NIL_RANK, A2));
        setState(db, 1, MemberState.ERRORED);
        db.apply(LogEntry.newBuilder().setSetAttrs(SetAttrs.newBuilder().putAttrs("prop.x", "y")).build());

        SystemDb restored = new SystemDb();
        restored.restore(db.snapshot());
        assertThat(restored.members()).isEqualTo(db.members());
        assertThat(restored.version()).isEqualTo(db.version());
        assertThat(restored.nextRank()).isEqualTo(2);
        assertThat(restored.mapVersion()).isEqualTo(db.mapVersion());
        assertThat(restored.attributes()).isEqualTo(db.attributes());
        // the uuid index came back too: a rejoin keeps its rank
        assertThat(apply(restored, join(U2, Ranks.NIL_RANK, A2)).getJoins(0).getRank()).isEqualTo(1);
    }
}
