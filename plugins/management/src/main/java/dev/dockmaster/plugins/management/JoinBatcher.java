package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.JoinBatch;
import dev.dockmaster.plugins.management.raft.JoinOutcome;
import dev.dockmaster.plugins.management.raft.JoinRequestRecord;
import dev.dockmaster.plugins.management.raft.LogEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Gathers the joins that arrive within one window (DAOS: 250 ms) and proposes them as ONE raft entry, so a storm of
 * engines costs a handful of raft commits instead of one per engine. Each joiner gets its own outcome back.
 */
final class JoinBatcher {
    /** Joins beyond this many in one window go into the next entry, keeping entries well under raft's size limits. */
    static final int MAX_BATCH = 4096;

    private final Duration window;
    private final ScheduledExecutorService scheduler;
    private final Function<LogEntry, CompletableFuture<ApplyResult>> proposer;
    private final BiConsumer<List<JoinRequestRecord>, ApplyResult> committed;
    private final Clock clock;
    private final List<Pending> pending = new ArrayList<>();
    private boolean flushScheduled;

    /**
     * @param proposer  proposes one entry to raft and completes with the apply result
     * @param committed told about every committed batch (group update push, new voters)
     */
    JoinBatcher(Duration window, ScheduledExecutorService scheduler,
                Function<LogEntry, CompletableFuture<ApplyResult>> proposer,
                BiConsumer<List<JoinRequestRecord>, ApplyResult> committed, Clock clock) {
        this.window = window;
        this.scheduler = scheduler;
        this.proposer = proposer;
        this.committed = committed;
        this.clock = clock;
    }

    CompletableFuture<JoinOutcome> submit(JoinRequestRecord join) {
        CompletableFuture<JoinOutcome> outcome = new CompletableFuture<>();
        synchronized (this) {
            pending.add(new Pending(join, outcome));
            if (!flushScheduled) {
                flushScheduled = true;
                scheduler.schedule(this::flush, window.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return outcome;
    }

    private void flush() {
        List<Pending> batch;
        synchronized (this) {
            int n = Math.min(MAX_BATCH, pending.size());
            batch = new ArrayList<>(pending.subList(0, n));
            pending.subList(0, n).clear();
            flushScheduled = !pending.isEmpty();
            if (flushScheduled) {
                scheduler.execute(this::flush);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<JoinRequestRecord> joins = batch.stream().map(Pending::join).toList();
        Instant now = clock.instant();
        LogEntry entry = LogEntry.newBuilder()
                .setTimeNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .setJoinBatch(JoinBatch.newBuilder().addAllJoins(joins))
                .build();
        CompletableFuture<ApplyResult> result;
        try {
            result = proposer.apply(entry);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((applied, error) -> {
            if (error != null) {
                batch.forEach(p -> p.outcome().completeExceptionally(error));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                JoinOutcome outcome = i < applied.getJoinsCount() ? applied.getJoins(i)
                        : JoinOutcome.newBuilder().setError("join not applied").build();
                batch.get(i).outcome().complete(outcome);
            }
            committed.accept(joins, applied);
        });
    }

    /** Fails every join still waiting (the module closes). */
    synchronized void failPending(RuntimeException why) {
        pending.forEach(p -> p.outcome().completeExceptionally(why));
        pending.clear();
    }

    private record Pending(JoinRequestRecord join, CompletableFuture<JoinOutcome> outcome) {
    }
}
