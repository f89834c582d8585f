package dev.dockmaster.spi.engine;

import dev.dockmaster.spi.storage.DeviceResult;

import java.util.List;
import java.util.Objects;

/**
 * What a storage format did to one engine.
 *
 * @param engineIndex the engine
 * @param scmMount the SCM tier's mount point
 * @param scm the SCM tier's result ({@code SKIPPED} with "SCM is already formatted" when nothing was needed)
 * @param bdevs one result per bdev device, plus one for a failed {@code daos_nvme.conf} or superblock write
 */
public record EngineFormatResult(int engineIndex, String scmMount, DeviceResult scm, List<BdevFormatOutcome> bdevs) {
    public EngineFormatResult {
        Objects.requireNonNull(scmMount, "scmMount");
        Objects.requireNonNull(scm, "scm");
        bdevs = List.copyOf(bdevs);
    }

    /** True when any device of the engine failed. */
    public boolean failed() {
        return scm.outcome() == DeviceResult.Outcome.FAILED
                || bdevs.stream().anyMatch(b -> b.result().outcome() == DeviceResult.Outcome.FAILED);
    }
}
