package dev.dockmaster.client.api;

import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.proto.v1.ListPluginsResp;

import java.util.List;

/** Plugin inventories grouped by identical content, and the hosts that failed. */
public record ListPluginsResponse(List<HostGroup<ListPluginsResp>> hostPlugins, HostErrors errors) {
    public ListPluginsResponse {
        hostPlugins = List.copyOf(hostPlugins);
    }
}
