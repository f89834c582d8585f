package dev.dockmaster.client.api;

import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.response.HostGroup;

import java.util.List;

/** Format results grouped by identical host results, and the hosts (or devices) that failed. */
public record StorageFormatResponse(List<HostGroup<HostFormat>> hostFormats, HostErrors errors) {
    public StorageFormatResponse {
        hostFormats = List.copyOf(hostFormats);
    }
}
