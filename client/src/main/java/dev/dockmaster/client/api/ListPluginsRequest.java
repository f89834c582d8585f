package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Optional;

/** Ask every server which plugins it loaded (Dockmaster's {@code dockmaster.v1.ServerSvc.ListPlugins}). */
public record ListPluginsRequest(HostSet hosts, Optional<Duration> timeout) {
    public static ListPluginsRequest of(HostSet hosts) {
        return new ListPluginsRequest(hosts, Optional.empty());
    }
}
