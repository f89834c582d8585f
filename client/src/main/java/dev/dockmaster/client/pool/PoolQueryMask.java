package dev.dockmaster.client.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a pool query asks the pool service for (DAOS's {@code daos_pool_info_bit}): space, rebuild status, and the
 * enabled, disabled or dead engines. The default leaves out the engine lists; a health-only query leaves out space
 * and the enabled engines.
 */
public final class PoolQueryMask {
    public static final long SPACE = 1;
    public static final long REBUILD = 2;
    public static final long ENABLED_ENGINES = 4;
    public static final long DISABLED_ENGINES = 8;
    public static final long DEAD_ENGINES = 16;

    public static final long DEFAULT = ~(ENABLED_ENGINES | DISABLED_ENGINES | DEAD_ENGINES);
    public static final long HEALTH_ONLY = ~(ENABLED_ENGINES | SPACE);

    private PoolQueryMask() {
    }

    public static boolean has(long mask, long option) {
        return (mask & option) != 0;
    }

    /** {@code disabled_engines,rebuild,space}: the options in the mask, sorted by name, as DAOS prints a mask. */
    public static String toString(long mask) {
        List<String> names = new ArrayList<>();
        if (has(mask, SPACE)) {
            names.add("space");
        }
        if (has(mask, REBUILD)) {
            names.add("rebuild");
        }
        if (has(mask, ENABLED_ENGINES)) {
            names.add("enabled_engines");
        }
        if (has(mask, DISABLED_ENGINES)) {
            names.add("disabled_engines");
        }
        if (has(mask, DEAD_ENGINES)) {
            names.add("dead_engines");
        }
        Collections.sort(names);
        return String.join(",", names);
    }
}
