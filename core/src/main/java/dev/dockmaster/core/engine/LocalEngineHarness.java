package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.StorageTier;
import dev.dockmaster.core.drpc.DrpcCallException;
import dev.dockmaster.core.drpc.EngineReady;
import dev.dockmaster.core.drpc.EngineReadyListener;
import dev.dockmaster.core.engine.EngineProcessRunner.Signal;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.spi.engine.EngineListener;
import dev.dockmaster.spi.engine.LogMasks;
import dev.dockmaster.spi.engine.RankResult;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.BdevFormatOutcome;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.StorageProviders;
import dev.dockmaster.core.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The engine instances of this host (one per {@code engines[]} entry) and their storage life cycle: at start each
 * engine is {@link EngineState#AWAIT_FORMAT} unless its SCM is formatted or its superblock exists; a storage format
 * (DAOS {@code StorageFormat}, or {@code --auto-format}) formats the engines in parallel and releases those whose
 * storage ends up ready.
 *
 * <p>Per engine, as DAOS's {@code ctl_storage_rpc.go}: SCM first (already formatted and no {@code reformat}: a
 * note "SCM is already formatted", no error); the bdev tiers only when the SCM was formatted now (else one note
 * "NVMe format skipped on instance N, ..."); then {@code daos_nvme.conf} and the superblock.
 *
 * <p>Once {@link #run(EngineRuntime)} hands it a runtime (after the server's gRPC port and dRPC listener are up), the
 * harness also runs the engine processes: those whose storage is ready start at once, the others when a format
 * readies it; NotifyReady upcalls (it is the SRV module's {@link EngineReadyListener}) drive each start to Ready. It
 * serves the rank operations of the {@link EngineHarness} SPI with DAOS's actions and result states (reference 4.3).
 */
public final class LocalEngineHarness implements EngineHarness, EngineReadyListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEngineHarness.class);

    static final String SCM_ALREADY_FORMATTED = "SCM is already formatted";
    /** How long a forced reformat waits for a killed engine to exit. */
    static final Duration REFORMAT_STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String NVME_SKIP = "NVMe format skipped on instance %d";
    static final String NVME_SKIP_NOT_DONE = NVME_SKIP + ", SCM was not formatted";
    static final String NVME_SKIP_FAILED = NVME_SKIP + ", SCM format failed";

    private final List<EngineInstance> instances;
    private final Identity identity;
    private final ReentrantLock formatLock = new ReentrantLock();
    private final ExecutorService formatters;
    private final ExecutorService startups;
    private final ExecutorService notifier;
    private final ExecutorService calls;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * What a superblock and daos_nvme.conf need to know about this host.
     *
     * @param systemName the DAOS system name
     * @param hostname used in SPDK device names
     * @param faultDomain this host's fault domain ({@code fault_path}, else {@code /<hostname>})
     * @param enableHotplug {@code enable_hotplug}
     */
    public record Identity(String systemName, String hostname, String faultDomain, boolean enableHotplug) {
        public Identity {
            Objects.requireNonNull(systemName, "systemName");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(faultDomain, "faultDomain");
        }

        public static Identity of(ServerConfig config, String hostname) {
            String faultDomain = config.faultPath().isEmpty() ? "/" + hostname : config.faultPath();
            return new Identity(config.systemName(), hostname, faultDomain, config.enableHotplug());
        }
    }

    private LocalEngineHarness(List<EngineInstance> instances, Identity identity) {
        this.instances = List.copyOf(instances);
        this.identity = identity;
        this.formatters = Executors.newFixedThreadPool(Math.max(1, instances.size()), runnable -> {
            Thread thread = new Thread(runnable, "storage-format");
            thread.setDaemon(true);
            return thread;
        });
        this.startups = Executors.newCachedThreadPool(daemon("engine-start"));
        this.calls = Executors.newCachedThreadPool(daemon("engine-call"));
        // One thread, so listeners see every engine's changes in the order they happened.
        this.notifier = Executors.newSingleThreadExecutor(daemon("engine-listeners"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Creates one instance per configured engine, with the providers of its classes, and decides which of them
     * await format.
     *
     * @param describe names a provider in faults (with its plugin)
     * @throws Fault when a storage class in use has no provider or several
     */
    public static LocalEngineHarness create(ServerConfig config, StorageProviders providers, Identity identity,
                                            Function<Object, String> describe) {
        ProviderSelection selection = ProviderSelection.select(config.engines(), providers, describe);
        List<EngineInstance> instances = config.engines().stream()
                .map(engine -> new EngineInstance(engine, selection)).toList();
        LocalEngineHarness harness = new LocalEngineHarness(instances, identity);
        harness.instances.forEach(LocalEngineHarness::checkStorage);
        return harness;
    }

    /** DAOS's start-time check: formatted storage with a readable superblock (or none yet) is ready. */
    private static void checkStorage(EngineInstance instance) {
        boolean formatted;
        try {
            formatted = instance.scmFormatted();
            if (formatted) {
                instance.superblock().read().ifPresent(sb -> instance.cacheRank(sb.rank()));
            }
        } catch (RuntimeException e) {
            LOG.error("instance {}: cannot use its storage: {}", instance.index(), EngineInstance.describe(e));
            formatted = false;
        }
        if (formatted) {
            instance.setState(EngineState.STOPPED);
            LOG.info("instance {}: SCM at {} is formatted, storage ready", instance.index(), instance.scmMount());
        } else {
            instance.setState(EngineState.AWAIT_FORMAT);
            LOG.info("SCM format required on instance {}", instance.index());
        }
    }

    public List<EngineInstance> instances() {
        return instances;
    }

    @Override
    public List<EngineView> engines() {
        return instances.stream().map(EngineInstance::view).toList();
    }

    /**
     * What a ready engine publishes under the socket directory ({@link EngineTelemetryFile}); nothing for an engine
     * that is not ready, since a file left by an engine that died is stale.
     */
    @Override
    public java.util.Map<String, Double> engineMetrics(int index) {
        if (index < 0 || index >= instances.size()) {
            return java.util.Map.of();
        }
        EngineInstance instance = instances.get(index);
        if (instance.state() != EngineState.READY) {
            return java.util.Map.of();
        }
        return instance.runtime().map(r -> EngineTelemetryFile.read(EngineTelemetryFile.of(r.common().socketDir(),
                index))).orElse(java.util.Map.of());
    }

    public boolean anyAwaitingFormat() {
        return instances.stream().anyMatch(i -> i.state() == EngineState.AWAIT_FORMAT);
    }

    @Override
    public List<EngineFormatResult> format(boolean reformat) {
        if (!formatLock.tryLock()) {
            throw EngineFaults.formatInProgress();
        }
        try {
            // DAOS reformats a running engine only when forced: it is killed first and started again afterwards.
            List<EngineInstance> wereRunning = reformat
                    ? instances.stream().filter(i -> i.state().running()).toList() : List.of();
            List<CompletableFuture<EngineFormatResult>> running = new ArrayList<>();
            for (EngineInstance instance : instances) {
                running.add(CompletableFuture.supplyAsync(() -> formatEngine(instance, reformat), formatters));
            }
            List<EngineFormatResult> results = running.stream().map(CompletableFuture::join).toList();
            for (EngineFormatResult result : results) {
                EngineInstance instance = instances.get(result.engineIndex());
                if (result.failed()) {
                    LOG.error("instance {}: failure formatting storage, check RPC response for details",
                            result.engineIndex());
                } else {
                    LOG.info("instance {}: storage ready", result.engineIndex());
                    instance.storageReady();
                    if (wereRunning.contains(instance)) {
                        instance.requestStart();
                    }
                }
            }
            return results;
        } finally {
            formatLock.unlock();
        }
    }

    EngineFormatResult formatEngine(EngineInstance instance, boolean reformat) {
        String mount = instance.scmMount().toString();
        int idx = instance.index();
        if (instance.state().running()) {
            if (!reformat) {
                return scmFailed(instance, DeviceResult.failed(mount, "instance " + idx
                        + ": can't format storage of running instance"));
            }
            LOG.info("forcibly stopping instance {} prior to reformat", idx);
            instance.stop(Signal.KILL);
            EngineState reached;
            try {
                reached = instance.await(s -> !s.running(), REFORMAT_STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reached = instance.state();
            }
            if (reached.running()) {
                return scmFailed(instance, DeviceResult.failed(mount, "instance " + idx
                        + ": did not stop within " + REFORMAT_STOP_TIMEOUT.toSeconds() + "s for the reformat"));
            }
        }

        boolean formatted;
        try {
            formatted = instance.scmFormatted();
        } catch (RuntimeException e) {
            return scmFailed(instance, DeviceResult.failed(mount, EngineInstance.describe(e)));
        }

        DeviceResult scm;
        if (formatted && !reformat) {
            // Not an error: DAOS answers with a note and leaves the bdevs alone.
            DeviceResult skipped = DeviceResult.skipped(mount, SCM_ALREADY_FORMATTED);
            Optional<DeviceResult> superblockProblem = ensureSuperblock(instance, mount);
            if (superblockProblem.isPresent()) {
                return scmFailed(instance, superblockProblem.get());
            }
            return new EngineFormatResult(idx, mount, skipped, List.of(note(NVME_SKIP_NOT_DONE, idx)));
        }

        try {
            scm = instance.scmProvider().format(instance.scmRequest(reformat));
        } catch (RuntimeException e) {
            scm = DeviceResult.failed(mount, EngineInstance.describe(e));
        }
        if (scm.outcome() == DeviceResult.Outcome.FAILED) {
            return scmFailed(instance, scm);
        }
        if (scm.outcome() == DeviceResult.Outcome.DONE && reformat) {
            // A reformat gives the engine a new identity: the old superblock goes with the old filesystem (a
            // provider that really re-created the filesystem has already removed it).
            try {
                instance.superblock().delete();
                instance.cacheRank(java.util.OptionalLong.empty());
            } catch (RuntimeException e) {
                return scmFailed(instance, DeviceResult.failed(mount, EngineInstance.describe(e)));
            }
        }

        List<BdevFormatOutcome> bdevs = new ArrayList<>();
        boolean bdevFailed = false;
        List<StorageTier> tiers = instance.config().bdevTiers();
        for (int i = 0; i < tiers.size(); i++) {
            StorageTier tier = tiers.get(i);
            int roleBits = tier.bdevRoles().stream().mapToInt(r -> r.bit()).sum();
            List<DeviceResult> results;
            try {
                results = instance.bdevProvider(i).format(instance.bdevRequest(tier, reformat));
            } catch (RuntimeException e) {
                String why = EngineInstance.describe(e);
                results = tier.bdevList().stream().map(device -> DeviceResult.failed(device, why)).toList();
            }
            results = completeResults(tier, results);
            for (DeviceResult result : results) {
                bdevFailed |= result.outcome() == DeviceResult.Outcome.FAILED;
                bdevs.add(new BdevFormatOutcome(roleBits, result));
            }
        }
        if (bdevFailed) {
            return new EngineFormatResult(idx, mount, scm, bdevs);
        }

        try {
            NvmeConfig.write(instance.scmMount(), identity.hostname(), instance.config().storage(),
                    identity.enableHotplug());
        } catch (RuntimeException e) {
            bdevs.add(new BdevFormatOutcome(0, DeviceResult.failed("", EngineInstance.describe(e))));
            return new EngineFormatResult(idx, mount, scm, bdevs);
        }
        Optional<DeviceResult> superblockProblem = ensureSuperblock(instance, mount);
        if (superblockProblem.isPresent()) {
            return new EngineFormatResult(idx, mount, superblockProblem.get(), bdevs);
        }
        return new EngineFormatResult(idx, mount, scm, bdevs);
    }

    /** A provider must answer for every device; a device it left out is reported as failed, never as done. */
    private static List<DeviceResult> completeResults(StorageTier tier, List<DeviceResult> results) {
        List<DeviceResult> complete = new ArrayList<>(results);
        for (String device : tier.bdevList()) {
            if (results.stream().noneMatch(r -> r.device().equals(device))) {
                complete.add(DeviceResult.failed(device, "the " + tier.storageClass().configName()
                        + " provider returned no result for this device"));
            }
        }
        return complete;
    }

    /** Creates the superblock when there is none; an existing one must be readable (a corrupt one stays). */
    private Optional<DeviceResult> ensureSuperblock(EngineInstance instance, String mount) {
        try {
            if (instance.superblock().read().isEmpty()) {
                instance.superblock().write(Superblock.create(identity.systemName(), identity.faultDomain()));
                LOG.info("instance {}: superblock created at {}", instance.index(), instance.superblock().path());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(DeviceResult.failed(mount, EngineInstance.describe(e)));
        }
    }

    private static EngineFormatResult scmFailed(EngineInstance instance, DeviceResult scm) {
        return new EngineFormatResult(instance.index(), instance.scmMount().toString(), scm,
                List.of(note(NVME_SKIP_FAILED, instance.index())));
    }

    private static BdevFormatOutcome note(String template, int index) {
        return new BdevFormatOutcome(0, DeviceResult.skipped(BdevFormatOutcome.NO_DEVICE,
                String.format(template, index)));
    }

    // --- running engines ------------------------------------------------------------------------------------------

    /**
     * Starts running engines: from now on instances launch their processes (those with ready storage at once).
     * Called once, after the gRPC port and the dRPC listener are up.
     */
    public void run(EngineRuntime runtime) {
        EngineInstance.Supervision supervision = new EngineInstance.Supervision(runtime, identity, startups,
                (view, previous) -> {
                    try {
                        notifier.execute(() -> tell(view, previous));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        // the harness is closed: nobody is listening any more
                    }
                });
        for (EngineInstance instance : instances) {
            instance.supervise(supervision);
        }
    }

    private void tell(EngineView view, EngineState previous) {
        LOG.debug("instance {}: {} -> {}", view.index(), previous, view.state());
        for (EngineListener listener : listeners) {
            try {
                listener.stateChanged(view, previous);
            } catch (RuntimeException e) {
                LOG.warn("engine listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void addListener(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** NotifyReady from an engine: passed to its instance, which goes on with Join, SetRank and SetUp. */
    @Override
    public void engineReady(EngineReady ready) {
        if (ready.instanceIdx() < 0 || ready.instanceIdx() >= instances.size()) {
            LOG.warn("NotifyReady from unknown instance {}", ready.instanceIdx());
            return;
        }
        instances.get(ready.instanceIdx()).notifyReady(ready);
    }

    /** The local instances whose rank is in {@code ranks}, by index. */
    private List<EngineInstance> withRanks(Set<Integer> ranks) {
        return instances.stream().filter(i -> i.rank().isPresent() && ranks.contains(i.rank().getAsInt())).toList();
    }

    private static String stateName(EngineState state) {
        return state.name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public List<RankResult> prepShutdown(Set<Integer> ranks, Duration timeout) {
        String action = "prep shutdown";
        List<EngineInstance> targets = withRanks(ranks);
        List<Future<Integer>> sent = new ArrayList<>();
        for (EngineInstance instance : targets) {
            Optional<Path> socket = instance.socket();
            if (instance.state() != EngineState.READY || socket.isEmpty()) {
                sent.add(null);
                continue;
            }
            sent.add(calls.submit(() -> drpc().prepShutdown(socket.get())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RankResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            int rank = targets.get(i).rank().getAsInt();
            Future<Integer> call = sent.get(i);
            if (call == null) {
                results.add(new RankResult(rank, action, false, "", "stopped"));
                continue;
            }
            try {
                int status = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                results.add(status == 0 ? new RankResult(rank, action, false, "", "stopping")
                        : new RankResult(rank, action, true, "DAOS error " + status, "errored"));
            } catch (TimeoutException e) {
                call.cancel(true);
                results.add(new RankResult(rank, action, true, "dRPC PrepShutdown timed out after " + timeout,
                        "unresponsive"));
            } catch (ExecutionException e) {
                results.add(new RankResult(rank, action, true, String.valueOf(e.getCause().getMessage()),
                        "errored"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(new RankResult(rank, action, true, "interrupted", "unresponsive"));
            }
        }
        return results;
    }

    @Override
    public List<RankResult> stop(Set<Integer> ranks, boolean force, Duration timeout) {
        List<EngineInstance> targets = withRanks(ranks);
        for (EngineInstance instance : targets) {
            instance.stop(force ? Signal.KILL : Signal.INT);
        }
        return awaitAll(targets, "stop", s -> !s.running(), timeout, "rank failed to stop", true);
    }

    @Override
    public List<RankResult> start(Set<Integer> ranks, Duration timeout) {
        List<EngineInstance> targets = withRanks(ranks);
        for (EngineInstance instance : targets) {
            if (!instance.state().running()) {
                instance.requestStart();
            }
        }
        return awaitAll(targets, "start", s -> s == EngineState.READY || s == EngineState.AWAIT_FORMAT
                || s == EngineState.ERRORED, timeout, "rank failed to start", false);
    }

    /** Polls nothing: each instance wakes its waiters on every change; one deadline for all. */
    private List<RankResult> awaitAll(List<EngineInstance> targets, String action,
                                      java.util.function.Predicate<EngineState> done, Duration timeout,
                                      String failure, boolean stopping) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RankResult> results = new ArrayList<>();
        for (EngineInstance instance : targets) {
            int rank = instance.rank().getAsInt();
            EngineState reached;
            try {
                reached = instance.await(done, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reached = instance.state();
            }
            boolean ok = stopping ? !reached.running() : reached == EngineState.READY;
            results.add(ok ? new RankResult(rank, action, false, "", stateName(reached))
                    : new RankResult(rank, action, true, failure, stopping ? "errored" : stateName(reached)));
        }
        return results;
    }

    @Override
    public List<RankResult> resetFormat(Set<Integer> ranks, Duration timeout) {
        List<EngineInstance> targets = withRanks(ranks);
        List<Integer> running = targets.stream().filter(i -> i.state().running())
                .map(i -> i.rank().getAsInt()).toList();
        if (!running.isEmpty()) {
            throw EngineFaults.instancesNotStopped("reset format", running);
        }
        List<RankResult> results = new ArrayList<>();
        for (EngineInstance instance : targets) {
            int rank = instance.rank().getAsInt();
            try {
                instance.resetFormat();
                LOG.info("instance {}: superblock removed, rank {} awaits format", instance.index(), rank);
                results.add(new RankResult(rank, "reset format", false, "", "awaitformat"));
            } catch (RuntimeException e) {
                results.add(new RankResult(rank, "reset format", true, EngineInstance.describe(e),
                        stateName(instance.state())));
            }
        }
        return results;
    }

    @Override
    public List<String> setLogMasks(LogMasks masks) {
        SetLogMasksReq request = SetLogMasksReq.newBuilder()
                .setSys(identity.systemName())
                .setMasks(masks.masks()).setStreams(masks.streams()).setSubsystems(masks.subsystems())
                .setResetMasks(masks.resetMasks()).setResetStreams(masks.resetStreams())
                .setResetSubsystems(masks.resetSubsystems())
                .build();
        List<String> errors = new ArrayList<>();
        for (EngineInstance instance : instances) {
            Optional<Path> socket = instance.socket();
            if (instance.state() != EngineState.READY || socket.isEmpty()) {
                continue;
            }
            try {
                SetLogMasksResp resp = drpc().setLogMasks(socket.get(), request);
                if (resp.getStatus() != 0) {
                    errors.add("instance " + instance.index() + ": DAOS error " + resp.getStatus()
                            + (resp.getErrorsCount() == 0 ? "" : ": " + String.join("; ", resp.getErrorsList())));
                }
            } catch (DrpcCallException e) {
                errors.add("instance " + instance.index() + ": " + e.getMessage());
            }
        }
        return errors;
    }

    /**
     * DAOS's harness call: the first Ready engine in index order takes it; engines not started, not ready or without
     * a socket are skipped, and when none could take it the last of those reasons is the fault.
     */
    @Override
    public byte[] callEngine(int module, int method, byte[] body, Duration timeout) {
        Fault reason = EngineFaults.dataPlaneNotStarted();
        for (EngineInstance instance : instances) {
            EngineState state = instance.state();
            Optional<Path> socket = instance.socket();
            if (!state.running()) {
                reason = EngineFaults.dataPlaneNotStarted();
                continue;
            }
            if (state != EngineState.READY) {
                reason = EngineFaults.engineNotReady();
                continue;
            }
            if (socket.isEmpty()) {
                reason = EngineFaults.drpcNotReady();
                continue;
            }
            try {
                return drpc().call(socket.get(), module, method, body, timeout);
            } catch (DrpcCallException e) {
                throw EngineFaults.engineCallFailed(instance.index(), e.getMessage(), e);
            }
        }
        throw reason;
    }

    private dev.dockmaster.core.drpc.EngineDrpcClient drpc() {
        return instances.stream().map(EngineInstance::runtime).flatMap(Optional::stream).findFirst()
                .orElseThrow(EngineFaults::dataPlaneNotStarted).drpc();
    }

    /**
     * Stops every engine with SIGKILL, as DAOS does when daos_server's root context is cancelled (SIGTERM), and waits
     * briefly for the exits so that no engine outlives the server.
     */
    @Override
    public void close() {
        List<EngineInstance> killed = instances.stream().filter(i -> i.stop(Signal.KILL)).toList();
        for (EngineInstance instance : killed) {
            try {
                instance.await(s -> !s.running(), Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        formatters.shutdownNow();
        startups.shutdownNow();
        calls.shutdownNow();
        notifier.shutdown();
    }
}
