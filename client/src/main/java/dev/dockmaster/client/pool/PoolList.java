package dev.dockmaster.client.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The system's pools, sorted by label, with the per-pool query failures (by UUID) that left a pool without its
 * details. A failed query does not fail the list: dmg prints what it has and reports the failures.
 */
public record PoolList(List<PoolInfo> pools, Map<String, String> queryErrors) {
    public PoolList {
        pools = List.copyOf(pools);
        queryErrors = Map.copyOf(queryErrors);
    }

    /** The pools that were not let down by their query. */
    public List<PoolInfo> queried() {
        List<PoolInfo> out = new ArrayList<>();
        for (PoolInfo p : pools) {
            if (!queryErrors.containsKey(p.uuid())) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@code Query on pool "tank" unsuccessful, error: "..."} lines, one per failed query, in list order. */
    public String warnings() {
        StringBuilder out = new StringBuilder();
        for (PoolInfo p : pools) {
            String error = queryErrors.get(p.uuid());
            if (error != null) {
                out.append("Query on pool ").append(PoolInputs.quote(p.name())).append(" unsuccessful, error: ")
                        .append(PoolInputs.quote(error)).append('\n');
            }
        }
        return out.toString();
    }
}
