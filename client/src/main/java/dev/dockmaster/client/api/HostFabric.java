package dev.dockmaster.client.api;

import com.google.protobuf.Message;
import dev.dockmaster.proto.ctl.FabricInterface;
import dev.dockmaster.proto.ctl.NetworkScanResp;

import java.util.List;

/**
 * One host's fabric: its interfaces, the distinct providers among them (sorted), NUMA node count and cores per node.
 */
public record HostFabric(List<FabricInterface> interfaces, List<String> providers, int numaCount, int coresPerNuma) {
    public HostFabric {
        interfaces = List.copyOf(interfaces);
        providers = List.copyOf(providers);
    }

    static HostFabric from(NetworkScanResp resp) {
        List<String> providers = resp.getInterfacesList().stream().map(FabricInterface::getProvider)
                .distinct().sorted().toList();
        return new HostFabric(resp.getInterfacesList(), providers, resp.getNumacount(), resp.getCorespernuma());
    }

    Message identity() {
        return NetworkScanResp.newBuilder().addAllInterfaces(interfaces).setNumacount(numaCount)
                .setCorespernuma(coresPerNuma).build();
    }
}
