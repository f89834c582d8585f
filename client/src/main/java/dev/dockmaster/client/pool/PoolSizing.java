package dev.dockmaster.client.pool;

/**
 * How a new pool is sized, DAOS's three ways: a total split by tier ratio over all (or {@code numRanks}) ranks, a
 * percentage of the space the servers have free, or bytes per rank per tier.
 */
public sealed interface PoolSizing {

    /** {@code -z 10TB [-t 6,94] [-k 4]}: the management service spreads the total over the ranks. */
    record Total(long bytes, TierRatio ratio, int numRanks) implements PoolSizing {
    }

    /** {@code -z 50%}: that share of the least free space of any rank, per rank and tier. */
    record Percentage(int percent) implements PoolSizing {
    }

    /** {@code -s 1GB [-n 10GB] [--meta-size 2GB]}: bytes on every rank. */
    record PerRank(long scmBytes, long nvmeBytes, long metaBytes) implements PoolSizing {
    }
}
