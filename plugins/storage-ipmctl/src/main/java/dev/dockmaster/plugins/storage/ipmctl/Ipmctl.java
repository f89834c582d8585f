package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.ScmModule;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PMem discovery through libipmctl: the library version, the modules ({@code nvm_get_devices}) and the regions
 * ({@code nvm_get_regions_ex}). The library is loaded and initialised on first use and released by {@link #close()}.
 * libipmctl is not thread-safe, so every call is serialised.
 */
final class Ipmctl implements AutoCloseable {

    /** DAOS's "missing software dependency" code. */
    static final int MISSING_SOFTWARE_DEPENDENCY = 1;
    /** DAOS's "SCM discovery failed" code. */
    static final int SCM_DISCOVERY_FAILED = 208;
    /** libipmctl's NVM_ERR_INVALID_PERMISSIONS. */
    static final int NVM_ERR_INVALID_PERMISSIONS = 268;

    /** What libipmctl reports about this host. */
    record Inventory(String version, List<ScmModule> modules, List<PmemRegion> regions) {
        Inventory {
            modules = List.copyOf(modules);
            regions = List.copyOf(regions);
        }
    }

    private final List<String> libraries;
    private IpmctlLibrary library;
    private Runtime runtime;
    private boolean initialised;

    /** @param libraries names or paths to try, in order; the first that loads is used */
    Ipmctl(List<String> libraries) {
        this.libraries = List.copyOf(libraries);
    }

    synchronized Inventory discover() {
        IpmctlLibrary nvm = initialised();
        List<ScmModule> modules = modules(nvm);
        // Regions exist only on modules: libipmctl answers NVM_ERR_UNKNOWN to a region count on a host without
        // PMem, so (as DAOS does) regions are only asked for when there are modules.
        return new Inventory(version(nvm), modules, modules.isEmpty() ? List.of() : regions(nvm));
    }

    private IpmctlLibrary initialised() {
        if (library == null) {
            library = load();
            runtime = Runtime.getRuntime(library);
        }
        if (!initialised) {
            check(library.nvm_init(), "nvm_init");
            initialised = true;
        }
        return library;
    }

    private IpmctlLibrary load() {
        List<String> errors = new ArrayList<>();
        for (String name : libraries) {
            try {
                return LibraryLoader.create(IpmctlLibrary.class).failImmediately().load(name);
            } catch (LinkageError | RuntimeException e) {
                errors.add(name + ": " + firstLine(e.getMessage()));
            }
        }
        throw new Fault("scm", MISSING_SOFTWARE_DEPENDENCY, "libipmctl not available, PMem cannot be discovered ("
                + String.join("; ", errors) + ")",
                "install libipmctl (Debian and Ubuntu: apt-get install libipmctl5 ipmctl ndctl; RHEL: dnf install "
                        + "ipmctl ndctl), or set plugin.storage-ipmctl.libraries to its path");
    }

    private String version(IpmctlLibrary nvm) {
        Pointer buffer = Memory.allocateDirect(runtime, DeviceDiscoveryLayout.FW_REVISION_LEN, true);
        check(nvm.nvm_get_version(buffer, DeviceDiscoveryLayout.FW_REVISION_LEN), "nvm_get_version");
        return buffer.getString(0, DeviceDiscoveryLayout.FW_REVISION_LEN, StandardCharsets.US_ASCII);
    }

    private List<ScmModule> modules(IpmctlLibrary nvm) {
        Pointer countOut = Memory.allocateDirect(runtime, Integer.BYTES, true);
        check(nvm.nvm_get_number_of_devices(countOut), "nvm_get_number_of_devices");
        int count = countOut.getInt(0);
        if (count <= 0) {
            return List.of();
        }
        // nvm_get_devices takes an 8-bit count; no platform has more than 255 modules (24 per socket).
        int asked = Math.min(count, 255);
        Pointer devices = Memory.allocateDirect(runtime, (long) asked * DeviceDiscoveryLayout.SIZE, true);
        check(nvm.nvm_get_devices(devices, (byte) asked), "nvm_get_devices");
        List<ScmModule> modules = new ArrayList<>(asked);
        for (int i = 0; i < asked; i++) {
            modules.add(module(devices.slice((long) i * DeviceDiscoveryLayout.SIZE, DeviceDiscoveryLayout.SIZE)));
        }
        return modules;
    }

    /** One {@code struct device_discovery}. */
    static ScmModule module(Pointer d) {
        return new ScmModule(
                u16(d, DeviceDiscoveryLayout.CHANNEL_ID),
                u16(d, DeviceDiscoveryLayout.CHANNEL_POS),
                u16(d, DeviceDiscoveryLayout.MEMORY_CONTROLLER_ID),
                u16(d, DeviceDiscoveryLayout.SOCKET_ID),
                u16(d, DeviceDiscoveryLayout.PHYSICAL_ID),
                d.getLongLong(DeviceDiscoveryLayout.CAPACITY),
                text(d, DeviceDiscoveryLayout.UID, DeviceDiscoveryLayout.UID_LEN),
                text(d, DeviceDiscoveryLayout.PART_NUMBER, DeviceDiscoveryLayout.PART_NUMBER_LEN),
                text(d, DeviceDiscoveryLayout.FW_REVISION, DeviceDiscoveryLayout.FW_REVISION_LEN),
                "");
    }

    private List<PmemRegion> regions(IpmctlLibrary nvm) {
        byte useNfit = 0;
        Pointer countInOut = Memory.allocateDirect(runtime, 1, true);
        check(nvm.nvm_get_number_of_regions_ex(useNfit, countInOut), "nvm_get_number_of_regions_ex");
        int count = countInOut.getByte(0) & 0xff;
        if (count == 0) {
            return List.of();
        }
        Pointer regions = Memory.allocateDirect(runtime, (long) count * RegionLayout.SIZE, true);
        check(nvm.nvm_get_regions_ex(useNfit, regions, countInOut), "nvm_get_regions_ex");
        int filled = Math.min(count, countInOut.getByte(0) & 0xff);
        List<PmemRegion> result = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            result.add(region(regions.slice((long) i * RegionLayout.SIZE, RegionLayout.SIZE)));
        }
        return result;
    }

    /** One {@code struct region}. */
    static PmemRegion region(Pointer r) {
        return new PmemRegion(r.getLongLong(RegionLayout.ISET_ID), r.getInt(RegionLayout.TYPE) == 1,
                r.getLongLong(RegionLayout.CAPACITY), r.getLongLong(RegionLayout.FREE_CAPACITY),
                r.getShort(RegionLayout.SOCKET_ID), u16(r, RegionLayout.DIMM_COUNT));
    }

    private static int u16(Pointer p, int offset) {
        return p.getShort(offset) & 0xffff;
    }

    private static String text(Pointer p, int offset, int maxLength) {
        return p.getString(offset, maxLength, StandardCharsets.US_ASCII).trim();
    }

    private static void check(int status, String call) {
        if (status == 0) {
            return;
        }
        if (status == NVM_ERR_INVALID_PERMISSIONS) {
            throw new Fault("scm", SCM_DISCOVERY_FAILED, call + " failed: not permitted (NVM error " + status + ")",
                    "run daos_server as root: libipmctl needs administrative privileges");
        }
        throw new Fault("scm", SCM_DISCOVERY_FAILED, call + " failed with NVM error " + status,
                "run 'ipmctl show -dimm' on the host to see what the PMem modules report");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public synchronized void close() {
        if (initialised) {
            library.nvm_uninit();
            initialised = false;
        }
    }
}
