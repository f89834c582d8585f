package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.FabricInterface;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.spi.grpc.ServerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkScanTest {

    /**
     * A two-socket host: lo, an Ethernet NIC on node 1, an InfiniBand HCA whose numa_node reads -1, a virtual
     * bridge without a device directory, one interface administratively down and one without carrier.
     */
    private static TestingHostFacts twoSocketHost() {
        return new TestingHostFacts()
                .netInterface("lo", 772, "0x9", "unknown", null)
                .netInterface("eth0", 1, "0x1003", "up", "1")
                .netInterface("ib0", 32, "0x1003", "up", "-1")
                .netInterface("br0", 1, "0x1003", "unknown", null)
                .netInterface("eth1", 1, "0x1002", "down", "0")
                .netInterface("eth2", 1, "0x1003", "down", "0")
                .file("/sys/devices/system/node/node0/cpulist", "0-15\n")
                .file("/sys/devices/system/node/node1/cpulist", "16-31\n")
                .file("/sys/devices/system/node/possible", "0-1\n")
                .file("/sys/devices/system/cpu/online", "0-31\n");
    }

    private InProcessCtl ctl;

    @AfterEach
    void close() {
        if (ctl != null) {
            ctl.close();
        }
    }

    private NetworkScanResp scan(HostFacts host, List<String> configuredProviders, NetworkScanReq request) {
        ServerInfo server = new ServerInfo("daos_server", "2.6.5", "node1", 10001, configuredProviders, 2, 0);
        ctl = new InProcessCtl(new ControlService(TestingStorageProviders.none(), server, host));
        return ctl.stub.networkScan(request);
    }

    /** device/provider/priority/numa/class, compact enough to compare a whole answer at once. */
    private static String describe(FabricInterface fi) {
        return fi.getDevice() + "/" + fi.getProvider() + "/" + fi.getPriority() + "/" + fi.getNumanode() + "/"
                + fi.getNetdevclass();
    }

    private static final List<String> BR0 = List.of("br0/ofi+tcp/0/0/1", "br0/ofi+tcp;ofi_rxm/1/0/1");
    private static final List<String> ETH0 = List.of("eth0/ofi+tcp/0/1/1", "eth0/ofi+tcp;ofi_rxm/1/1/1");
    private static final List<String> IB0 = List.of("ib0/ofi+verbs/0/0/32", "ib0/ofi+verbs;ofi_rxm/1/0/32",
            "ib0/ofi+tcp/2/0/32", "ib0/ofi+tcp;ofi_rxm/3/0/32");

    record Case(String name, List<String> configured, String provider, String exclude, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static List<String> concat(List<String> first, List<String> second, List<String> third) {
        return concat(concat(first, second), third);
    }

    static Stream<Case> filterCases() {
        return Stream.of(
                new Case("all: every provider of every usable interface", List.of("ofi+tcp"), "all", "",
                        concat(BR0, ETH0, IB0)),
                new Case("ALL is case-insensitive", List.of("ofi+tcp"), "ALL", "", concat(BR0, ETH0, IB0)),
                new Case("empty request: none configured means no filter", List.of(), "", "",
                        concat(BR0, ETH0, IB0)),
                new Case("empty request: the configured provider", List.of("ofi+verbs;ofi_rxm"), "", "",
                        List.of("ib0/ofi+verbs;ofi_rxm/1/0/32")),
                new Case("empty request: several configured providers", List.of("ofi+verbs", "ofi+tcp;ofi_rxm"), "",
                        "", List.of("br0/ofi+tcp;ofi_rxm/1/0/1", "eth0/ofi+tcp;ofi_rxm/1/1/1",
                                "ib0/ofi+verbs/0/0/32", "ib0/ofi+tcp;ofi_rxm/3/0/32")),
                new Case("named provider overrides the configured one", List.of("ofi+verbs"), "ofi+tcp", "",
                        List.of("br0/ofi+tcp/0/0/1", "eth0/ofi+tcp/0/1/1", "ib0/ofi+tcp/2/0/32")),
                new Case("a provider no interface has", List.of(), "ucx+dc_x", "", List.of()),
                new Case("excluded interfaces are removed", List.of(), "all", "br0, ib0", ETH0),
                new Case("exclusion tolerates empty entries", List.of(), "all", ",eth0,,", concat(BR0, IB0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void providerAndInterfaceFilters(Case c) {
        NetworkScanResp response = scan(twoSocketHost(), c.configured(), NetworkScanReq.newBuilder()
                .setProvider(c.provider()).setExcludeinterfaces(c.exclude()).build());

        assertThat(response.getInterfacesList()).extracting(NetworkScanTest::describe)
                .containsExactlyElementsOf(c.expected());
    }

    @Test
    void loopbackAndDownInterfacesAreNeverReported() {
        NetworkScanResp response = scan(twoSocketHost(), List.of(), NetworkScanReq.newBuilder()
                .setProvider("all").build());

        assertThat(response.getInterfacesList()).extracting(FabricInterface::getDevice)
                .doesNotContain("lo", "eth1", "eth2");
    }

    @Test
    void numaTopologyComesFromSysfs() {
        NetworkScanResp response = scan(twoSocketHost(), List.of(), NetworkScanReq.getDefaultInstance());

        assertThat(response.getNumacount()).isEqualTo(2);
        assertThat(response.getCorespernuma()).isEqualTo(16);
    }

    @Test
    void hostWithoutNumaDirectoriesCountsAllCpusAsOneNode() {
        TestingHostFacts host = new TestingHostFacts()
                .netInterface("enp1s0", 1, "0x1003", "up", null)
                .file("/sys/devices/system/cpu/online", "0-3,8-11\n");

        NetworkScanResp response = scan(host, List.of(), NetworkScanReq.getDefaultInstance());

        assertThat(response.getNumacount()).isZero();
        assertThat(response.getCorespernuma()).isEqualTo(8);
        assertThat(response.getInterfacesList()).extracting(FabricInterface::getNumanode).containsOnly(0);
    }

    @Test
    void anInterfaceWithoutReadableTypeIsSkipped() {
        TestingHostFacts host = new TestingHostFacts()
                .file("/sys/class/net/weird0/flags", "0x1003\n")
                .file("/sys/class/net/weird1/type", "not-a-number\n")
                .netInterface("eth0", 1, "0x1003", "up", "0");

        NetworkScanResp response = scan(host, List.of(), NetworkScanReq.getDefaultInstance());

        assertThat(response.getInterfacesList()).extracting(FabricInterface::getDevice).containsOnly("eth0");
    }

    @Test
    void thisHostNeverReportsLoopback() {
        // The real /sys of the build machine: its interfaces vary, but loopback is never one of the answers.
        NetworkScanResp response = scan(LocalHostFacts.thisHost(), List.of(), NetworkScanReq.newBuilder()
                .setProvider("all").build());

        assertThat(response.getInterfacesList()).extracting(FabricInterface::getDevice).doesNotContain("lo");
        assertThat(response.getInterfacesList()).extracting(FabricInterface::getNetdevclass).doesNotContain(772);
    }
}
