package dev.dockmaster.client.api;

import com.google.protobuf.Message;
import dev.dockmaster.proto.ctl.NvmeControllerResult;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ScmMountResult;
import dev.dockmaster.proto.ctl.StorageFormatResp;

import java.util.List;
import java.util.Objects;

/**
 * What one host reported formatted, as DAOS's client keeps it: the SCM mount points and NVMe devices whose state was
 * success (with the info note, or {@code CTL_SUCCESS}); failures are host errors instead.
 */
public record HostFormat(List<Mount> scmMounts, List<Device> nvmeDevices) {
    public HostFormat {
        scmMounts = List.copyOf(scmMounts);
        nvmeDevices = List.copyOf(nvmeDevices);
    }

    public record Mount(String path, String info) {
        public Mount {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(info, "info");
        }
    }

    public record Device(String pciAddress, String info, int roleBits) {
        public Device {
            Objects.requireNonNull(pciAddress, "pciAddress");
            Objects.requireNonNull(info, "info");
        }
    }

    /** What makes two hosts' results identical for grouping: the successful results in wire form. */
    Message identity() {
        StorageFormatResp.Builder b = StorageFormatResp.newBuilder();
        scmMounts.forEach(m -> b.addMrets(ScmMountResult.newBuilder().setMntpoint(m.path())
                .setState(ResponseState.newBuilder().setInfo(m.info()))));
        nvmeDevices.forEach(d -> b.addCrets(NvmeControllerResult.newBuilder().setPciAddr(d.pciAddress())
                .setRoleBits(d.roleBits()).setState(ResponseState.newBuilder().setInfo(d.info()))));
        return b.build();
    }
}
