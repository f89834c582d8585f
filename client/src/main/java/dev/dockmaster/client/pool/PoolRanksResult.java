package dev.dockmaster.client.pool;

import dev.dockmaster.client.hostlist.RankSet;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of an exclude, drain or reintegrate for each rank asked for: dmg sends one request per rank, in turn,
 * and a rank's failure does not stop the others (DAOS's {@code PoolRanksResp}).
 */
public record PoolRanksResult(String id, List<RankResult> results) {
    public PoolRanksResult {
        results = List.copyOf(results);
    }

    /** One rank: ok, or the error's text. */
    public record RankResult(long rank, boolean errored, String msg) {
    }

    /** {@code ranks 1-2 failed on pool tank}, or empty when every rank succeeded. */
    public Optional<String> errors() {
        RankSet failed = RankSet.of(results.stream().filter(RankResult::errored).mapToLong(RankResult::rank)
                .toArray());
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((failed.size() == 1 ? "rank " : "ranks ") + failed + " failed on pool "
                + (id.isEmpty() ? "<unknown>" : id));
    }
}
