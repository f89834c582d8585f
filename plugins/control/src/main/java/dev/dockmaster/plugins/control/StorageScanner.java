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

import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.storage.MountUsage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers {@code StorageScan} from every storage provider of the server.
 *
 * <p>SCM and NVMe are scanned independently: a provider that fails turns its part's {@code state} into
 * {@code CTL_ERR_SCM} / {@code CTL_ERR_NVME} with the failure text, while the other part answers normally. The
 * results of providers that did answer are kept, so one broken provider does not hide the others' devices.
 */
public final class StorageScanner {

    /** SCM space DAOS keeps for its own metadata files (DAOS {@code mdDaosScmBytes}). */
    static final long DAOS_METADATA_BYTES = 16L << 20;
    /** SCM space taken by the filesystem itself, ext4 or tmpfs (DAOS {@code mdFsScmBytes}). */
    static final long FILESYSTEM_OVERHEAD_BYTES = 1L << 20;
    /** The control plane's RDB on engine 0's SCM (DAOS {@code DAOS_MD_CAP} default, 128 MiB). */
    static final long RDB_BYTES = 128L << 20;
    /** The block device name of a RAM tier's namespace entry in a usage scan. */
    static final String RAMDISK = "ramdisk";

    private final StorageProviders providers;
    private final EngineHarness engines;
    private final MemInfoReader memInfo;
    private final MountStats mountStats;

    public StorageScanner(StorageProviders providers, MemInfoReader memInfo) {
        this(providers, EngineHarness.none(), memInfo);
    }

    public StorageScanner(StorageProviders providers, EngineHarness engines, MemInfoReader memInfo) {
        this(providers, engines, memInfo, MountStats.fileStore());
    }

    public StorageScanner(StorageProviders providers, EngineHarness engines, MemInfoReader memInfo,
                          MountStats mountStats) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.memInfo = Objects.requireNonNull(memInfo, "memInfo");
        this.mountStats = Objects.requireNonNull(mountStats, "mountStats");
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
        if (request.getUsage() && !engines.engines().isEmpty()) {
            usage(namespaces).forEach(response::addNamespaces);
        } else if (namespaces.isEmpty()) {
            modules.forEach(module -> response.addModules(CtlMapper.toProto(module)));
        } else {
            namespaces.forEach(namespace -> response.addNamespaces(CtlMapper.toProto(namespace, request.getUsage())));
        }
        return response.build();
    }

    /**
     * The configured SCM tiers with their mount usage, as DAOS answers a usage scan: a {@code dcpm} tier is the
     * namespace behind its {@code scm_list} device, a {@code ram} tier a {@value #RAMDISK} entry. Only engines whose
     * storage is ready (not awaiting format) have a mount to measure.
     */
    private List<dev.dockmaster.proto.ctl.ScmNamespace> usage(List<ScmNamespace> scanned) {
        List<dev.dockmaster.proto.ctl.ScmNamespace> result = new ArrayList<>();
        for (EngineView engine : engines.engines()) {
            if (engine.state() == EngineState.AWAIT_FORMAT) {
                continue;
            }
            EngineTier scm = engine.scmTier();
            Optional<MountStats.Figures> figures = mountStats.of(Path.of(scm.mountPoint()));
            if (figures.isEmpty()) {
                continue;
            }
            long total = figures.get().totalBytes();
            long available = figures.get().availableBytes();
            dev.dockmaster.proto.ctl.ScmNamespace.Mount.Builder usage = CtlMapper.toProto(
                    new MountUsage(scm.mountPoint(), scm.storageClass(), scm.devices(), total, available))
                    .toBuilder().setUsableBytes(usableBytes(available, engine));
            // The engine's rank, as DAOS reports it: dmg's "-z 50%" reckons the free space per rank from it.
            engine.rank().ifPresent(usage::setRank);
            dev.dockmaster.proto.ctl.ScmNamespace.Mount mount = usage.build();
            Optional<ScmNamespace> namespace = scanned.stream()
                    .filter(ns -> scm.devices().contains("/dev/" + ns.blockDevice())
                            || scm.devices().contains(ns.blockDevice()))
                    .findFirst();
            dev.dockmaster.proto.ctl.ScmNamespace.Builder entry = namespace
                    .map(ns -> CtlMapper.toProto(ns, false).toBuilder())
                    .orElseGet(() -> dev.dockmaster.proto.ctl.ScmNamespace.newBuilder()
                            .setBlockdev(RAMDISK).setSize(total));
            result.add(entry.setMount(mount).build());
        }
        return result;
    }

    /**
     * DAOS's usable-bytes accounting for an SCM mount without MD-on-SSD: the free space less the control plane's
     * RDB and DAOS's metadata files, less the filesystem's own overhead; never below zero. With MD-on-SSD (a bdev
     * tier with the meta role) the metadata lives on the SSD and only the filesystem overhead is taken.
     */
    static long usableBytes(long availableBytes, EngineView engine) {
        boolean mdOnSsd = engine.bdevTiers().stream().anyMatch(tier -> (tier.roleBits() & 2) != 0);
        long reserved = FILESYSTEM_OVERHEAD_BYTES + (mdOnSsd ? 0 : RDB_BYTES + DAOS_METADATA_BYTES);
        return Math.max(0, availableBytes - reserved);
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
