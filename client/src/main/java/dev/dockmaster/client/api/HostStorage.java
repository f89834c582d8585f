package dev.dockmaster.client.api;

import com.google.protobuf.Message;
import dev.dockmaster.proto.ctl.MemInfo;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.ScanNvmeResp;
import dev.dockmaster.proto.ctl.ScanScmResp;
import dev.dockmaster.proto.ctl.ScmModule;
import dev.dockmaster.proto.ctl.ScmNamespace;
import dev.dockmaster.proto.ctl.StorageScanResp;

import java.util.List;
import java.util.Optional;

/**
 * One host's storage as a scan found it. A part whose scan failed is empty here and reported as a host error.
 */
public record HostStorage(List<NvmeController> nvmeDevices, List<ScmModule> scmModules,
                          List<ScmNamespace> scmNamespaces, Optional<MemInfo> memInfo) {
    public HostStorage {
        nvmeDevices = List.copyOf(nvmeDevices);
        scmModules = List.copyOf(scmModules);
        scmNamespaces = List.copyOf(scmNamespaces);
    }

    /** The message whose canonical form identifies this storage for grouping. */
    Message identity() {
        StorageScanResp.Builder b = StorageScanResp.newBuilder()
                .setNvme(ScanNvmeResp.newBuilder().addAllCtrlrs(nvmeDevices))
                .setScm(ScanScmResp.newBuilder().addAllModules(scmModules).addAllNamespaces(scmNamespaces));
        memInfo.ifPresent(b::setMemInfo);
        return b.build();
    }
}
