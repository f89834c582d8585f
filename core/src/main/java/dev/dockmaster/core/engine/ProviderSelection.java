package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.EngineConfig;
import dev.dockmaster.core.config.StorageTier;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which provider serves each storage class the configured engines use. Exactly one enabled provider may claim a
 * class in use: none is a fault naming the class, several is a fault naming them all (the admin disables one
 * plugin), so the choice never depends on plugin load order.
 */
public record ProviderSelection(Map<String, ScmProvider> scm, Map<String, BdevProvider> bdev) {

    public ProviderSelection {
        scm = Map.copyOf(scm);
        bdev = Map.copyOf(bdev);
    }

    /**
     * @param describe names a provider in faults, such as {@code ram (plugin storage-ram)}
     * @throws dev.dockmaster.spi.Fault when a class in use has no provider or more than one
     */
    public static ProviderSelection select(List<EngineConfig> engines, StorageProviders providers,
                                           Function<Object, String> describe) {
        Map<String, ScmProvider> scm = new LinkedHashMap<>();
        Map<String, BdevProvider> bdev = new LinkedHashMap<>();
        for (EngineConfig engine : engines) {
            for (StorageTier tier : engine.storage()) {
                String storageClass = tier.storageClass().configName();
                if (tier.isScm() && !scm.containsKey(storageClass)) {
                    scm.put(storageClass, only("SCM", storageClass, engine.index(), providers.scm(),
                            p -> p.storageClasses().contains(storageClass), describe));
                } else if (tier.isBdev() && !bdev.containsKey(storageClass)) {
                    bdev.put(storageClass, only("bdev", storageClass, engine.index(), providers.bdev(),
                            p -> p.storageClasses().contains(storageClass), describe));
                }
            }
        }
        return new ProviderSelection(scm, bdev);
    }

    public ScmProvider scmFor(String storageClass) {
        return Optional.ofNullable(scm.get(storageClass))
                .orElseThrow(() -> new IllegalStateException("no SCM provider selected for " + storageClass));
    }

    public BdevProvider bdevFor(String storageClass) {
        return Optional.ofNullable(bdev.get(storageClass))
                .orElseThrow(() -> new IllegalStateException("no bdev provider selected for " + storageClass));
    }

    private static <P> P only(String kind, String storageClass, int engine, List<P> providers,
                              java.util.function.Predicate<P> claims, Function<Object, String> describe) {
        List<P> claiming = new ArrayList<>();
        for (P provider : providers) {
            if (claims.test(provider)) {
                claiming.add(provider);
            }
        }
        if (claiming.isEmpty()) {
            throw EngineFaults.noProvider(kind, storageClass, engine);
        }
        if (claiming.size() > 1) {
            throw EngineFaults.providerConflict(kind, storageClass, claiming.stream().map(describe).toList());
        }
        return claiming.get(0);
    }
}
