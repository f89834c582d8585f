package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.EngineConfig;
import dev.dockmaster.core.config.StorageTier;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One configured engine: its storage tiers with the providers that serve them, and its local state. The engine
 * launcher (next issue) adds the process; this class already owns what survives a restart, the storage and its
 * superblock.
 */
public final class EngineInstance {
    private static final long GIB = 1L << 30;

    private final EngineConfig config;
    private final ScmProvider scmProvider;
    private final List<BdevProvider> bdevProviders;
    private final SuperblockFile superblock;
    private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.AWAIT_FORMAT);

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
        return state.get();
    }

    void setState(EngineState next) {
        state.set(next);
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

    /** The engine as modules see it. */
    public EngineView view() {
        List<EngineTier> tiers = config.storage().stream().map(EngineInstance::toView).toList();
        return new EngineView(index(), state(), tiers);
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
