package dev.dockmaster.client.invoke;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;

/** Chooses the hosts of a request as DAOS does: the request's own list, else the configured one, with default ports. */
public final class RequestHosts {
    private RequestHosts() {
    }

    public static HostSet resolve(ControlConfig config, HostSet requested) {
        if (config.port() < 1 || config.port() > 65535) {
            throw ClientFaults.badControlPort(config.port());
        }
        HostSet hosts = requested.isEmpty() ? HostSet.parse(config.hostList()) : requested;
        if (hosts.isEmpty()) {
            throw ClientFaults.emptyHostList();
        }
        return hosts.withDefaultPort(config.port());
    }
}
