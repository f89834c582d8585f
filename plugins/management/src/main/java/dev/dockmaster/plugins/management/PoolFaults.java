package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.Fault;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The faults of pool operations, with DAOS 2.6's codes ({@code fault/code/codes.go}: server 6xx, system 4xx). */
final class PoolFaults {
    static final int SCM_TOO_SMALL = 604;
    static final int NVME_TOO_SMALL = 605;
    static final int INVALID_RANKS = 606;
    static final int INVALID_NUM_RANKS = 607;
    static final int INVALID_SERVICE_REPS = 608;
    static final int DUPLICATE_LABEL = 609;
    static final int NO_LABEL = 615;
    static final int POOL_LOCKED = 402;

    private PoolFaults() {
    }

    static Fault scmTooSmall(long minTotal, long minScm) {
        return new Fault("server", SCM_TOO_SMALL, "requested SCM capacity is too small (min "
                + Sizes.iec(PoolRules.SCM_MIN_BYTES_PER_TARGET) + " per target)",
                "retry the request with a pool size of at least " + Sizes.si(minTotal + Sizes.MIB)
                        + ", with at least " + Sizes.si(minScm + Sizes.MIB) + " SCM");
    }

    static Fault nvmeTooSmall(long minTotal, long minNvme) {
        return new Fault("server", NVME_TOO_SMALL, "requested NVMe capacity too small (min "
                + Sizes.iec(PoolRules.NVME_MIN_BYTES_PER_TARGET) + " per target)",
                "retry the request with a pool size of at least " + Sizes.si(minTotal + Sizes.MIB)
                        + ", with at least " + Sizes.si(minNvme + Sizes.MIB) + " NVMe");
    }

    static Fault invalidRanks(List<Integer> invalid) {
        List<String> names = invalid.stream().map(Integer::toUnsignedString).sorted().toList();
        return new Fault("server", INVALID_RANKS, "pool request contains invalid "
                + (names.size() == 1 ? "rank" : "ranks") + ": " + String.join(",", names),
                "retry the request with a valid set of ranks");
    }

    static Fault invalidNumRanks(long requested, int available) {
        return new Fault("server", INVALID_NUM_RANKS, "pool request contains invalid number of ranks (requested: "
                + requested + ", available: " + available + ")", "retry the request with a valid number of ranks");
    }

    static Fault invalidServiceReps(int max) {
        return new Fault("server", INVALID_SERVICE_REPS,
                "pool service replicas number should be an odd number between 1 and " + max,
                "retry the request with a valid number of pool service replicas");
    }

    static Fault duplicateLabel(String label) {
        return new Fault("server", DUPLICATE_LABEL, "pool label \"" + label + "\" already exists in the system",
                "retry the request with a unique pool label");
    }

    static Fault noLabel() {
        return new Fault("server", NO_LABEL, "cannot create a pool without a pool label",
                "retry the operation with a label set");
    }

    static Fault locked(String uuid, String lockId, Instant takenAt) {
        return new Fault("system", POOL_LOCKED, "pool " + uuid + " is locked (id: " + lockId + ", time: "
                + DateTimeFormatter.ISO_INSTANT.format(takenAt) + ")", "retry the pool operation");
    }

    /** Byte counts the way DAOS's messages print them (go-humanize's Bytes and IBytes). */
    static final class Sizes {
        static final long MIB = 1L << 20;
        static final long GIB = 1L << 30;

        private Sizes() {
        }

        /** Decimal units, {@code "17 MB"}, one decimal below 10. */
        static String si(long bytes) {
            return humanize(bytes, 1000, new String[] {"B", "kB", "MB", "GB", "TB", "PB", "EB"});
        }

        /** Binary units, {@code "16 MiB"}, {@code "1.0 GiB"}. */
        static String iec(long bytes) {
            return humanize(bytes, 1024, new String[] {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"});
        }

        private static String humanize(long bytes, int base, String[] units) {
            if (bytes < 10) {
                return bytes + " B";
            }
            int e = (int) Math.floor(Math.log(bytes) / Math.log(base));
            double val = Math.floor(bytes / Math.pow(base, e) * 10 + 0.5) / 10;
            return String.format(Locale.ROOT, val < 10 ? "%.1f %s" : "%.0f %s", val, units[e]);
        }
    }
}
