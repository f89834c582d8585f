package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Ask which management service replica leads and which replicas answer (dmg {@code system leader-query}).
 *
 * @param hosts   the candidates to ask first; empty picks them from the configured host list
 * @param timeout the deadline for all tries; empty means the default
 */
public record LeaderQueryRequest(HostSet hosts, Optional<Duration> timeout) {
    public LeaderQueryRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static LeaderQueryRequest any() {
        return new LeaderQueryRequest(HostSet.empty(), Optional.empty());
    }
}
