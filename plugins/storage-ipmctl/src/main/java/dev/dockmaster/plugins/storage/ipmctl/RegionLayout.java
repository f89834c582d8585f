package dev.dockmaster.plugins.storage.ipmctl;

/** Offsets in libipmctl's {@code struct region} (x86-64, libipmctl 03.00.00.0468); checked by a test. */
final class RegionLayout {

    static final int SIZE = 128;
    static final int ISET_ID = 0;         // NVM_UINT64
    static final int TYPE = 8;            // enum region_type: 1 persistent (App Direct), 2 volatile
    static final int CAPACITY = 16;       // NVM_UINT64
    static final int FREE_CAPACITY = 24;  // NVM_UINT64
    static final int SOCKET_ID = 32;      // NVM_INT16
    static final int DIMM_COUNT = 34;     // NVM_UINT16
    static final int HEALTH = 84;         // enum region_health

    private RegionLayout() {
    }
}
