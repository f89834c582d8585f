package dev.dockmaster.client.api;

import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.response.HostGroup;

import java.util.List;

/** Fabric grouped by identical host configuration, and the hosts that failed. */
public record NetworkScanResponse(List<HostGroup<HostFabric>> hostFabrics, HostErrors errors) {
    public NetworkScanResponse {
        hostFabrics = List.copyOf(hostFabrics);
    }
}
