package dev.dockmaster.client.api;

import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.response.HostGroup;

import java.util.List;

/** Storage grouped by identical host configuration, and the hosts that failed. */
public record StorageScanResponse(List<HostGroup<HostStorage>> hostStorage, HostErrors errors) {
    public StorageScanResponse {
        hostStorage = List.copyOf(hostStorage);
    }
}
