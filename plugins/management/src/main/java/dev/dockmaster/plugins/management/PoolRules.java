package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.mgmt.PoolProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * DAOS 2.6's pool create rules ({@code server/mgmt_pool.go}, {@code daos_prop.h}), as pure functions: label syntax,
 * rank selection, the number of service replicas, and per-rank sizes. Refusals are DAOS's faults
 * ({@link dev.dockmaster.spi.Fault}); an {@link IllegalArgumentException} carries the plain texts DAOS answers for malformed requests.
 */
final class PoolRules {
    /** DAOS_PROP_PO_LABEL and DAOS_PROP_PO_SVC_REDUN_FAC. */
    static final int PROP_LABEL = 1;
    static final int PROP_SVC_REDUN_FAC = 19;
    static final int LABEL_MAX_LENGTH = 127;
    static final int SVC_REDUN_FAC_MAX = 4;
    static final int SVC_REDUN_FAC_DEFAULT = 2;
    /** At most 2 x the largest service redundancy factor + 1 replicas. */
    static final int MAX_SERVICE_REPLICAS = 2 * SVC_REDUN_FAC_MAX + 1;
    static final long SCM_MIN_BYTES_PER_TARGET = 16L << 20;
    static final long NVME_MIN_BYTES_PER_TARGET = 1L << 30;

    private PoolRules() {
    }

    /**
     * DAOS's label syntax: 1 to 127 characters, letters, digits and {@code . _ : -}, and not something that reads as
     * a UUID (pool ids are resolved as UUIDs first).
     */
    static boolean labelIsValid(String label) {
        if (label == null || label.isEmpty() || label.length() > LABEL_MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return !looksLikeUuid(label);
    }

    static boolean looksLikeUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The label property's value; empty when there is none or it is empty. */
    static Optional<String> labelOf(List<PoolProperty> properties) {
        for (PoolProperty p : properties) {
            if (p.getNumber() == PROP_LABEL) {
                return p.getStrval().isEmpty() ? Optional.empty() : Optional.of(p.getStrval());
            }
        }
        return Optional.empty();
    }

    /**
     * The ranks a pool is created on: the requested ones (sorted, without duplicates; each must be available), else
     * {@code numRanks} available ranks chosen at random, else every available rank.
     *
     * @param available the ranks of Joined (or Ready) members
     */
    static List<Integer> selectRanks(List<Integer> available, List<Integer> requested, int numRanks, Random random) {
        if (!requested.isEmpty()) {
            TreeSet<Long> wanted = new TreeSet<>();
            requested.forEach(r -> wanted.add(Integer.toUnsignedLong(r)));
            List<Integer> invalid = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            for (long r : wanted) {
                if (available.contains((int) r)) {
                    out.add((int) r);
                } else {
                    invalid.add((int) r);
                }
            }
            if (!invalid.isEmpty()) {
                throw PoolFaults.invalidRanks(invalid);
            }
            return List.copyOf(out);
        }
        List<Integer> pool = new ArrayList<>(available);
        int n = pool.size();
        if (numRanks != 0) {
            // numranks is a uint32 on the wire: a huge value is "too many", not negative
            if (Integer.toUnsignedLong(numRanks) > pool.size()) {
                throw PoolFaults.invalidNumRanks(Integer.toUnsignedLong(numRanks), pool.size());
            }
            // DAOS shuffles, so that a pool on N ranks is not always on the first N.
            Collections.shuffle(pool, random);
            n = numRanks;
        }
        List<Integer> chosen = new ArrayList<>(pool.subList(0, n));
        chosen.sort(Integer::compareUnsigned);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("pool request contains zero target ranks");
        }
        return List.copyOf(chosen);
    }

    /**
     * The number of pool service replicas sent to the engine: the request's (at most {@code min(ranks, 9)}, else
     * fault 608), else 2 x the service redundancy factor property (default 2) + 1. As the engine does, an even
     * number rounds down to the odd one below, and never more than there are ranks.
     */
    static int serviceReplicas(int requested, int rankCount, List<PoolProperty> properties) {
        int max = Math.min(rankCount, MAX_SERVICE_REPLICAS);
        if (Integer.toUnsignedLong(requested) > max) {
            throw PoolFaults.invalidServiceReps(max);
        }
        int wanted;
        if (requested > 0) {
            wanted = requested % 2 == 0 ? requested - 1 : requested;
        } else {
            long rf = SVC_REDUN_FAC_DEFAULT;
            for (PoolProperty p : properties) {
                if (p.getNumber() == PROP_SVC_REDUN_FAC && p.hasNumval()) {
                    rf = p.getNumval();
                }
            }
            if (rf < 0 || rf > SVC_REDUN_FAC_MAX) {
                throw new IllegalArgumentException("invalid service redundancy factor value " + rf
                        + " (valid values: 0-" + SVC_REDUN_FAC_MAX + ")");
            }
            wanted = (int) (2 * rf + 1);
        }
        return Math.max(1, Math.min(wanted, rankCount));
    }

    /**
     * A create's size request: either per-rank tier bytes, or total bytes with a ratio per tier.
     *
     * @param tierBytes  bytes per rank per tier (manual sizing), or empty
     * @param tierRatio  fractions of {@code totalBytes} per tier (auto sizing), or empty
     * @param totalBytes the pool's total size (auto sizing), or 0
     */
    record SizeRequest(List<Long> tierBytes, List<Double> tierRatio, long totalBytes) {
        SizeRequest {
            tierBytes = List.copyOf(tierBytes);
            tierRatio = List.copyOf(tierRatio);
        }
    }

    /**
     * DAOS's {@code calculateCreateStorage}: per-rank bytes for SCM and NVMe. Auto sizing divides the total by the
     * rank count after applying each tier's ratio (all of it to SCM when the engines have no NVMe). Each rank must
     * get at least 16 MiB of SCM per target (fault 604), and 1 GiB of NVMe per target when it gets NVMe (605).
     *
     * @param targets       VOS targets per engine
     * @param nvmeAvailable whether the engines have a bdev tier
     */
    static List<Long> perRankTierBytes(SizeRequest req, int rankCount, int targets, boolean nvmeAvailable) {
        if (rankCount <= 0) {
            throw new IllegalArgumentException("zero ranks in calculateCreateStorage()");
        }
        long[] perRank;
        if (req.tierBytes().size() == 2 && req.tierRatio().isEmpty() && req.totalBytes() == 0) {
            long nvme = req.tierBytes().get(1);
            if (!nvmeAvailable && nvme != 0) {
                throw new IllegalArgumentException(PoolFaults.Sizes.si(nvme)
                        + " NVMe requested for pool but config has zero bdevs");
            }
            perRank = new long[] {req.tierBytes().get(0), nvme};
        } else if (req.tierBytes().isEmpty() && req.tierRatio().size() == 2 && req.totalBytes() > 0) {
            List<Double> ratio = nvmeAvailable ? req.tierRatio() : List.of(1.0, 0.0);
            perRank = new long[2];
            for (int tier = 0; tier < 2; tier++) {
                perRank[tier] = (long) ((double) req.totalBytes() * ratio.get(tier)) / rankCount;
            }
        } else {
            throw new IllegalArgumentException("unexpected pool create params in request: totalbytes "
                    + req.totalBytes() + ", tierratio " + req.tierRatio() + ", tierbytes " + req.tierBytes());
        }
        if (targets <= 0) {
            throw new IllegalArgumentException("zero target count");
        }
        long minRankScm = targets * SCM_MIN_BYTES_PER_TARGET;
        long minRankNvme = targets * NVME_MIN_BYTES_PER_TARGET;
        long minPoolScm = minRankScm * rankCount;
        long minPoolNvme = minRankNvme * rankCount;
        long minPoolTotal = minPoolScm + (perRank[1] > 0 ? minPoolNvme : 0);
        if (perRank[0] < minRankScm) {
            throw PoolFaults.scmTooSmall(minPoolTotal, minPoolScm);
        }
        if (perRank[1] != 0 && perRank[1] < minRankNvme) {
            throw PoolFaults.nvmeTooSmall(minPoolTotal, minPoolNvme);
        }
        return List.of(perRank[0], perRank[1]);
    }
}
