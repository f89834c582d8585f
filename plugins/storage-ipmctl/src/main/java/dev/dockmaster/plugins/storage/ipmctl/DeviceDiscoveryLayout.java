package dev.dockmaster.plugins.storage.ipmctl;

/**
 * Where the fields DAOS reports live in libipmctl's {@code struct device_discovery} (x86-64, libipmctl
 * 03.00.00.0468, {@code nvm_management.h}). {@code src/test/c/layout.c} prints them from the header and a test
 * compares.
 */
final class DeviceDiscoveryLayout {

    static final int SIZE = 256;
    static final int PHYSICAL_ID = 8;          // NVM_UINT16
    static final int CHANNEL_POS = 16;         // NVM_UINT16
    static final int CHANNEL_ID = 18;          // NVM_UINT16
    static final int MEMORY_CONTROLLER_ID = 20; // NVM_UINT16
    static final int SOCKET_ID = 22;           // NVM_UINT16
    static final int PART_NUMBER = 52;         // char[NVM_PART_NUM_LEN = 21]
    static final int PART_NUMBER_LEN = 21;
    static final int FW_REVISION = 73;         // NVM_VERSION: char[NVM_VERSION_LEN = 25]
    static final int FW_REVISION_LEN = 25;
    static final int CAPACITY = 128;           // NVM_UINT64, bytes
    static final int UID = 170;                // NVM_UID: char[NVM_MAX_UID_LEN = 22]
    static final int UID_LEN = 22;

    private DeviceDiscoveryLayout() {
    }
}
