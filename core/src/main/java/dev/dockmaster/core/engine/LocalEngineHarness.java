package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.StorageTier;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
public final class LocalEngineHarness implements EngineHarness, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEngineHarness.class);

    static final String SCM_ALREADY_FORMATTED = "SCM is already formatted";
    static final String NVME_SKIP = "NVMe format skipped on instance %d";
    static final String NVME_SKIP_NOT_DONE = NVME_SKIP + ", SCM was not formatted";
    static final String NVME_SKIP_FAILED = NVME_SKIP + ", SCM format failed";

    private final List<EngineInstance> instances;
    private final Identity identity;
    private final ReentrantLock formatLock = new ReentrantLock();
    private final ExecutorService formatters;

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
                instance.superblock().read();
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

    public boolean anyAwaitingFormat() {
        return instances.stream().anyMatch(i -> i.state() == EngineState.AWAIT_FORMAT);
    }

    @Override
    public List<EngineFormatResult> format(boolean reformat) {
        if (!formatLock.tryLock()) {
            throw EngineFaults.formatInProgress();
        }
        try {
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
                    instance.setState(EngineState.STOPPED);
                    LOG.info("instance {}: storage ready", result.engineIndex());
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

    @Override
    public void close() {
        formatters.shutdownNow();
    }
}
