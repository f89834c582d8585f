package dev.dockmaster.plugins.storage.nvme;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;

/**
 * The part of SPDK's env and NVMe driver API ({@code spdk/env.h}, {@code spdk/nvme.h}) that format uses, bound with
 * jnr-ffi. Structures are handled as opaque memory that SPDK itself initialises ({@code spdk_env_opts_init},
 * {@code spdk_nvme_transport_id_parse}), so the binding does not depend on their layout across SPDK releases.
 */
public interface SpdkNvmeLibrary {

    void spdk_env_opts_init(Pointer opts);

    int spdk_env_init(Pointer opts);

    void spdk_env_fini();

    /** Fills a transport id from {@code "trtype:PCIe traddr:0000:81:00.0"}. */
    int spdk_nvme_transport_id_parse(Pointer trid, String text);

    /** Probes and attaches the one controller at {@code trid}; null when it cannot. */
    Pointer spdk_nvme_connect(Pointer trid, Pointer opts, long optsSize);

    int spdk_nvme_detach(Pointer ctrlr);

    int spdk_nvme_ctrlr_get_first_active_ns(Pointer ctrlr);

    int spdk_nvme_ctrlr_get_next_active_ns(Pointer ctrlr, int previousNsid);

    Pointer spdk_nvme_ctrlr_get_ns(Pointer ctrlr, int nsid);

    Pointer spdk_nvme_ctrlr_alloc_io_qpair(Pointer ctrlr, Pointer opts, long optsSize);

    int spdk_nvme_ctrlr_free_io_qpair(Pointer qpair);

    int spdk_nvme_ns_cmd_write_zeroes(Pointer ns, Pointer qpair, long lba, int lbaCount, Completion callback,
                                      Pointer callbackArg, int ioFlags);

    int spdk_nvme_qpair_process_completions(Pointer qpair, int maxCompletions);

    /** {@code spdk_nvme_cmd_cb}: called from process_completions with the completion queue entry. */
    interface Completion {
        @Delegate
        void complete(Pointer callbackArg, Pointer completion);
    }
}
