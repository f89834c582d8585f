package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.JoinOutcome;
import dev.dockmaster.plugins.management.raft.JoinRequestRecord;
import dev.dockmaster.plugins.management.raft.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JoinBatcherTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void joinsWithinOneWindowBecomeOneEntryAndEachGetsItsOutcome() throws Exception {
        SystemDb db = new SystemDb();
        List<LogEntry> proposed = new CopyOnWriteArrayList<>();
        List<Integer> committedBatchSizes = new CopyOnWriteArrayList<>();
        JoinBatcher batcher = new JoinBatcher(Duration.ofMillis(200), scheduler, entry -> {
            proposed.add(entry);
            return CompletableFuture.completedFuture(db.apply(entry));
        }, (joins, result) -> committedBatchSizes.add(joins.size()), Clock.systemUTC());

        List<CompletableFuture<JoinOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            outcomes.add(batcher.submit(SystemDbTest.join(String.format("00000000-0000-0000-0000-%012d", i),
                    Ranks.NIL_RANK, "10.0.0.1:10001")));
        }
        for (CompletableFuture<JoinOutcome> outcome : outcomes) {
            assertThat(outcome.get(5, TimeUnit.SECONDS).getOk()).isTrue();
        }
        assertThat(proposed).hasSize(1);
        assertThat(committedBatchSizes).containsExactly(50);
        assertThat(outcomes.stream().map(f -> f.join().getRank()).distinct().count()).isEqualTo(50);
        assertThat(db.mapVersion()).isEqualTo(1);
    }

    @Test
    void aFailedProposalFailsEveryJoinOfTheBatch() {
        JoinBatcher batcher = new JoinBatcher(Duration.ofMillis(10), scheduler,
                entry -> CompletableFuture.<ApplyResult>failedFuture(new IllegalStateException("no quorum")),
                (joins, result) -> { }, Clock.systemUTC());
        CompletableFuture<JoinOutcome> outcome = batcher.submit(JoinRequestRecord.newBuilder()
                .setUuid(SystemDbTest.U1).setRank(Ranks.NIL_RANK).build());
        assertThat(outcome).failsWithin(Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("no quorum");
    }
}
