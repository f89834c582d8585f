package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.FabricInterface;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Lists this host's fabric interfaces for {@code NetworkScan}: one {@link FabricInterface} per (interface, provider).
 *
 * <p>DAOS asks libfabric and hwloc; without them we derive the same answer from sysfs. Every interface that is up and
 * not loopback can carry TCP, so it gets {@code ofi+tcp} and {@code ofi+tcp;ofi_rxm}; an InfiniBand interface (ARP
 * hardware type 32) also gets {@code ofi+verbs} and {@code ofi+verbs;ofi_rxm} (DAOS runs verbs with the rxm utility
 * provider). {@code priority} is the provider's rank on that interface, 0 being the preferred one.
 */
public final class NetworkScanner {

    /** {@code NetworkScanReq.provider} value that turns the provider filter off. */
    public static final String ALL_PROVIDERS = "all";

    static final int ARPHRD_INFINIBAND = 32;
    static final int ARPHRD_LOOPBACK = 772;
    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;

    private static final List<String> IP_PROVIDERS = List.of("ofi+tcp", "ofi+tcp;ofi_rxm");
    private static final List<String> INFINIBAND_PROVIDERS =
            List.of("ofi+verbs", "ofi+verbs;ofi_rxm", "ofi+tcp", "ofi+tcp;ofi_rxm");

    private static final Pattern NUMA_NODE_DIR = Pattern.compile("node\\d+");

    private final HostFacts host;
    private final List<String> configuredProviders;

    /**
     * @param host where sysfs is read
     * @param configuredProviders the server's fabric providers, the filter for a request naming none
     */
    public NetworkScanner(HostFacts host, List<String> configuredProviders) {
        this.host = Objects.requireNonNull(host, "host");
        this.configuredProviders = List.copyOf(configuredProviders);
    }

    public NetworkScanResp scan(NetworkScanReq request) {
        Set<String> wanted = providerFilter(request.getProvider());
        Set<String> excluded = commaList(request.getExcludeinterfaces());

        NetworkScanResp.Builder response = NetworkScanResp.newBuilder();
        for (String name : host.list("/sys/class/net")) {
            if (excluded.contains(name)) {
                continue;
            }
            Optional<NetDevice> device = describe(name);
            if (device.isEmpty() || !device.get().usable()) {
                continue;
            }
            List<String> providers = device.get().type() == ARPHRD_INFINIBAND ? INFINIBAND_PROVIDERS : IP_PROVIDERS;
            for (int priority = 0; priority < providers.size(); priority++) {
                String provider = providers.get(priority);
                if (wanted.isEmpty() || wanted.contains(provider.toLowerCase())) {
                    response.addInterfaces(FabricInterface.newBuilder()
                            .setProvider(provider)
                            .setDevice(name)
                            .setNumanode(device.get().numaNode())
                            .setPriority(priority)
                            .setNetdevclass(device.get().type()));
                }
            }
        }

        int numaNodes = numaNodeCount();
        return response
                .setNumacount(numaNodes)
                .setCorespernuma(onlineCpuCount() / Math.max(1, numaNodes))
                .build();
    }

    /** Lower-case provider names to keep; empty means every provider. */
    private Set<String> providerFilter(String requested) {
        if (requested.equalsIgnoreCase(ALL_PROVIDERS)) {
            return Set.of();
        }
        List<String> names = requested.isBlank() ? configuredProviders : List.of(requested.trim());
        Set<String> wanted = new TreeSet<>();
        names.forEach(name -> wanted.add(name.toLowerCase()));
        return wanted;
    }

    private static Set<String> commaList(String text) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(names::add);
        return names;
    }

    /** What sysfs says about one interface; empty when it has no readable type (then we cannot classify it). */
    private Optional<NetDevice> describe(String name) {
        String dir = "/sys/class/net/" + name + "/";
        Optional<Integer> type = host.read(dir + "type").flatMap(NetworkScanner::parseInt);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        // flags is hex ("0x1003"); when it cannot be read we assume "up" and let operstate decide.
        int flags = host.read(dir + "flags").flatMap(NetworkScanner::parseHex).orElse(IFF_UP);
        String operState = host.read(dir + "operstate").map(String::trim).orElse("unknown");
        // numa_node is -1 on single-node machines and absent for virtual devices: both mean node 0.
        int numaNode = host.read(dir + "device/numa_node").flatMap(NetworkScanner::parseInt)
                .filter(node -> node >= 0).orElse(0);
        return Optional.of(new NetDevice(type.get(), flags, operState, numaNode));
    }

    private int numaNodeCount() {
        return (int) host.list("/sys/devices/system/node").stream()
                .filter(entry -> NUMA_NODE_DIR.matcher(entry).matches())
                .count();
    }

    /** Counts the CPUs of {@code /sys/devices/system/cpu/online}, a range list such as {@code 0-3,8-11}. */
    private int onlineCpuCount() {
        String ranges = host.read("/sys/devices/system/cpu/online").map(String::trim).orElse("");
        int count = 0;
        for (String range : ranges.split(",")) {
            String[] bounds = range.trim().split("-");
            Optional<Integer> low = parseInt(bounds[0]);
            Optional<Integer> high = bounds.length > 1 ? parseInt(bounds[1]) : low;
            if (low.isPresent() && high.isPresent() && high.get() >= low.get()) {
                count += high.get() - low.get() + 1;
            }
        }
        return count;
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> parseHex(String text) {
        String digits = text.trim();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        try {
            return Optional.of(Integer.parseInt(digits, 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @param type ARP hardware type ({@code /sys/class/net/<if>/type})
     * @param flags interface flags ({@code IFF_*})
     * @param operState RFC 2863 operational state ({@code up}, {@code down}, {@code unknown}, ...)
     * @param numaNode NUMA node of the device
     */
    private record NetDevice(int type, int flags, String operState, int numaNode) {

        /** Up (administratively and not reported down) and not loopback. */
        boolean usable() {
            boolean loopback = type == ARPHRD_LOOPBACK || (flags & IFF_LOOPBACK) != 0;
            boolean up = (flags & IFF_UP) != 0 && !operState.equals("down") && !operState.equals("lowerlayerdown")
                    && !operState.equals("notpresent");
            return up && !loopback;
        }
    }
}
