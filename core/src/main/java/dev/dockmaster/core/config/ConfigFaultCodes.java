package dev.dockmaster.core.config;

/**
 * The DAOS 2.6 fault codes that configuration problems carry, so an admin who knows DAOS recognises them. Numbers
 * are positional in DAOS's {@code fault/code/codes.go} (700 range: server configuration; 200: SCM; 300: bdev).
 * Problems DAOS reports as plain parse or validation errors use {@link #BAD_CONFIG}, as DAOS wraps them.
 */
public final class ConfigFaultCodes {
    private ConfigFaultCodes() {
    }

    // SCM (200 range)
    public static final int SCM_CONFIG_TIER_MISSING = 216;

    // bdev (300 range)
    public static final int BDEV_BAD_PCI_ADDRESS = 303;
    public static final int BDEV_DUPLICATES_IN_DEVICE_LIST = 305;
    public static final int BDEV_ACCEL_ENGINE_UNKNOWN = 307;
    public static final int BDEV_CONFIG_OPT_FLAG_UNKNOWN = 308;
    public static final int BDEV_CONFIG_TIER_TYPE_MISMATCH = 309;
    public static final int BDEV_CONFIG_ROLES_WITH_DCPM = 312;
    public static final int BDEV_CONFIG_ROLES_BAD_NR = 313;
    public static final int BDEV_CONFIG_ROLES_MISSING = 314;
    public static final int BDEV_CONFIG_MULTI_TIER_WITHOUT_ROLES = 315;
    public static final int BDEV_CONFIG_BAD_NR_TIERS_WITH_ROLES = 316;
    public static final int BDEV_CONFIG_CONTROL_METADATA_NO_ROLES = 317;
    public static final int BDEV_CONFIG_ROLES_NO_CONTROL_METADATA = 318;
    public static final int BDEV_CONFIG_ROLES_WAL_DATA_NO_META = 319;

    // server configuration (700 range)
    public static final int BAD_CONFIG = 701;
    public static final int NO_CONFIG_PATH = 702;
    public static final int BAD_CONTROL_PORT = 703;
    public static final int BAD_TELEMETRY_PORT = 704;
    public static final int BAD_ACCESS_POINTS = 705;
    public static final int EVEN_ACCESS_POINTS = 706;
    public static final int BAD_PROVIDER = 707;
    public static final int DUPLICATE_FABRIC = 709;
    public static final int DUPLICATE_LOG_FILE = 710;
    public static final int DUPLICATE_SCM_MOUNT = 711;
    public static final int DUPLICATE_SCM_DEVICE_LIST = 712;
    public static final int OVERLAPPING_BDEV_DEVICE_LIST = 713;
    public static final int TARGET_COUNT_MISMATCH = 715;
    public static final int HELPER_STREAM_COUNT_MISMATCH = 716;
    public static final int FAULT_DOMAIN_INVALID = 717;
    public static final int BOTH_FAULT_PATH_AND_CB = 722;
    public static final int FAULT_DOMAIN_TOO_MANY_LAYERS = 724;
    public static final int NR_HUGEPAGES_OUT_OF_RANGE = 725;
    public static final int HUGEPAGES_DISABLED_WITH_BDEVS = 726;
    public static final int CONTROL_METADATA_NO_PATH = 729;
    public static final int RAMDISK_UNDER_MIN_MEM = 730;
    public static final int SCM_DIFF_CLASS = 732;
    public static final int SYS_RSVD_ZERO = 734;
    public static final int BDEV_EXCLUDE_CLASH = 735;
    public static final int SCM_HUGEPAGES_DIFFER = 736;
}
