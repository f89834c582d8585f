package dev.dockmaster.dmg;

import dev.dockmaster.proto.ctl.BioHealthResp;
import dev.dockmaster.proto.ctl.FabricInterface;
import dev.dockmaster.proto.ctl.MemInfo;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScanNvmeResp;
import dev.dockmaster.proto.ctl.ScanScmResp;
import dev.dockmaster.proto.ctl.ScmModule;
import dev.dockmaster.proto.ctl.ScmNamespace;
import dev.dockmaster.proto.ctl.SmdDevice;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.PluginInfo;

/** Scan results shaped like DAOS's mock "standard" and "pmem" hosts. */
final class Fixtures {
    private Fixtures() {
    }

    static NvmeController ctrlr(String pci, long size, int socket) {
        return NvmeController.newBuilder().setPciAddr(pci).setModel("model-1").setSerial("serial-" + pci)
                .setFwRev("fwRev-1").setSocketId(socket)
                .addNamespaces(NvmeController.Namespace.newBuilder().setId(1).setSize(size))
                .build();
    }

    /** One 1 GB PMem module (954 MiB) and one 2 TB SSD. */
    static StorageScanResp standard() {
        return StorageScanResp.newBuilder()
                .setScm(ScanScmResp.newBuilder().addModules(ScmModule.newBuilder().setPhysicalid(1).setSocketid(0)
                        .setControllerid(0).setChannelid(1).setChannelposition(2).setCapacity(1_000_000_000L)
                        .setUid("uid-1").setPartNumber("pn-1").setHealthState("Healthy")))
                .setNvme(ScanNvmeResp.newBuilder().addCtrlrs(ctrlr("0000:81:00.0", 2_000_000_000_000L, 1)))
                .setMemInfo(MemInfo.newBuilder().setHugepageSizeKb(2048))
                .build();
    }

    /** Two 1.6 TB PMem namespaces and two 0.8 TB SSDs, with SMD roles and ranks. */
    static StorageScanResp pmem() {
        NvmeController a = ctrlr("0000:d8:00.0", 800_000_000_000L, 1).toBuilder()
                .addSmdDevices(SmdDevice.newBuilder().setRank(1).setRoleBits(7)).build();
        NvmeController b = ctrlr("0000:5e:00.0", 800_000_000_000L, 0).toBuilder()
                .addSmdDevices(SmdDevice.newBuilder().setRank(0).setRoleBits(1)).build();
        return StorageScanResp.newBuilder()
                .setScm(ScanScmResp.newBuilder()
                        .addNamespaces(ScmNamespace.newBuilder().setBlockdev("pmem1").setNumaNode(1)
                                .setSize(1_600_000_000_000L))
                        .addNamespaces(ScmNamespace.newBuilder().setBlockdev("pmem0").setNumaNode(0)
                                .setSize(1_600_000_000_000L)))
                .setNvme(ScanNvmeResp.newBuilder().addCtrlrs(a).addCtrlrs(b))
                .setMemInfo(MemInfo.newBuilder().setHugepageSizeKb(2048))
                .build();
    }

    static StorageScanResp nvmeFailed() {
        return standard().toBuilder().setNvme(ScanNvmeResp.newBuilder().setState(ResponseState.newBuilder()
                .setStatus(ResponseStatus.CTL_ERR_NVME).setError("nvme scan failed"))).build();
    }

    static StorageScanResp withHealth() {
        BioHealthResp health = BioHealthResp.newBuilder().setTemperature(300).setCtrlBusyTime(90)
                .setPowerCycles(99).setPowerOnHours(9999).setUnsafeShutdowns(1).setErrLogEntries(2)
                .setTempWarn(true).setLinkPortId(1).setLinkMaxSpeed(8e9f).setLinkNegSpeed(2.5e9f)
                .setLinkMaxWidth(4).setLinkNegWidth(4).build();
        NvmeController c = ctrlr("0000:81:00.0", 2_000_000_000_000L, 1).toBuilder().setHealthStats(health).build();
        return standard().toBuilder().setNvme(ScanNvmeResp.newBuilder().addCtrlrs(c)).build();
    }

    static NetworkScanResp fabric() {
        return NetworkScanResp.newBuilder().setNumacount(2).setCorespernuma(24)
                .addInterfaces(FabricInterface.newBuilder().setProvider("ofi+tcp").setDevice("eth0").setNumanode(0))
                .addInterfaces(FabricInterface.newBuilder().setProvider("ofi+verbs").setDevice("ib0").setNumanode(0))
                .addInterfaces(FabricInterface.newBuilder().setProvider("ofi+tcp").setDevice("eth1").setNumanode(0))
                .addInterfaces(FabricInterface.newBuilder().setProvider("ofi+tcp").setDevice("eth2").setNumanode(1))
                .build();
    }

    static ListPluginsResp plugins() {
        return ListPluginsResp.newBuilder().setServerVersion("0.1.0").setDaosVersion("2.6.5")
                .addPlugins(PluginInfo.newBuilder().setId("storage-ram").setVersion("0.1.0")
                        .setState(PluginInfo.State.STARTED).setBuiltin(true).addScmProviders("ram"))
                .addPlugins(PluginInfo.newBuilder().setId("metrics").setVersion("0.2.0")
                        .setState(PluginInfo.State.FAILED).setError("port in use").addModules("prometheus"))
                .build();
    }
}
