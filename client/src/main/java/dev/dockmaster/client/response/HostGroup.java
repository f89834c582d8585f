package dev.dockmaster.client.response;

import dev.dockmaster.client.hostlist.HostSet;

import java.util.Objects;

/**
 * A result shared by a set of hosts.
 *
 * @param hosts the hosts that returned it
 * @param value the result (the first host's copy; the others are equal up to order)
 * @param key   a stable key for the result, usable as a JSON object key
 */
public record HostGroup<T>(HostSet hosts, T value, String key) {
    public HostGroup {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(key, "key");
    }
}
