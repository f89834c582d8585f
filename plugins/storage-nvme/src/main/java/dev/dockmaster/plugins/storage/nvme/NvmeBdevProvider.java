package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DAOS's bdev class {@code nvme}. Scan reads sysfs (works on any Linux host, no SPDK, no privilege); format wipes
 * each controller through SPDK, loaded when a format first needs it. Without SPDK's libraries a format is a
 * "SPDK not available" fault naming the fix.
 *
 * <p>DAOS does not skip an NVMe format: whether an engine's bdevs are formatted again is decided above the provider
 * (an engine with a superblock is not reformatted), so every format here wipes.
 */
final class NvmeBdevProvider implements BdevProvider {

    static final String CLASS = "nvme";
    static final int BDEV_FORMAT_UNKNOWN_CLASS = 301;

    /** A PCI address: domain (4 hex digits, more behind VMD), bus, device, function. */
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-1][0-9a-fA-F]\\.[0-7]");

    private final SysfsNvmeScanner scanner;
    private final SpdkLoader spdk;
    private SpdkFormatter formatter;

    NvmeBdevProvider(SysfsNvmeScanner scanner, SpdkLoader spdk) {
        this.scanner = scanner;
        this.spdk = spdk;
    }

    @Override
    public String name() {
        return NvmeBdevProviderFactory.NAME;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of(CLASS);
    }

    @Override
    public BdevScanResult scan(BdevScanRequest request) {
        List<NvmeController> controllers = new ArrayList<>();
        for (NvmeController controller : scanner.scan()) {
            if (request.devices().isEmpty() || request.devices().contains(controller.pciAddress())) {
                controllers.add(controller);
            }
        }
        return new BdevScanResult(controllers);
    }

    @Override
    public synchronized List<DeviceResult> format(BdevFormatRequest request) {
        if (!request.storageClass().equals(CLASS)) {
            throw new Fault("bdev", BDEV_FORMAT_UNKNOWN_CLASS, "storage class '" + request.storageClass()
                    + "' cannot be formatted by the nvme bdev provider",
                    "use bdev class nvme with PCI addresses in bdev_list, or enable the provider of class '"
                            + request.storageClass() + "'");
        }
        SpdkFormatter spdkFormatter = formatter();
        List<DeviceResult> results = new ArrayList<>();
        for (String device : request.devices()) {
            if (!PCI_ADDRESS.matcher(device).matches()) {
                results.add(DeviceResult.failed(device, "'" + device + "' is not a PCI address such as "
                        + "0000:81:00.0; fix bdev_list"));
                continue;
            }
            Optional<String> error = spdkFormatter.initEnvironment().or(() -> spdkFormatter.wipe(device));
            results.add(error.map(e -> DeviceResult.failed(device, e)).orElse(DeviceResult.done(device)));
        }
        return results;
    }

    private SpdkFormatter formatter() {
        if (formatter == null) {
            formatter = new SpdkFormatter(spdk.load());
        }
        return formatter;
    }
}
