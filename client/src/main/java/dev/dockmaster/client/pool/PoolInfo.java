package dev.dockmaster.client.pool;

import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.StorageUsageStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What dmg knows of a pool (DAOS's {@code daos.PoolInfo}): from the management service's list (UUID, label, state,
 * service replicas), completed by a pool query (targets, space per tier, rebuild, enabled and disabled ranks).
 *
 * @param state      the pool service state's name: Creating, Ready, Destroying, Degraded or Unknown
 * @param queryMask  the options the query answered; 0 when the pool was not queried
 * @param rebuild    the rebuild status, when the pool was queried
 * @param tierStats  space per tier (SCM, then NVMe), when the query asked for it
 */
public record PoolInfo(String uuid, String label, String state, long queryMask, long totalTargets,
                       long activeTargets, long totalEngines, long disabledTargets, long version, long serviceLeader,
                       List<Long> serviceReplicas, Optional<Rebuild> rebuild, List<TierStats> tierStats,
                       Optional<RankSet> enabledRanks, Optional<RankSet> disabledRanks, Optional<RankSet> deadRanks,
                       long poolLayoutVersion, long upgradeLayoutVersion) {

    public PoolInfo {
        serviceReplicas = List.copyOf(serviceReplicas);
        tierStats = List.copyOf(tierStats);
    }

    /** A rebuild's progress; {@code state} is idle, done or busy. */
    public record Rebuild(int status, String state, long objects, long records) {
    }

    /** One tier's space over the pool's targets; {@code mediaType} is scm or nvme. */
    public record TierStats(long total, long free, long min, long max, long mean, String mediaType) {
        /** How unevenly the targets are used: the spread between the fullest and the emptiest, per target share. */
        public long imbalance(long targets) {
            double spread = (double) (max - min);
            double perTarget = (double) total / (double) targets;
            double percent = spread / perTarget * 100;
            return Double.isNaN(percent) || Double.isInfinite(percent) ? 0 : (long) percent;
        }
    }

    /** One tier's usage as dmg's list shows it. */
    public record TierUsage(String tierName, long size, long free, long imbalance) {
    }

    /** A pool of the management service's list, not (yet) queried. */
    public static PoolInfo fromList(ListPoolsResp.Pool pool) {
        List<Long> reps = new ArrayList<>();
        pool.getSvcRepsList().forEach(r -> reps.add(Integer.toUnsignedLong(r)));
        return new PoolInfo(pool.getUuid(), pool.getLabel(), pool.getState().isEmpty() ? "Unknown" : pool.getState(),
                0, 0, 0, 0, 0, 0, 0, reps, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0);
    }

    /**
     * A query's answer, over what the list knew ({@code base}, may be null): the list's label and replicas stay
     * when the answer has none. The state follows DAOS's client: Ready for a successful query, Unknown without
     * targets, Degraded with disabled targets.
     */
    public static PoolInfo fromQuery(PoolQueryResp resp, PoolInfo base) {
        List<Long> reps = new ArrayList<>();
        resp.getSvcRepsList().forEach(r -> reps.add(Integer.toUnsignedLong(r)));
        if (reps.isEmpty() && base != null) {
            reps.addAll(base.serviceReplicas());
        }
        String label = resp.getLabel().isEmpty() && base != null ? base.label() : resp.getLabel();
        String uuid = resp.getUuid().isEmpty() && base != null ? base.uuid() : resp.getUuid();
        String state = resp.getState().name();
        if (resp.getStatus() == 0) {
            state = "Ready";
        }
        if (resp.getTotalTargets() == 0) {
            state = "Unknown";
        }
        if (state.equals("Ready") && resp.getDisabledTargets() > 0) {
            state = "Degraded";
        }
        List<TierStats> tiers = new ArrayList<>();
        for (StorageUsageStats s : resp.getTierStatsList()) {
            tiers.add(new TierStats(s.getTotal(), s.getFree(), s.getMin(), s.getMax(), s.getMean(),
                    s.getMediaType().name().toLowerCase(Locale.ROOT)));
        }
        Optional<Rebuild> rebuild = resp.hasRebuild()
                ? Optional.of(new Rebuild(resp.getRebuild().getStatus(),
                resp.getRebuild().getState().name().toLowerCase(Locale.ROOT), resp.getRebuild().getObjects(),
                resp.getRebuild().getRecords()))
                : Optional.empty();
        long leader = resp.getSvcLdr() != 0 ? Integer.toUnsignedLong(resp.getSvcLdr())
                : Integer.toUnsignedLong(resp.getLeader());
        return new PoolInfo(uuid, label, state, resp.getQueryMask(), Integer.toUnsignedLong(resp.getTotalTargets()),
                Integer.toUnsignedLong(resp.getActiveTargets()), Integer.toUnsignedLong(resp.getTotalEngines()),
                Integer.toUnsignedLong(resp.getDisabledTargets()), Integer.toUnsignedLong(resp.getVersion()), leader,
                reps, rebuild, tiers, ranks(resp.getEnabledRanks()), ranks(resp.getDisabledRanks()),
                ranks(resp.getDeadRanks()), Integer.toUnsignedLong(resp.getPoolLayoutVer()),
                Integer.toUnsignedLong(resp.getUpgradeLayoutVer()));
    }

    private static Optional<RankSet> ranks(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(RankSet.parse(text));
    }

    /** The label, or the UUID's first group when the pool has none. */
    public String name() {
        if (!label.isEmpty()) {
            return label;
        }
        int dash = uuid.indexOf('-');
        return dash < 0 ? uuid : uuid.substring(0, dash);
    }

    /** Per tier: its name (SCM, NVME), size, free space and imbalance. */
    public List<TierUsage> usage() {
        List<TierUsage> out = new ArrayList<>();
        for (TierStats t : tierStats) {
            out.add(new TierUsage(t.mediaType().toUpperCase(Locale.ROOT), t.total(), t.free(),
                    t.imbalance(activeTargets)));
        }
        return out;
    }

    /** The rebuild state's name, or Unknown when the query had none. */
    public String rebuildState() {
        return rebuild.map(Rebuild::state).orElse("Unknown");
    }

    public boolean upgradeNeeded() {
        return poolLayoutVersion != upgradeLayoutVersion;
    }
}
