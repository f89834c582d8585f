package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.DbSnapshot;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.PoolRecord;
import dev.dockmaster.plugins.management.raft.PoolRemove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The pool service state machine in the MS database: legal and refused changes, snapshots. */
class PoolDbTest {
    static final String A = "11111111-1111-1111-1111-111111111111";
    static final String B = "22222222-2222-2222-2222-222222222222";

    static LogEntry add(String uuid, String label, PoolState state) {
        return LogEntry.newBuilder().setTimeNanos(1_000).setPoolAdd(record(uuid, label, state)).build();
    }

    static LogEntry update(String uuid, String label, PoolState state) {
        return LogEntry.newBuilder().setTimeNanos(2_000).setPoolUpdate(record(uuid, label, state)).build();
    }

    static LogEntry remove(String uuid) {
        return LogEntry.newBuilder().setPoolRemove(PoolRemove.newBuilder().setUuid(uuid)).build();
    }

    static PoolRecord record(String uuid, String label, PoolState state) {
        return PoolRecord.newBuilder().setUuid(uuid).setLabel(label).setState(state.name()).addSvcRanks(0)
                .addTargetRanks(0).addTargetRanks(1).addTierBytes(1L << 30).addTierBytes(0).build();
    }

    /**
     * @param steps     entries applied in order before the last one
     * @param last      the entry under test
     * @param refusal   what the last entry answers ("" when applied)
     * @param afterA    pool A's state afterwards, or null when it must not exist
     */
    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("add Creating", List.of(), add(A, "a", PoolState.CREATING), "", PoolState.CREATING),
                arguments("Creating -> Ready", List.of(add(A, "a", PoolState.CREATING)),
                        update(A, "a", PoolState.READY), "", PoolState.READY),
                arguments("Creating -> Destroying (clean-up)", List.of(add(A, "a", PoolState.CREATING)),
                        update(A, "a", PoolState.DESTROYING), "", PoolState.DESTROYING),
                arguments("Ready -> Destroying", List.of(add(A, "a", PoolState.CREATING),
                        update(A, "a", PoolState.READY)), update(A, "a", PoolState.DESTROYING), "",
                        PoolState.DESTROYING),
                arguments("Ready label change", List.of(add(A, "a", PoolState.READY)),
                        update(A, "renamed", PoolState.READY), "", PoolState.READY),
                arguments("Ready -> Creating refused", List.of(add(A, "a", PoolState.READY)),
                        update(A, "a", PoolState.CREATING), "cannot go from Ready to Creating", PoolState.READY),
                arguments("Destroying -> Ready refused", List.of(add(A, "a", PoolState.DESTROYING)),
                        update(A, "a", PoolState.READY), "cannot go from Destroying to Ready", PoolState.DESTROYING),
                arguments("duplicate UUID refused", List.of(add(A, "a", PoolState.READY)),
                        add(A, "other", PoolState.CREATING), "already exists", PoolState.READY),
                arguments("duplicate label refused", List.of(add(B, "a", PoolState.READY)),
                        add(A, "a", PoolState.CREATING), "already used by pool " + B, null),
                arguments("label taken by another pool on update", List.of(add(A, "a", PoolState.READY),
                        add(B, "b", PoolState.READY)), update(A, "b", PoolState.READY), "already used by pool " + B,
                        PoolState.READY),
                arguments("update of an unknown pool", List.of(), update(A, "a", PoolState.READY),
                        "unable to find pool service with uuid " + A, null),
                arguments("remove", List.of(add(A, "a", PoolState.DESTROYING)), remove(A), "", null),
                arguments("remove an unknown pool", List.of(), remove(A), "unable to find pool service", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void poolChanges(String name, List<LogEntry> steps, LogEntry last, String refusal, PoolState afterA) {
        SystemDb db = new SystemDb();
        steps.forEach(step -> assertThat(db.apply(step).getPoolError()).isEmpty());
        long versionBefore = db.version();
        ApplyResult result = db.apply(last);
        assertThat(result.getPoolError()).contains(refusal);
        if (refusal.isEmpty()) {
            assertThat(result.getPoolError()).isEmpty();
        }
        assertThat(result.getChanged()).isEqualTo(refusal.isEmpty());
        assertThat(db.version()).as("every entry counts, applied or not").isEqualTo(versionBefore + 1);
        assertThat(db.pools().byUuid(A).map(PoolEntry::state).orElse(null)).isEqualTo(afterA);
    }

    @Test
    void labelIndexFollowsRenamesAndRemovals() {
        SystemDb db = new SystemDb();
        db.apply(add(A, "a", PoolState.READY));
        db.apply(update(A, "renamed", PoolState.READY));
        assertThat(db.pools().byLabel("a")).isEmpty();
        assertThat(db.pools().byLabel("renamed")).map(PoolEntry::uuid).contains(A);
        assertThat(db.apply(add(B, "a", PoolState.CREATING)).getPoolError()).as("the old label is free").isEmpty();
        db.apply(remove(A));
        assertThat(db.pools().byLabel("renamed")).isEmpty();
        assertThat(db.pools().all()).extracting(PoolEntry::uuid).containsExactly(B);
    }

    @Test
    void snapshotCarriesPoolsAndRestoreReplacesThem() throws Exception {
        SystemDb db = new SystemDb();
        db.apply(add(A, "a", PoolState.READY));
        db.apply(add(B, "b", PoolState.CREATING));
        DbSnapshot snapshot = DbSnapshot.parseFrom(db.snapshot().toByteArray());
        assertThat(snapshot.getSchemaVersion()).isEqualTo(2);

        SystemDb restored = new SystemDb();
        restored.apply(add("33333333-3333-3333-3333-333333333333", "gone", PoolState.READY));
        restored.restore(snapshot);
        assertThat(restored.pools().all()).isEqualTo(db.pools().all());
        assertThat(restored.pools().byLabel("b").orElseThrow().state()).isEqualTo(PoolState.CREATING);
        assertThat(restored.pools().byLabel("gone")).isEmpty();
        PoolEntry a = restored.pools().byUuid(A).orElseThrow();
        assertThat(a.tierBytes()).containsExactly(1L << 30, 0L);
        assertThat(a.targetRanks()).containsExactly(0, 1);
        assertThat(a.lastUpdate().getNano()).isEqualTo(1_000);
        assertThat(restored.poolListing().version()).isEqualTo(db.version());
    }
}
