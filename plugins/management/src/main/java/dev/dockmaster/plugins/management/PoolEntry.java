package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.PoolRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One pool service as the MS database records it (DAOS's {@code system.PoolService}).
 *
 * @param uuid        the pool's UUID, canonical lower-case form
 * @param label       its label (unique in the system)
 * @param state       Creating, Ready or Destroying
 * @param svcRanks    its pool service replica ranks (empty until the engine answered the create)
 * @param targetRanks the ranks it was created on
 * @param tierBytes   bytes per rank per tier (SCM, NVMe)
 * @param lastUpdate  the time of the raft entry that last changed it
 */
public record PoolEntry(String uuid, String label, PoolState state, List<Integer> svcRanks, List<Integer> targetRanks,
                        List<Long> tierBytes, Instant lastUpdate) {
    public PoolEntry {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(state, "state");
        svcRanks = List.copyOf(svcRanks);
        targetRanks = List.copyOf(targetRanks);
        tierBytes = List.copyOf(tierBytes);
    }

    public PoolEntry withState(PoolState next) {
        return new PoolEntry(uuid, label, next, svcRanks, targetRanks, tierBytes, lastUpdate);
    }

    public PoolEntry withLabel(String next) {
        return new PoolEntry(uuid, next, state, svcRanks, targetRanks, tierBytes, lastUpdate);
    }

    /** The record a raft entry carries (its time is the entry's, so it is left out). */
    PoolRecord toRecord() {
        return PoolRecord.newBuilder().setUuid(uuid).setLabel(label).setState(state.name())
                .addAllSvcRanks(svcRanks).addAllTargetRanks(targetRanks).addAllTierBytes(tierBytes)
                .setLastUpdateNanos(lastUpdate.getEpochSecond() * 1_000_000_000L + lastUpdate.getNano())
                .build();
    }

    static PoolEntry fromRecord(PoolRecord r, PoolState state, Instant when) {
        return new PoolEntry(r.getUuid(), r.getLabel(), state, r.getSvcRanksList(), r.getTargetRanksList(),
                r.getTierBytesList(), when);
    }
}
