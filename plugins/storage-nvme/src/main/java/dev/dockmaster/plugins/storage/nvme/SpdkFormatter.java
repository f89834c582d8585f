package dev.dockmaster.plugins.storage.nvme;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Formats NVMe controllers as DAOS does: not an NVMe Format command, but a wipe that writes zeroes over LBA 0 of
 * every active namespace, through an I/O queue pair of the SPDK user-space driver. Each controller is probed and
 * attached on its own (a transport id for its PCI address), wiped, and detached.
 *
 * <p>SPDK's environment (DPDK, hugepages) is initialised once per process, the first time a format needs it.
 */
final class SpdkFormatter {

    /** Offset of the 16-bit status field (phase bit, status code, status code type) in a completion entry. */
    private static final int CPL_STATUS_OFFSET = 14;
    private static final long WIPE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final SpdkNvmeLibrary spdk;
    private final Runtime runtime;
    private boolean environmentReady;

    SpdkFormatter(SpdkNvmeLibrary spdk) {
        this.spdk = spdk;
        this.runtime = Runtime.getRuntime(spdk);
    }

    /** Initialises SPDK's environment; empty when ready, else why not. */
    synchronized Optional<String> initEnvironment() {
        if (environmentReady) {
            return Optional.empty();
        }
        // Generously sized: spdk_env_opts grows between releases and SPDK fills in what it knows.
        Pointer opts = Memory.allocateDirect(runtime, 4096, true);
        spdk.spdk_env_opts_init(opts);
        int rc = spdk.spdk_env_init(opts);
        if (rc != 0) {
            return Optional.of("spdk_env_init failed (rc " + rc + "); check hugepages and that the devices are "
                    + "bound to vfio-pci or uio_pci_generic (daos_server nvme prepare)");
        }
        environmentReady = true;
        return Optional.empty();
    }

    /** Wipes one controller's namespaces; empty on success, else the error. */
    synchronized Optional<String> wipe(String pciAddress) {
        Pointer trid = Memory.allocateDirect(runtime, 2048, true);
        if (spdk.spdk_nvme_transport_id_parse(trid, "trtype:PCIe traddr:" + pciAddress) != 0) {
            return Optional.of("SPDK cannot parse the transport id of " + pciAddress);
        }
        Pointer ctrlr = spdk.spdk_nvme_connect(trid, null, 0);
        if (ctrlr == null) {
            return Optional.of("SPDK cannot attach controller " + pciAddress
                    + " (is it bound to vfio-pci or uio_pci_generic?)");
        }
        try {
            Pointer qpair = spdk.spdk_nvme_ctrlr_alloc_io_qpair(ctrlr, null, 0);
            if (qpair == null) {
                return Optional.of("SPDK cannot allocate an I/O queue pair on " + pciAddress);
            }
            try {
                List<String> errors = new ArrayList<>();
                for (int nsid = spdk.spdk_nvme_ctrlr_get_first_active_ns(ctrlr); nsid != 0;
                     nsid = spdk.spdk_nvme_ctrlr_get_next_active_ns(ctrlr, nsid)) {
                    wipeNamespace(spdk.spdk_nvme_ctrlr_get_ns(ctrlr, nsid), qpair)
                            .ifPresent(error -> errors.add(error));
                }
                return errors.isEmpty() ? Optional.empty()
                        : Optional.of(pciAddress + ": " + String.join("; ", errors));
            } finally {
                spdk.spdk_nvme_ctrlr_free_io_qpair(qpair);
            }
        } finally {
            spdk.spdk_nvme_detach(ctrlr);
        }
    }

    private Optional<String> wipeNamespace(Pointer ns, Pointer qpair) {
        int[] status = {-1};
        SpdkNvmeLibrary.Completion done = (arg, cpl) -> status[0] = cpl.getShort(CPL_STATUS_OFFSET) & 0xffff;
        int rc = spdk.spdk_nvme_ns_cmd_write_zeroes(ns, qpair, 0, 1, done, null, 0);
        if (rc != 0) {
            return Optional.of("write zeroes could not be submitted (rc " + rc + ")");
        }
        long deadline = System.nanoTime() + WIPE_TIMEOUT_NANOS;
        while (status[0] < 0) {
            if (spdk.spdk_nvme_qpair_process_completions(qpair, 0) < 0) {
                return Optional.of("the queue pair failed while writing zeroes");
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("write zeroes did not complete in 30 s");
            }
        }
        int statusCode = (status[0] >> 1) & 0xff;
        int statusCodeType = (status[0] >> 9) & 0x7;
        return statusCode == 0 && statusCodeType == 0 ? Optional.empty()
                : Optional.of("write zeroes failed (sct " + statusCodeType + ", sc " + statusCode + ")");
    }
}
