package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.BioHealthResp;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeHealth;
import dev.dockmaster.spi.storage.NvmeNamespace;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;

import java.util.Optional;

/**
 * Converts between the SPI's storage records and the {@code ctl} wire messages, in both directions. Proto types that
 * share a simple name with an SPI record ({@code ScmModule}, {@code ScmNamespace}, {@code NvmeController}) are
 * written fully qualified.
 *
 * <p>proto3 has no "absent" for scalars and strings: an SPI {@code Optional} maps to an unset sub-message, and empty
 * strings stay empty strings.
 */
public final class CtlMapper {

    private CtlMapper() {
    }

    // ---- response states ----

    public static ResponseState success() {
        return ResponseState.newBuilder().setStatus(ResponseStatus.CTL_SUCCESS).build();
    }

    public static ResponseState error(ResponseStatus status, String error) {
        return ResponseState.newBuilder().setStatus(status).setError(error).build();
    }

    /** A provider's fault as DAOS prints it to an operator: domain, code, description and resolution. */
    public static ResponseState error(ResponseStatus status, Fault fault) {
        return error(status, fault.describe());
    }

    /**
     * The state of one device operation: done is success, skipped is success with the reason as {@code info} (as
     * DAOS's "SCM is already formatted"), failed is {@code failedStatus} with the message as {@code error}.
     */
    public static ResponseState toProto(DeviceResult result, ResponseStatus failedStatus) {
        return switch (result.outcome()) {
            case DONE -> success();
            case SKIPPED -> ResponseState.newBuilder().setStatus(ResponseStatus.CTL_SUCCESS)
                    .setInfo(result.message()).build();
            case FAILED -> error(failedStatus, result.message());
        };
    }

    // ---- SCM ----

    public static dev.dockmaster.proto.ctl.ScmModule toProto(ScmModule module) {
        return dev.dockmaster.proto.ctl.ScmModule.newBuilder()
                .setChannelid(module.channelId())
                .setChannelposition(module.channelPosition())
                .setControllerid(module.controllerId())
                .setSocketid(module.socketId())
                .setPhysicalid(module.physicalId())
                .setCapacity(module.capacityBytes())
                .setUid(module.uid())
                .setPartNumber(module.partNumber())
                .setFirmwareRevision(module.firmwareRevision())
                .setHealthState(module.healthState())
                .build();
    }

    public static ScmModule fromProto(dev.dockmaster.proto.ctl.ScmModule module) {
        return new ScmModule(module.getChannelid(), module.getChannelposition(), module.getControllerid(),
                module.getSocketid(), module.getPhysicalid(), module.getCapacity(), module.getUid(),
                module.getPartNumber(), module.getFirmwareRevision(), module.getHealthState());
    }

    /** A namespace, with its mount only when {@code withMount} (DAOS adds mounts only for a usage scan). */
    public static dev.dockmaster.proto.ctl.ScmNamespace toProto(ScmNamespace namespace, boolean withMount) {
        dev.dockmaster.proto.ctl.ScmNamespace.Builder proto = dev.dockmaster.proto.ctl.ScmNamespace.newBuilder()
                .setUuid(namespace.uuid())
                .setBlockdev(namespace.blockDevice())
                .setDev(namespace.device())
                .setNumaNode(namespace.numaNode())
                .setSize(namespace.sizeBytes());
        if (withMount) {
            namespace.mount().ifPresent(mount -> proto.setMount(toProto(mount)));
        }
        return proto.build();
    }

    public static ScmNamespace fromProto(dev.dockmaster.proto.ctl.ScmNamespace namespace) {
        Optional<MountUsage> mount = namespace.hasMount() ? Optional.of(fromProto(namespace.getMount()))
                : Optional.empty();
        return new ScmNamespace(namespace.getUuid(), namespace.getBlockdev(), namespace.getDev(),
                namespace.getNumaNode(), namespace.getSize(), mount);
    }

    public static dev.dockmaster.proto.ctl.ScmNamespace.Mount toProto(MountUsage mount) {
        return dev.dockmaster.proto.ctl.ScmNamespace.Mount.newBuilder()
                .setPath(mount.path())
                .setClass_(mount.storageClass())
                .addAllDeviceList(mount.devices())
                .setTotalBytes(mount.totalBytes())
                .setAvailBytes(mount.availableBytes())
                .build();
    }

    public static MountUsage fromProto(dev.dockmaster.proto.ctl.ScmNamespace.Mount mount) {
        return new MountUsage(mount.getPath(), mount.getClass_(), mount.getDeviceListList(), mount.getTotalBytes(),
                mount.getAvailBytes());
    }

    // ---- NVMe ----

    /** A controller with every detail the SPI has, health included when present. */
    public static dev.dockmaster.proto.ctl.NvmeController toProto(NvmeController controller) {
        dev.dockmaster.proto.ctl.NvmeController.Builder proto = dev.dockmaster.proto.ctl.NvmeController.newBuilder()
                .setModel(controller.model())
                .setSerial(controller.serial())
                .setPciAddr(controller.pciAddress())
                .setFwRev(controller.firmwareRevision())
                .setSocketId(controller.socketId())
                .setVendorId(controller.vendorId())
                .setPciDevType(controller.pciDeviceType());
        for (NvmeNamespace namespace : controller.namespaces()) {
            proto.addNamespaces(dev.dockmaster.proto.ctl.NvmeController.Namespace.newBuilder()
                    .setId(namespace.id())
                    .setSize(namespace.sizeBytes())
                    .setCtrlrPciAddr(controller.pciAddress()));
        }
        controller.health().ifPresent(health -> proto.setHealthStats(toProto(health)));
        return proto.build();
    }

    public static NvmeController fromProto(dev.dockmaster.proto.ctl.NvmeController controller) {
        Optional<NvmeHealth> health = controller.hasHealthStats()
                ? Optional.of(fromProto(controller.getHealthStats())) : Optional.empty();
        return new NvmeController(controller.getModel(), controller.getSerial(), controller.getPciAddr(),
                controller.getFwRev(), controller.getSocketId(), controller.getVendorId(),
                controller.getPciDevType(),
                controller.getNamespacesList().stream()
                        .map(namespace -> new NvmeNamespace(namespace.getId(), namespace.getSize()))
                        .toList(),
                health);
    }

    public static BioHealthResp toProto(NvmeHealth health) {
        return BioHealthResp.newBuilder()
                .setTemperature(health.temperatureKelvin())
                .setPowerCycles(health.powerCycles())
                .setPowerOnHours(health.powerOnHours())
                .setUnsafeShutdowns(health.unsafeShutdowns())
                .setMediaErrs(health.mediaErrors())
                .setErrLogEntries(health.errorLogEntries())
                .setTempWarn(health.temperatureWarning())
                .setAvailSpareWarn(health.spareWarning())
                .setDevReliabilityWarn(health.reliabilityWarning())
                .setReadOnlyWarn(health.readOnlyWarning())
                .build();
    }

    public static NvmeHealth fromProto(BioHealthResp health) {
        return new NvmeHealth(health.getTemperature(), health.getPowerCycles(), health.getPowerOnHours(),
                health.getUnsafeShutdowns(), health.getMediaErrs(), health.getErrLogEntries(), health.getTempWarn(),
                health.getAvailSpareWarn(), health.getDevReliabilityWarn(), health.getReadOnlyWarn());
    }
}
