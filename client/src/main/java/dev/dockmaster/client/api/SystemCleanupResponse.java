package dev.dockmaster.client.api;

import dev.dockmaster.proto.mgmt.SystemCleanupResp.CleanupResult;

import java.util.List;
import java.util.Optional;

/** The pools whose handles a system cleanup evicted, with a status per pool. */
public record SystemCleanupResponse(List<CleanupResult> results) {
    public SystemCleanupResponse {
        results = List.copyOf(results);
    }

    /** DAOS's {@code Errors()}: the messages of the pools whose eviction failed, joined with ", ". */
    public Optional<String> errors() {
        List<String> failed = results.stream().filter(r -> r.getStatus() != 0).map(CleanupResult::getMsg).toList();
        return failed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", failed));
    }
}
