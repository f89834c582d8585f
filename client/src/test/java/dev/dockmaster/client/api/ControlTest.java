package dev.dockmaster.client.api;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.response.HostErrors.HostErrorGroup;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.client.testing.ScriptedInvoker;
import dev.dockmaster.proto.ctl.FabricInterface;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScanNvmeResp;
import dev.dockmaster.proto.ctl.ScanScmResp;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.PluginInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlTest {
    private static NvmeController ctrlr(String pci) {
        return NvmeController.newBuilder().setPciAddr(pci).setModel("m").build();
    }

    private static StorageScanResp scan(NvmeController... ctrlrs) {
        ScanNvmeResp.Builder nvme = ScanNvmeResp.newBuilder();
        for (NvmeController c : ctrlrs) {
            nvme.addCtrlrs(c);
        }
        return StorageScanResp.newBuilder().setNvme(nvme).setScm(ScanScmResp.getDefaultInstance()).build();
    }

    @Test
    void storageScanGroupsIdenticalHostsIgnoringOrderAndGroupsErrorsByText() {
        StorageScanResp scmFailed = scan(ctrlr("0000:81:00.0")).toBuilder()
                .setScm(ScanScmResp.newBuilder().setState(ResponseState.newBuilder()
                        .setStatus(ResponseStatus.CTL_ERR_SCM).setError("scm scan failed").setInfo("no ipmctl")))
                .build();
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .respond("host1", scan(ctrlr("0000:81:00.0"), ctrlr("0000:82:00.0")))
                .respond("host2", scan(ctrlr("0000:82:00.0"), ctrlr("0000:81:00.0")))
                .respond("host3", scmFailed)
                .fail("host[4-5]", ClientFaults.refused("somewhere"));

        StorageScanResponse resp = Control.storageScan(invoker,
                new StorageScanRequest(HostSet.parse("host[1-5]"), false, false, true, java.util.Optional.empty()));

        assertThat(resp.hostStorage()).extracting(g -> g.hosts().toRangedString())
                .containsExactly("host3:10001", "host[1-2]:10001");
        HostGroup<HostStorage> pair = resp.hostStorage().get(1);
        assertThat(pair.value().nvmeDevices()).hasSize(2);
        assertThat(resp.hostStorage().get(0).value().scmModules()).isEmpty();

        assertThat(resp.errors().groups()).extracting(HostErrorGroup::error, g -> g.hosts().toRangedString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("scm scan failed (no ipmctl)", "host3:10001"),
                        org.assertj.core.groups.Tuple.tuple(ClientFaults.refused("somewhere").getMessage(),
                                "host[4-5]:10001"));
        assertThat(resp.errors().groups().get(1).displayText())
                .isEqualTo("the server at somewhere refused the connection");
        assertThat(resp.errors().summary()).contains("3 hosts had errors");

        StorageScanReq sent = (StorageScanReq) invoker.requests().get(0).message();
        assertThat(sent.getNvme().getBasic()).isTrue();
        assertThat(sent.getNvme().getHealth()).isFalse();
        assertThat(invoker.requests().get(0).name()).isEqualTo("StorageScan");
    }

    @Test
    void usageImpliesHealthAndMeta() {
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults()).respond("localhost", scan());
        Control.storageScan(invoker, new StorageScanRequest(HostSet.empty(), true, false, false,
                java.util.Optional.empty()));
        StorageScanReq sent = (StorageScanReq) invoker.requests().get(0).message();
        assertThat(sent.getScm().getUsage()).isTrue();
        assertThat(sent.getNvme().getHealth()).isTrue();
        assertThat(sent.getNvme().getMeta()).isTrue();
        assertThat(sent.getNvme().getLinkStats()).isFalse();
    }

    @Test
    void networkScanGroupsAndDerivesProviders() {
        NetworkScanResp a = NetworkScanResp.newBuilder().setNumacount(2)
                .addInterfaces(FabricInterface.newBuilder().setProvider("ofi+tcp").setDevice("eth0"))
                .addInterfaces(FabricInterface.newBuilder().setProvider("ofi+verbs").setDevice("ib0")).build();
        NetworkScanResp b = NetworkScanResp.newBuilder().setNumacount(2)
                .addInterfaces(a.getInterfaces(1)).addInterfaces(a.getInterfaces(0)).build();
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .respond("wolf-71", a).respond("wolf-72", b)
                .respond("wolf-73", NetworkScanResp.getDefaultInstance());
        NetworkScanResponse resp = Control.networkScan(invoker,
                NetworkScanRequest.of(HostSet.parse("wolf-[71-73]"), "all"));
        assertThat(resp.hostFabrics()).extracting(g -> g.hosts().toRangedString())
                .containsExactly("wolf-73:10001", "wolf-[71-72]:10001");
        assertThat(resp.hostFabrics().get(1).value().providers()).containsExactly("ofi+tcp", "ofi+verbs");
        assertThat(((NetworkScanReq) invoker.requests().get(0).message()).getProvider()).isEqualTo("all");
        assertThat(resp.errors().isEmpty()).isTrue();
        assertThat(resp.errors().summary()).isEmpty();
    }

    @Test
    void listPluginsGroupsAndReportsUnscriptedHosts() {
        ListPluginsResp plugins = ListPluginsResp.newBuilder().setServerVersion("0.1.0")
                .addPlugins(PluginInfo.newBuilder().setId("scm-ram").setState(PluginInfo.State.STARTED)).build();
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .respond("n[1-2]", plugins);
        ListPluginsResponse resp = Control.listPlugins(invoker, ListPluginsRequest.of(HostSet.parse("n[1-3]")));
        assertThat(resp.hostPlugins()).singleElement().satisfies(g -> {
            assertThat(g.hosts().toRangedString()).isEqualTo("n[1-2]:10001");
            assertThat(g.value()).isEqualTo(plugins);
        });
        assertThat(resp.errors().groups()).singleElement()
                .satisfies(g -> assertThat(g.error()).contains("no scripted ListPlugins response for host n3:10001"));
    }
}
