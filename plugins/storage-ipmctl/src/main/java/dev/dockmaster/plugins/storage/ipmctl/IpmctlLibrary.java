package dev.dockmaster.plugins.storage.ipmctl;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;
import jnr.ffi.types.u_int8_t;

/**
 * The part of libipmctl's C API ({@code nvm_management.h}) that discovery uses, bound with jnr-ffi. Structures are
 * read from raw memory at the offsets of {@link DeviceDiscoveryLayout} and {@link RegionLayout}.
 *
 * <p>Every call returns an {@code NVM_*} status: 0 is success. On a host without PMem, {@code nvm_init} succeeds and
 * the device count is 0.
 */
public interface IpmctlLibrary {

    int nvm_init();

    void nvm_uninit();

    /** Writes the library version, such as {@code 03.00.00.0468}, into {@code version} ({@code NVM_VERSION}). */
    int nvm_get_version(Pointer version, @size_t long length);

    /** {@code unsigned int *count}. */
    int nvm_get_number_of_devices(Pointer count);

    /** {@code struct device_discovery *devices, const NVM_UINT8 count}. */
    int nvm_get_devices(Pointer devices, @u_int8_t byte count);

    /** {@code const NVM_BOOL use_nfit, NVM_UINT8 *count}. */
    int nvm_get_number_of_regions_ex(@u_int8_t byte useNfit, Pointer count);

    /** {@code const NVM_BOOL use_nfit, struct region *regions, NVM_UINT8 *count} (in: capacity, out: filled). */
    int nvm_get_regions_ex(@u_int8_t byte useNfit, Pointer regions, Pointer count);
}
