package dev.dockmaster.bench;

import dev.dockmaster.core.engine.EngineFaults;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineListener;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.engine.RankResult;
import dev.dockmaster.spi.storage.DeviceResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engines of one simulated host for the scale benchmark: an {@link EngineHarness} with no processes. Each engine
 * has a state, a rank and an incarnation; stop, prep shutdown and reset format take effect at once, as a real
 * harness's would once the engine process has exited. A start does what a starting DAOS engine does before its
 * harness calls it ready: it joins the system (through the {@link Joiner}, over gRPC to the management service in
 * the benchmark) and takes the rank the join answers. Ranks not on this host are ignored, as in DAOS.
 */
public final class SimulatedEngineHarness implements EngineHarness {

    /** The join a starting engine makes (DAOS: NotifyReady, then the server's Join to the MS, then SetRank). */
    @FunctionalInterface
    public interface Joiner {
        /**
         * @param index       the engine's index on its host
         * @param rank        its rank from an earlier join; empty on its first join
         * @param incarnation its new incarnation (increases at every start)
         * @return the rank the system gives it; failing when the join is refused or cannot be made
         */
        CompletableFuture<Integer> join(int index, OptionalInt rank, long incarnation);

        /** For engines that already have a rank and need no management service: the join keeps it. */
        Joiner KEEP_RANK = (index, rank, incarnation) -> rank.isPresent()
                ? CompletableFuture.completedFuture(rank.getAsInt())
                : CompletableFuture.failedFuture(new IllegalStateException("engine " + index + " has no rank"));
    }

    private final Joiner joiner;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    /** Guarded by {@code this}. */
    private final Engine[] engines;

    private static final class Engine {
        final int index;
        final List<EngineTier> tiers;
        EngineState state;
        OptionalInt rank = OptionalInt.empty();
        long incarnation;
        /** The join of the start in progress; null when none. */
        CompletableFuture<Integer> starting;

        Engine(int index, EngineState state) {
            this.index = index;
            this.state = state;
            this.tiers = List.of(new EngineTier(0, "ram", "/mnt/daos" + index, List.of(), 0));
        }

        EngineView view() {
            return new EngineView(index, state, tiers, rank);
        }
    }

    /**
     * @param count   the number of engines on this host
     * @param initial the state they start in: {@link EngineState#STOPPED} for formatted storage, no process yet
     * @param joiner  how a starting engine joins the system
     */
    public SimulatedEngineHarness(int count, EngineState initial, Joiner joiner) {
        if (count < 0) {
            throw new IllegalArgumentException("engine count " + count + " is negative");
        }
        if (initial.running()) {
            throw new IllegalArgumentException("engines cannot begin " + initial + ": they have not started");
        }
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.engines = new Engine[count];
        for (int i = 0; i < count; i++) {
            engines[i] = new Engine(i, initial);
        }
    }

    /** Engines with ranks given up front (engines that joined before), for tests without a management service. */
    public static SimulatedEngineHarness withRanks(EngineState state, int... ranks) {
        return withRanks(state, Joiner.KEEP_RANK, ranks);
    }

    /** Engines with ranks given up front whose later starts join through {@code joiner}. */
    public static SimulatedEngineHarness withRanks(EngineState state, Joiner joiner, int... ranks) {
        SimulatedEngineHarness harness = new SimulatedEngineHarness(ranks.length, EngineState.STOPPED, joiner);
        synchronized (harness) {
            for (int i = 0; i < ranks.length; i++) {
                harness.engines[i].rank = OptionalInt.of(ranks[i]);
                harness.engines[i].state = state;
            }
        }
        return harness;
    }

    @Override
    public synchronized List<EngineView> engines() {
        List<EngineView> out = new ArrayList<>(engines.length);
        for (Engine e : engines) {
            out.add(e.view());
        }
        return out;
    }

    @Override
    public void addListener(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Nothing to write: the simulated storage is ready at once. Engines awaiting format become stopped (storage
     * ready, no process), as after a real format and before the server starts them; running engines refuse.
     */
    @Override
    public List<EngineFormatResult> format(boolean reformat) {
        List<Integer> running = new ArrayList<>();
        List<EngineFormatResult> results = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            for (Engine e : engines) {
                if (e.state.running()) {
                    running.add(e.index);
                }
            }
            if (!running.isEmpty()) {
                throw EngineFaults.instancesNotStopped("format", running);
            }
            for (Engine e : engines) {
                String mount = e.tiers.get(0).mountPoint();
                if (e.state == EngineState.AWAIT_FORMAT || reformat) {
                    changes.add(move(e, EngineState.STOPPED));
                    results.add(new EngineFormatResult(e.index, mount, DeviceResult.done(mount), List.of()));
                } else {
                    results.add(new EngineFormatResult(e.index, mount,
                            DeviceResult.skipped(mount, "SCM is already formatted"), List.of()));
                }
            }
        }
        notify(changes);
        return results;
    }

    /** Ready engines answer "stopping"; the others are not running and answer "stopped" (as the real harness). */
    @Override
    public synchronized List<RankResult> prepShutdown(Set<Integer> ranks, Duration timeout) {
        List<RankResult> results = new ArrayList<>();
        for (Engine e : withRanks(ranks)) {
            results.add(new RankResult(e.rank.getAsInt(), "prep shutdown", false, "",
                    e.state == EngineState.READY ? "stopping" : "stopped"));
        }
        return results;
    }

    /** The engine process is gone at once, forced or not; an engine not running is already stopped. */
    @Override
    public List<RankResult> stop(Set<Integer> ranks, boolean force, Duration timeout) {
        List<RankResult> results = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            for (Engine e : withRanks(ranks)) {
                if (e.state.running()) {
                    changes.add(move(e, EngineState.STOPPED));
                    e.starting = null;
                }
                results.add(new RankResult(e.rank.getAsInt(), "stop", false, "", stateName(e.state)));
            }
        }
        notify(changes);
        return results;
    }

    /**
     * Starts the selected engines that do not run: each joins the system with its rank, then is ready. Waits for
     * the joins up to {@code timeout}; an engine whose join failed or did not finish is errored.
     */
    @Override
    public List<RankResult> start(Set<Integer> ranks, Duration timeout) {
        List<Engine> targets;
        synchronized (this) {
            targets = withRanks(ranks);
        }
        return awaitStarted(targets, beginStart(targets), timeout, timeout);
    }

    /** Starts every engine that does not run, ranked or not (the server starting its engines at launch). */
    public CompletableFuture<List<RankResult>> startAll(Duration timeout) {
        List<Engine> targets = List.of(engines);
        List<CompletableFuture<Integer>> joins = beginStart(targets);
        // no thread waits: the results are collected once every join ended or the timeout passed
        CompletableFuture<?>[] ended = joins.stream().filter(Objects::nonNull)
                .map(j -> j.handle((rank, error) -> rank)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(ended).completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
                .thenApply(done -> awaitStarted(targets, joins, Duration.ZERO, timeout));
    }

    private List<CompletableFuture<Integer>> beginStart(List<Engine> targets) {
        List<CompletableFuture<Integer>> joins = new ArrayList<>(targets.size());
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            for (Engine e : targets) {
                if (e.state == EngineState.AWAIT_FORMAT) {
                    joins.add(null); // nothing to start on unformatted storage
                } else if (e.state == EngineState.READY) {
                    joins.add(CompletableFuture.completedFuture(e.rank.getAsInt()));
                } else if (e.state == EngineState.STARTING) {
                    joins.add(e.starting); // a start already in progress: wait for the same join
                } else {
                    changes.add(move(e, EngineState.STARTING));
                    e.incarnation++;
                    e.starting = joiner.join(e.index, e.rank, e.incarnation);
                    joins.add(e.starting);
                }
            }
        }
        notify(changes);
        return joins;
    }

    /**
     * @param wait    how long to wait for the joins still running
     * @param timeout the start's timeout, for the failure message
     */
    private List<RankResult> awaitStarted(List<Engine> targets, List<CompletableFuture<Integer>> joins,
                                          Duration wait, Duration timeout) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<RankResult> results = new ArrayList<>(targets.size());
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Engine e = targets.get(i);
            CompletableFuture<Integer> join = joins.get(i);
            String failure = null;
            Integer rank = null;
            if (join != null) {
                try {
                    rank = join.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException ex) {
                    failure = "rank failed to start: no join within " + timeout;
                } catch (ExecutionException ex) {
                    failure = "rank failed to start: join failed: " + ex.getCause().getMessage();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failure = "rank failed to start: interrupted";
                }
            }
            synchronized (this) {
                boolean current = e.starting == join; // a stop meanwhile ends this start
                if (join == null) {
                    failure = "rank failed to start: storage awaits format";
                } else if (failure == null && current && e.state == EngineState.STARTING) {
                    e.rank = OptionalInt.of(rank);
                    e.starting = null;
                    changes.add(move(e, EngineState.READY));
                } else if (failure != null && current && e.state == EngineState.STARTING) {
                    e.starting = null;
                    changes.add(move(e, EngineState.ERRORED));
                }
                OptionalInt reported = e.rank;
                if (reported.isEmpty()) {
                    continue; // an engine that never had a rank has nothing to report by rank
                }
                boolean ok = failure == null && e.state == EngineState.READY;
                results.add(new RankResult(reported.getAsInt(), "start", !ok,
                        ok ? "" : (failure != null ? failure : "rank failed to start"), stateName(e.state)));
            }
        }
        notify(changes);
        return results;
    }

    /** Forgets the superblock (and so the rank) of the stopped engines among {@code ranks}; fault 612 if one runs. */
    @Override
    public List<RankResult> resetFormat(Set<Integer> ranks, Duration timeout) {
        List<RankResult> results = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            List<Engine> targets = withRanks(ranks);
            List<Integer> running = targets.stream().filter(e -> e.state.running())
                    .map(e -> e.rank.getAsInt()).toList();
            if (!running.isEmpty()) {
                throw EngineFaults.instancesNotStopped("reset format", running);
            }
            for (Engine e : targets) {
                int rank = e.rank.getAsInt();
                changes.add(move(e, EngineState.AWAIT_FORMAT));
                e.rank = OptionalInt.empty();
                results.add(new RankResult(rank, "reset format", false, "", "awaitformat"));
            }
        }
        notify(changes);
        return results;
    }

    /** The engines with a rank in {@code ranks}, by index. Caller holds the lock. */
    private List<Engine> withRanks(Set<Integer> ranks) {
        List<Engine> out = new ArrayList<>();
        for (Engine e : engines) {
            if (e.rank.isPresent() && ranks.contains(e.rank.getAsInt())) {
                out.add(e);
            }
        }
        return out;
    }

    private record Change(EngineView now, EngineState previous) {
    }

    /** Caller holds the lock; listeners are told after it is released. */
    private static Change move(Engine e, EngineState next) {
        EngineState previous = e.state;
        e.state = next;
        return new Change(e.view(), previous);
    }

    private void notify(List<Change> changes) {
        for (Change c : changes) {
            if (c.now().state() != c.previous()) {
                listeners.forEach(l -> l.stateChanged(c.now(), c.previous()));
            }
        }
    }

    static String stateName(EngineState state) {
        return state.name().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
