package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.EngineConfig;
import dev.dockmaster.core.config.StorageTier;
import dev.dockmaster.core.drpc.DrpcCallException;
import dev.dockmaster.core.drpc.EngineReady;
import dev.dockmaster.core.engine.EngineProcessRunner.EngineProcess;
import dev.dockmaster.core.engine.EngineProcessRunner.Signal;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * One configured engine: its storage tiers with the providers that serve them, and its life cycle (DAOS's
 * {@code server/instance*.go}, reference 4.2):
 *
 * <pre>
 *   AwaitFormat --storage ready--> Stopped --start--> Starting --NotifyReady, Join, SetRank, SetUp--> Ready
 *   Starting/Ready --exit asked for (stop)--> Stopped      Starting/Ready --any other exit--> Errored
 *   Stopped/Errored --reset format--> AwaitFormat           Stopped/Errored --start--> Starting
 * </pre>
 *
 * A failure between NotifyReady and Ready SIGKILLs the engine, which then ends Errored with the reason logged. An exit
 * nobody asked for raises {@code engine_died}; nothing restarts the engine on its own (as DAOS), but a start request
 * that arrives while the process still runs is kept and carried out once it has exited.
 *
 * <p>All state lives under one monitor; the slow start-up steps (join, dRPC) run on the harness's start-up threads
 * and check, before changing anything, that the process they belong to is still the current one.
 */
public final class EngineInstance {
    private static final Logger LOG = LoggerFactory.getLogger(EngineInstance.class);
    private static final long GIB = 1L << 30;
    /** DAOS's NilRank: "assign me a rank". */
    static final int NIL_RANK = 0xFFFF_FFFF;

    /** What an instance needs from its harness to run a process. */
    record Supervision(EngineRuntime runtime, LocalEngineHarness.Identity identity, ExecutorService startup,
                       StateSink sink) {
    }

    /** Told of every state change, under the instance's monitor: must only hand the change on. */
    interface StateSink {
        void changed(EngineView view, EngineState previous);
    }

    private final EngineConfig config;
    private final ScmProvider scmProvider;
    private final List<BdevProvider> bdevProviders;
    private final SuperblockFile superblock;
    private final Object lock = new Object();

    // --- guarded by lock ---
    private EngineState state = EngineState.AWAIT_FORMAT;
    private Supervision supervision;
    private EngineProcess process;
    private EngineReady ready;
    private Future<?> startup;
    private boolean stopRequested;
    private boolean restartRequested;
    private String startError = "";
    private OptionalInt rank = OptionalInt.empty();
    private long incarnation;

    EngineInstance(EngineConfig config, ProviderSelection providers) {
        this.config = Objects.requireNonNull(config, "config");
        this.scmProvider = providers.scmFor(config.scmTier().storageClass().configName());
        this.bdevProviders = config.bdevTiers().stream()
                .map(tier -> providers.bdevFor(tier.storageClass().configName())).toList();
        this.superblock = new SuperblockFile(scmMount());
    }

    public int index() {
        return config.index();
    }

    public EngineConfig config() {
        return config;
    }

    public EngineState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The rank from the superblock, cached: read at start and after every join, cleared by reset format. */
    public OptionalInt rank() {
        synchronized (lock) {
            return rank;
        }
    }

    /** The pid of the running engine process. */
    public OptionalLong pid() {
        synchronized (lock) {
            return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
        }
    }

    /** The engine's dRPC socket, once it has reported ready. */
    public Optional<Path> socket() {
        synchronized (lock) {
            return ready == null ? Optional.empty() : Optional.of(ready.socket());
        }
    }

    /** The runtime, once engines are run. */
    Optional<EngineRuntime> runtime() {
        synchronized (lock) {
            return supervision == null ? Optional.empty() : Optional.of(supervision.runtime());
        }
    }

    void setState(EngineState next) {
        synchronized (lock) {
            transition(next);
        }
    }

    void cacheRank(OptionalLong fromSuperblock) {
        synchronized (lock) {
            rank = fromSuperblock.isPresent() ? OptionalInt.of((int) fromSuperblock.getAsLong()) : OptionalInt.empty();
        }
    }

    public Path scmMount() {
        return Path.of(config.scmTier().scmMount());
    }

    public SuperblockFile superblock() {
        return superblock;
    }

    ScmProvider scmProvider() {
        return scmProvider;
    }

    /** The provider of bdev tier {@code i} of {@link EngineConfig#bdevTiers()}. */
    BdevProvider bdevProvider(int i) {
        return bdevProviders.get(i);
    }

    ScmFormatRequest scmRequest(boolean force) {
        StorageTier scm = config.scmTier();
        return new ScmFormatRequest(index(), scm.storageClass().configName(), scm.scmMount(), scm.scmList(),
                scm.scmSize() * GIB, force);
    }

    BdevFormatRequest bdevRequest(StorageTier tier, boolean force) {
        return new BdevFormatRequest(index(), tier.tier(), tier.storageClass().configName(), tier.bdevList(),
                tier.bdevSize() * GIB, force);
    }

    /**
     * Whether the SCM tier is formatted: the provider says so (mounted, or a filesystem is there), or the engine's
     * superblock exists (which also covers providers that keep no state across restarts).
     */
    boolean scmFormatted() {
        if (superblock.exists()) {
            return true;
        }
        ScmFormatState found = scmProvider.formatState(scmRequest(false));
        return found.formatted() || found.mounted();
    }

    // --- life cycle ---------------------------------------------------------------------------------------------

    /** Hands the instance what it needs to run processes; an instance whose storage is ready starts now. */
    void supervise(Supervision supervision) {
        synchronized (lock) {
            this.supervision = supervision;
            if (state == EngineState.STOPPED) {
                launch();
            } else if (state == EngineState.AWAIT_FORMAT) {
                formatRequired();
            }
        }
    }

    /** A storage format left this engine's storage ready: leave AwaitFormat, and start when engines run. */
    void storageReady() {
        synchronized (lock) {
            if (state != EngineState.AWAIT_FORMAT) {
                return;
            }
            transition(EngineState.STOPPED);
            if (supervision != null) {
                launch();
            }
        }
    }

    /**
     * A start request: launches the engine when its storage is ready and no process runs; remembers it for after
     * the exit when one does.
     *
     * @return false when the engine awaits format or engines are not run by this server
     */
    boolean requestStart() {
        synchronized (lock) {
            if (supervision == null || state == EngineState.AWAIT_FORMAT) {
                return false;
            }
            if (state.running()) {
                restartRequested = true;
                LOG.info("instance {}: start requested while running, restarting after it exits", index());
                return true;
            }
            launch();
            return true;
        }
    }

    /** Asks the engine to stop (SIGINT) or kills it (SIGKILL); no {@code engine_died} for this exit. */
    boolean stop(Signal signal) {
        EngineProcess target;
        synchronized (lock) {
            restartRequested = false;
            if (process == null) {
                return false;
            }
            stopRequested = true;
            target = process;
            if (startup != null) {
                startup.cancel(true);
            }
        }
        target.signal(signal);
        return true;
    }

    /** Back to AwaitFormat without a superblock (DAOS's ResetFormatRanks); the caller checked that nothing runs. */
    void resetFormat() {
        synchronized (lock) {
            if (state.running()) {
                throw new IllegalStateException("instance " + index() + " is running");
            }
            superblock.delete();
            rank = OptionalInt.empty();
            restartRequested = false;
            transition(EngineState.AWAIT_FORMAT);
            if (supervision != null) {
                formatRequired();
            }
        }
    }

    /** Waits until the state satisfies {@code until} or the timeout passes; returns the state then. */
    EngineState await(Predicate<EngineState> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!until.test(state)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000), 0);
            }
            return state;
        }
    }

    /** DAOS raises engine_format_required whenever an instance starts waiting for a format. */
    private void formatRequired() {
        supervision.runtime().events().publish(EngineEvents.formatRequired(supervision.identity().hostname(),
                index()));
    }

    /** Launches the process; under the lock, with supervision present. */
    private void launch() {
        EngineRuntime runtime = supervision.runtime();
        EngineCommandLine.Common common = runtime.common();
        EngineProcessRunner.Command command = new EngineProcessRunner.Command(runtime.binary(),
                EngineCommandLine.args(config, common), EngineCommandLine.env(config, common, runtime.serverEnv()),
                common.socketDir());
        stopRequested = false;
        restartRequested = false;
        ready = null;
        startError = "";
        EngineProcess launched;
        try {
            launched = runtime.runner().launch(command, this::output);
        } catch (IOException | RuntimeException e) {
            startError = "cannot run " + runtime.binary() + ": " + e.getMessage();
            LOG.error("instance {}: {}", index(), startError);
            transition(EngineState.ERRORED);
            return;
        }
        process = launched;
        LOG.info("instance {}: {} started, pid {} ({})", index(), runtime.binary().getFileName(), launched.pid(),
                String.join(" ", command.args()));
        transition(EngineState.STARTING);
        launched.exit().whenComplete((status, error) -> exited(launched, status == null ? -1 : status));
    }

    private void output(boolean stderr, String line) {
        if (stderr) {
            LOG.warn("daos_engine:{} {}", index(), line);
        } else {
            LOG.info("daos_engine:{} {}", index(), line);
        }
    }

    /** The engine's NotifyReady (on the dRPC thread): the rest of the start-up goes on on a start-up thread. */
    void notifyReady(EngineReady notification) {
        synchronized (lock) {
            if (process == null || state != EngineState.STARTING || supervision == null) {
                LOG.warn("instance {}: NotifyReady ignored, the instance is {}", index(), state);
                return;
            }
            if (ready != null) {
                LOG.warn("instance {}: second NotifyReady from the same process ignored", index());
                return;
            }
            ready = notification;
            incarnation = notification.incarnation();
            EngineProcess current = process;
            Supervision sup = supervision;
            startup = sup.startup().submit(() -> completeStart(current, notification, sup));
        }
    }

    /** NotifyReady -> superblock -> Join -> superblock -> SetRank, SetUp -> Ready (reference 4.2 steps 6-8). */
    private void completeStart(EngineProcess current, EngineReady notification, Supervision sup) {
        try {
            Superblock sb = superblock.read().orElseThrow(() -> EngineFaults.superblockCorrupt(superblock.path(),
                    "it is missing although the storage is formatted"));
            sb = new Superblock(sb.version(), sb.uuid(), sb.system(), sb.rank(), sb.uri(),
                    sup.identity().faultDomain(), notification.incarnation());
            superblock.write(sb);

            JoinReq request = JoinReq.newBuilder()
                    .setUuid(sb.uuid().toString())
                    .setRank(sb.rank().isPresent() ? (int) sb.rank().getAsLong() : NIL_RANK)
                    .setUri(notification.uri())
                    .setNctxs(notification.contexts())
                    .setSrvFaultDomain(sup.identity().faultDomain())
                    .setIdx(index())
                    .setIncarnation(notification.incarnation())
                    .addAllSecondaryUris(notification.secondaryUris())
                    .setCheckMode(notification.checkMode())
                    .build();
            JoinResp joined = sup.runtime().joiner().join(request);
            if (joined.getState() == JoinResp.State.OUT) {
                throw EngineFaults.excluded(Integer.toUnsignedLong(joined.getRank()));
            }
            long newRank = Integer.toUnsignedLong(joined.getRank());
            if (sb.rank().isEmpty() || sb.rank().getAsLong() != newRank || !sb.uri().equals(notification.uri())) {
                sb = new Superblock(sb.version(), sb.uuid(), sb.system(), OptionalLong.of(newRank),
                        notification.uri(), sb.hostFaultDomain(), sb.incarnation());
                superblock.write(sb);
            }
            synchronized (lock) {
                if (process != current) {
                    return;
                }
                rank = OptionalInt.of(joined.getRank());
            }
            LOG.info("instance {}: joined the system as rank {} (map version {})", index(), newRank,
                    joined.getMapVersion());
            if (!joined.getLocalJoin()) {
                check("SetRank", sup.runtime().drpc().setRank(notification.socket(), joined.getRank(),
                        joined.getMapVersion()));
                check("SetUp", sup.runtime().drpc().setUp(notification.socket()));
            }
            synchronized (lock) {
                if (process != current || stopRequested) {
                    return;
                }
                transition(EngineState.READY);
            }
            LOG.info("instance {}: engine ready, rank {}", index(), newRank);
        } catch (InterruptedException e) {
            // a stop interrupted the join: the exit handler finishes the story
        } catch (IOException | RuntimeException e) {
            String why = e instanceof Fault fault ? fault.describe() : e.getMessage();
            synchronized (lock) {
                if (process != current || stopRequested) {
                    return;
                }
                startError = why;
            }
            LOG.error("instance {}: start-up failed, killing the engine: {}", index(), why);
            current.signal(Signal.KILL);
        }
    }

    private static void check(String call, int status) throws DrpcCallException {
        if (status != 0) {
            throw new DrpcCallException("dRPC " + call + " failed: DAOS status " + status, null, null);
        }
    }

    /** The process exited (on the runner's thread). */
    private void exited(EngineProcess gone, int status) {
        synchronized (lock) {
            if (process != gone) {
                return;
            }
            process = null;
            if (startup != null) {
                startup.cancel(true);
                startup = null;
            }
            String rankText = rank.isPresent() ? Integer.toUnsignedString(rank.getAsInt()) : "NilRank";
            String exitStatus = describeStatus(status);
            boolean requested = stopRequested;
            if (requested) {
                LOG.info("instance {}, pid {}, rank {} exited with status {}", index(), gone.pid(), rankText,
                        exitStatus);
            } else {
                LOG.error("instance {}, pid {}, rank {} exited with status {}", index(), gone.pid(), rankText,
                        exitStatus);
            }
            if (ready != null) {
                try {
                    Files.deleteIfExists(ready.socket());
                } catch (IOException e) {
                    LOG.warn("instance {}: cannot remove {}: {}", index(), ready.socket(), e.toString());
                }
            }
            ready = null;
            if (!requested) {
                String error = startError.isEmpty() ? exitStatus : startError;
                supervision.runtime().events().publish(EngineEvents.engineDied(supervision.identity().hostname(),
                        index(), rank.orElse(NIL_RANK), incarnation, exitStatus, gone.pid(), error));
            }
            transition(requested ? EngineState.STOPPED : EngineState.ERRORED);
            if (restartRequested) {
                launch();
            }
        }
    }

    /** Go's rendering of an exit: {@code exit status 1}, or the signal that ended the process. */
    static String describeStatus(int status) {
        return switch (status) {
            case 130 -> "signal: interrupt";
            case 134 -> "signal: aborted";
            case 137 -> "signal: killed";
            case 139 -> "signal: segmentation fault";
            case 143 -> "signal: terminated";
            default -> "exit status " + status;
        };
    }

    /** Under the lock: the new state, the sink told, waiters woken. */
    private void transition(EngineState next) {
        EngineState previous = state;
        state = next;
        lock.notifyAll();
        if (previous != next && supervision != null) {
            supervision.sink().changed(viewLocked(), previous);
        }
    }

    /** The engine as modules see it. */
    public EngineView view() {
        synchronized (lock) {
            return viewLocked();
        }
    }

    private EngineView viewLocked() {
        List<EngineTier> tiers = config.storage().stream().map(EngineInstance::toView).toList();
        return new EngineView(index(), state, tiers, rank, config.targets());
    }

    private static EngineTier toView(StorageTier tier) {
        if (tier.isScm()) {
            return new EngineTier(tier.tier(), tier.storageClass().configName(), tier.scmMount(), tier.scmList(), 0);
        }
        int roles = tier.bdevRoles().stream().mapToInt(r -> r.bit()).sum();
        return new EngineTier(tier.tier(), tier.storageClass().configName(), "", tier.bdevList(), roles);
    }

    /** Fault text for logs and results: DAOS's rendering with the resolution. */
    static String describe(RuntimeException e) {
        return e instanceof Fault fault ? fault.describe() : e.toString();
    }
}
