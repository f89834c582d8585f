package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScanNvmeReq;
import dev.dockmaster.proto.ctl.ScanNvmeResp;
import dev.dockmaster.proto.ctl.ScanScmReq;
import dev.dockmaster.proto.ctl.ScanScmResp;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;
import dev.dockmaster.spi.storage.StorageProviders;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers {@code StorageScan} from every storage provider of the server.
 *
 * <p>SCM and NVMe are scanned independently: a provider that fails turns its part's {@code state} into
 * {@code CTL_ERR_SCM} / {@code CTL_ERR_NVME} with the failure text, while the other part answers normally. The
 * results of providers that did answer are kept, so one broken provider does not hide the others' devices.
 */
public final class StorageScanner {

    private final StorageProviders providers;
    private final MemInfoReader memInfo;

    public StorageScanner(StorageProviders providers, MemInfoReader memInfo) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.memInfo = Objects.requireNonNull(memInfo, "memInfo");
    }

    public StorageScanResp scan(StorageScanReq request) {
        return StorageScanResp.newBuilder()
                .setScm(scanScm(request.getScm()))
                .setNvme(scanNvme(request.getNvme()))
                .setMemInfo(memInfo.read())
                .build();
    }

    /**
     * Modules when no namespaces exist, otherwise namespaces only (DAOS shows the DIMMs only until they are
     * provisioned). Mount details are added only for a usage scan.
     */
    private ScanScmResp scanScm(ScanScmReq request) {
        List<ScmModule> modules = new ArrayList<>();
        List<ScmNamespace> namespaces = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ScmProvider provider : providers.scm()) {
            try {
                ScmScanResult result = provider.scan(ScmScanRequest.all());
                modules.addAll(result.modules());
                namespaces.addAll(result.namespaces());
            } catch (Fault fault) {
                errors.add(fault.describe());
            } catch (RuntimeException e) {
                errors.add(unexpected("SCM", provider.name(), e));
            }
        }

        ScanScmResp.Builder response = ScanScmResp.newBuilder()
                .setState(state(errors, ResponseStatus.CTL_ERR_SCM));
        if (namespaces.isEmpty()) {
            modules.forEach(module -> response.addModules(CtlMapper.toProto(module)));
        } else {
            namespaces.forEach(namespace -> response.addNamespaces(CtlMapper.toProto(namespace, request.getUsage())));
        }
        return response.build();
    }

    /**
     * Every provider's controllers. {@code Health} asks the providers for health logs; {@code Basic} keeps only the
     * topology (PCI address, socket, namespaces) as DAOS does, dropping model, serial, firmware and health.
     */
    private ScanNvmeResp scanNvme(ScanNvmeReq request) {
        boolean basic = request.getBasic();
        boolean health = request.getHealth() && !basic;
        List<NvmeController> controllers = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (BdevProvider provider : providers.bdev()) {
            try {
                BdevScanResult result = provider.scan(new BdevScanRequest(List.of(), health));
                controllers.addAll(result.controllers());
            } catch (Fault fault) {
                errors.add(fault.describe());
            } catch (RuntimeException e) {
                errors.add(unexpected("NVMe", provider.name(), e));
            }
        }

        ScanNvmeResp.Builder response = ScanNvmeResp.newBuilder()
                .setState(state(errors, ResponseStatus.CTL_ERR_NVME));
        for (NvmeController controller : controllers) {
            dev.dockmaster.proto.ctl.NvmeController.Builder proto = CtlMapper.toProto(controller).toBuilder();
            if (!health) {
                // A provider may report health it was not asked for; the flag decides what goes on the wire.
                proto.clearHealthStats();
            }
            if (basic) {
                proto.clearModel().clearSerial().clearFwRev();
            }
            response.addCtrlrs(proto);
        }
        return response.build();
    }

    private static ResponseState state(List<String> errors, ResponseStatus failed) {
        return errors.isEmpty() ? CtlMapper.success() : CtlMapper.error(failed, String.join("; ", errors));
    }

    /** A provider bug (not a fault) still becomes a readable state rather than a failed RPC. */
    private static String unexpected(String part, String provider, RuntimeException e) {
        return part + " provider '" + provider + "' failed unexpectedly: " + e;
    }
}
