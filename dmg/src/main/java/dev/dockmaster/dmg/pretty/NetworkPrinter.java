package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.api.HostFabric;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.proto.ctl.FabricInterface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dmg network scan} output as DAOS's {@code pretty/network.go}: per host set, per NUMA node a
 * {@code Provider Interfaces} table. DAOS walks Go maps in random order; NUMA nodes and providers are sorted here
 * so that the output is stable.
 */
public final class NetworkPrinter {
    private NetworkPrinter() {
    }

    public static String hostFabrics(List<HostGroup<HostFabric>> groups) {
        StringBuilder out = new StringBuilder();
        for (HostGroup<HostFabric> group : groups) {
            out.append(TextTable.banner(StoragePrinter.hosts(group))).append('\n');
            Map<Integer, Map<String, List<String>>> byNuma = new TreeMap<>();
            for (FabricInterface fi : group.value().interfaces()) {
                byNuma.computeIfAbsent(fi.getNumanode(), n -> new TreeMap<>())
                        .computeIfAbsent(fi.getProvider(), p -> new ArrayList<>()).add(fi.getDevice());
            }
            byNuma.forEach((numa, providers) -> {
                String title = "NUMA Socket " + Integer.toUnsignedString(numa);
                out.append(TextTable.indent(TextTable.banner(title), 4)).append('\n');
                TextTable table = new TextTable("Provider", "Interfaces");
                providers.forEach((provider, devices) -> table.row(provider, String.join(", ", devices)));
                out.append(TextTable.indent(table.render(), 8)).append('\n');
            });
        }
        return out.toString();
    }
}
