package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Optional;

/**
 * List fabric interfaces on every host.
 *
 * @param provider "" for the provider in each server's configuration, {@code all} for every provider
 */
public record NetworkScanRequest(HostSet hosts, String provider, Optional<Duration> timeout) {
    public static NetworkScanRequest of(HostSet hosts, String provider) {
        return new NetworkScanRequest(hosts, provider, Optional.empty());
    }
}
