package dev.dockmaster.core.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.dockmaster.core.config.ConfigFaultCodes.BAD_CONFIG;

/**
 * Reads and checks one engine's {@code storage} list: the per-class keys of each tier and the rules between tiers
 * (SCM first and only once, no real NVMe mixed with emulated NVMe, MD-on-SSD roles and control metadata).
 */
final class StorageTierRules {
    private StorageTierRules() {
    }

    private static final int MIN_RAMDISK_GIB = 4;
    private static final int MAX_BDEV_TIERS_WITHOUT_ROLES = 1;
    private static final int MAX_BDEV_TIERS_WITH_ROLES = 3;

    static List<StorageTier> read(Block engine, ControlMetadata metadata) {
        List<Block> blocks = engine.blocks("storage");
        if (blocks.isEmpty()) {
            engine.problem("storage", BAD_CONFIG, "no storage tiers configured",
                    "add a 'storage' list whose first tier is SCM (class ram or dcpm)");
            return List.of();
        }
        List<StorageTier> tiers = new ArrayList<>();
        boolean allClassesKnown = true;
        for (int i = 0; i < blocks.size(); i++) {
            Optional<StorageTier> tier = readTier(blocks.get(i), i);
            tier.ifPresent(tiers::add);
            allClassesKnown &= tier.isPresent();
        }
        if (allClassesKnown) {
            checkTierStructure(engine, tiers, metadata);
        }
        return tiers;
    }

    private static Optional<StorageTier> readTier(Block tier, int index) {
        tier.checkKeys(ConfigSchema.TIER);
        if (!tier.isSet("class")) {
            tier.problem("class", BAD_CONFIG, "no storage class set",
                    "set 'class' to one of " + String.join(", ", StorageClass.configNames()));
            return Optional.empty();
        }
        String className = tier.string("class", "");
        Optional<StorageClass> storageClass = StorageClass.fromConfigName(className);
        if (storageClass.isEmpty()) {
            tier.problem("class", BAD_CONFIG, "unsupported storage class \"" + className + "\""
                            + DidYouMean.hint(className, StorageClass.configNames()),
                    "use one of " + String.join(", ", StorageClass.configNames()));
            return Optional.empty();
        }
        StorageClass cls = storageClass.get();
        String scmMount = tier.string("scm_mount", "");
        List<String> scmList = tier.strings("scm_list");
        int scmSize = tier.integer("scm_size", 0);
        boolean scmHugepagesDisabled = tier.bool("scm_hugepages_disabled", false);
        List<String> bdevList = tier.strings("bdev_list");
        int bdevSize = tier.integer("bdev_size", 0);
        int bdevNumber = tier.integer("bdev_number", 0);
        String busidRange = tier.string("bdev_busid_range", "");
        Set<BdevRole> roles = readRoles(tier);

        if (cls.isScm()) {
            checkScmTier(tier, cls, scmMount, scmList, scmSize);
        } else {
            checkBdevTier(tier, cls, bdevList, bdevSize, busidRange);
        }
        return Optional.of(new StorageTier(index, cls, scmMount, scmList, scmSize, scmHugepagesDisabled, bdevList,
                bdevSize, bdevNumber, busidRange, roles));
    }

    private static void checkScmTier(Block tier, StorageClass cls, String scmMount, List<String> scmList,
                                     int scmSize) {
        String name = cls.configName();
        forbid(tier, ConfigSchema.BDEV_TIER_KEYS, "an SCM tier (class " + name + ")");
        if (scmMount.isEmpty()) {
            tier.problem("scm_mount", BAD_CONFIG, "no scm_mount set for class " + name,
                    "set 'scm_mount' to the directory where this engine's SCM is mounted, e.g. /mnt/daos0");
        }
        if (cls == StorageClass.DCPM) {
            if (tier.isSet("scm_size")) {
                tier.problem("scm_size", BAD_CONFIG, "scm_size may not be set when class is dcpm",
                        "remove 'scm_size'; the PMem namespace size is used");
            }
            if (tier.isSet("scm_hugepages_disabled")) {
                tier.problem("scm_hugepages_disabled", BAD_CONFIG,
                        "scm_hugepages_disabled may not be set when class is dcpm",
                        "remove 'scm_hugepages_disabled'; it applies to class ram only");
            }
            if (scmList.isEmpty()) {
                tier.problem("scm_list", BAD_CONFIG, "scm_list must be set when class is dcpm",
                        "set 'scm_list' to the engine's PMem device, e.g. [/dev/pmem0]");
            } else if (scmList.size() > 1) {
                tier.problem("scm_list", BAD_CONFIG, "scm_list may have at most 1 device, found " + scmList.size(),
                        "list exactly one PMem namespace per engine");
            }
        } else {
            if (!scmList.isEmpty()) {
                tier.problem("scm_list", BAD_CONFIG, "scm_list may not be set when class is ram",
                        "remove 'scm_list', or use class dcpm for PMem");
            }
            if (scmSize < 0) {
                tier.problem("scm_size", BAD_CONFIG, "scm_size must not be negative",
                        "remove 'scm_size' to size the ramdisk automatically, or give GiB ≥ " + MIN_RAMDISK_GIB);
            } else if (scmSize != 0 && scmSize < MIN_RAMDISK_GIB) {
                tier.problem("scm_size", ConfigFaultCodes.RAMDISK_UNDER_MIN_MEM,
                        "configured ram-disk size " + scmSize + " GiB is lower than the minimum ("
                                + MIN_RAMDISK_GIB + " GiB) required for SCM",
                        "remove the 'scm_size' parameter so it can be automatically set or set it to "
                                + MIN_RAMDISK_GIB + " or more");
            }
        }
    }

    private static void checkBdevTier(Block tier, StorageClass cls, List<String> bdevList, int bdevSize,
                                      String busidRange) {
        String name = cls.configName();
        forbid(tier, ConfigSchema.SCM_TIER_KEYS, "a bdev tier (class " + name + ")");
        if (bdevSize < 0) {
            tier.problem("bdev_size", BAD_CONFIG, "bdev_size must not be negative", "give the file size in GiB");
        }
        if (bdevList.isEmpty()) {
            String example = switch (cls) {
                case NVME -> "[\"0000:81:00.0\"]";
                case FILE -> "[/tmp/daos-bdev0]";
                default -> "[/dev/sdb]";
            };
            tier.problem("bdev_list", BAD_CONFIG, "class " + name + " requires a non-empty bdev_list",
                    "set 'bdev_list', e.g. " + example);
        }
        Set<String> seen = new HashSet<>();
        boolean anyPci = false;
        boolean anyOther = false;
        for (String entry : bdevList) {
            String canonical = PciAddress.looksLikePci(entry) ? PciAddress.canonical(entry) : entry;
            if (!seen.add(canonical)) {
                tier.problem("bdev_list", ConfigFaultCodes.BDEV_DUPLICATES_IN_DEVICE_LIST,
                        "duplicate entry \"" + entry + "\" in bdev_list", "list each device once");
            }
            if (PciAddress.looksLikePci(entry)) {
                anyPci = true;
                if (!PciAddress.isValid(entry)) {
                    tier.problem("bdev_list", ConfigFaultCodes.BDEV_BAD_PCI_ADDRESS,
                            "invalid PCI address \"" + entry + "\"",
                            "write PCI addresses as DDDD:BB:DD.F in hexadecimal, e.g. 0000:81:00.0");
                }
            } else {
                anyOther = true;
            }
        }
        if (anyPci && anyOther) {
            tier.problem("bdev_list", BAD_CONFIG, "bdev_list mixes PCI addresses and other device names",
                    "use PCI addresses only (class nvme) or paths only (class file or kdev)");
        } else if (cls == StorageClass.NVME && anyOther) {
            tier.problem("bdev_list", BAD_CONFIG, "class nvme requires PCI addresses in bdev_list",
                    "list NVMe controllers by PCI address, e.g. 0000:81:00.0, or use class file/kdev for paths");
        }
        if (cls == StorageClass.FILE && bdevSize == 0) {
            tier.problem("bdev_size", BAD_CONFIG, "class file requires a non-zero bdev_size",
                    "set 'bdev_size' to the size in GiB of each emulated NVMe file");
        }
        if (!busidRange.isEmpty() && !isValidBusRange(busidRange)) {
            tier.problem("bdev_busid_range", BAD_CONFIG, "invalid bdev_busid_range \"" + busidRange + "\"",
                    "write BEGIN-END bus numbers between 0 and 0xff with BEGIN ≤ END, e.g. 0x80-0x8f");
        }
    }

    private static void forbid(Block tier, Set<String> keys, String what) {
        keys.stream().sorted().filter(tier::isSet).forEach(key -> tier.problem(key, BAD_CONFIG,
                key + " does not apply to " + what,
                "remove '" + key + "' or move it to a tier of the right class"));
    }

    private static Set<BdevRole> readRoles(Block tier) {
        Set<BdevRole> roles = EnumSet.noneOf(BdevRole.class);
        for (String name : tier.strings("bdev_roles")) {
            if (name.isEmpty() || name.equalsIgnoreCase("na")) {
                continue;
            }
            Optional<BdevRole> role = BdevRole.fromConfigName(name);
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                tier.problem("bdev_roles", ConfigFaultCodes.BDEV_CONFIG_OPT_FLAG_UNKNOWN,
                        "unknown bdev role \"" + name + "\"" + DidYouMean.hint(name, BdevRole.configNames()),
                        "use roles among " + String.join(", ", BdevRole.configNames()));
            }
        }
        return roles;
    }

    private static boolean isValidBusRange(String range) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
            return false;
        }
        try {
            int begin = parseBus(ends[0].trim());
            int end = parseBus(ends[1].trim());
            return begin <= end;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int parseBus(String text) {
        int value = text.startsWith("0x") || text.startsWith("0X")
                ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
        if (value < 0 || value > 0xff) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    private static void checkTierStructure(Block engine, List<StorageTier> tiers, ControlMetadata metadata) {
        List<StorageTier> scm = tiers.stream().filter(StorageTier::isScm).toList();
        List<StorageTier> bdevs = tiers.stream().filter(StorageTier::isBdev).toList();
        String storageKey = "storage";
        if (scm.isEmpty()) {
            engine.problem(storageKey, ConfigFaultCodes.SCM_CONFIG_TIER_MISSING,
                    "missing scm storage tier in engine storage config",
                    "add a scm tier (class ram or dcpm) in the first position of the engine storage tiers list");
            return;
        }
        if (scm.size() > 1) {
            engine.problem(storageKey, BAD_CONFIG, "found " + scm.size() + " SCM tiers, only one is allowed",
                    "keep a single tier of class ram or dcpm, first in the list");
        }
        if (!tiers.get(0).isScm()) {
            engine.problem(storageKey, BAD_CONFIG, "first storage tier is not scm (class ram or dcpm)",
                    "move the SCM tier to the first position of the storage list");
        }
        boolean realNvme = bdevs.stream().anyMatch(t -> t.storageClass() == StorageClass.NVME);
        boolean emulated = bdevs.stream().anyMatch(t -> t.storageClass().isEmulatedNvme());
        if (realNvme && emulated) {
            engine.problem(storageKey, ConfigFaultCodes.BDEV_CONFIG_TIER_TYPE_MISMATCH,
                    "bdev tiers found with both emulated (file, kdev) and non-emulated (nvme) NVMe in one engine",
                    "use either nvme tiers or file/kdev tiers in an engine, not a mix of both");
        }
        checkRoles(engine, scm.get(0), bdevs);
        checkControlMetadata(engine, bdevs, metadata);
    }

    /** MD-on-SSD role rules, in DAOS's order; only the first broken rule is reported, as later ones follow from it. */
    private static void checkRoles(Block engine, StorageTier scm, List<StorageTier> bdevs) {
        int wal = 0;
        int meta = 0;
        int data = 0;
        for (int i = 0; i < bdevs.size(); i++) {
            Set<BdevRole> roles = bdevs.get(i).bdevRoles();
            boolean seenRoles = wal + meta + data > 0;
            if (roles.isEmpty() ? seenRoles : (i != 0 && !seenRoles)) {
                engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_ROLES_MISSING,
                        "bdev tier MD-on-SSD roles have been specified on some but not all bdev tiers",
                        "set 'bdev_roles' on all bdev tiers or on none");
                return;
            }
            if (roles.contains(BdevRole.WAL) && roles.contains(BdevRole.DATA) && !roles.contains(BdevRole.META)) {
                engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_ROLES_WAL_DATA_NO_META,
                        "WAL and Data MD-on-SSD roles have been specified on a bdev tier without Meta role",
                        "assign roles without the unsupported wal+data combination, e.g. wal / meta,data");
                return;
            }
            wal += roles.contains(BdevRole.WAL) ? 1 : 0;
            meta += roles.contains(BdevRole.META) ? 1 : 0;
            data += roles.contains(BdevRole.DATA) ? 1 : 0;
        }
        if (wal + meta + data == 0) {
            if (bdevs.size() > MAX_BDEV_TIERS_WITHOUT_ROLES) {
                engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_MULTI_TIER_WITHOUT_ROLES,
                        "multiple bdev tiers but MD-on-SSD roles have not been specified",
                        "set 'bdev_roles' on all bdev tiers or use a single bdev tier");
            }
            return;
        }
        if (scm.storageClass() == StorageClass.DCPM) {
            engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_ROLES_WITH_DCPM,
                    "MD-on-SSD roles have been specified with scm class dcpm",
                    "use class ram for the SCM tier or remove the bdev_roles");
            return;
        }
        if (bdevs.size() > MAX_BDEV_TIERS_WITH_ROLES) {
            engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_BAD_NR_TIERS_WITH_ROLES,
                    "only 1, 2 or 3 bdev tiers are supported when MD-on-SSD roles are specified",
                    "reduce the number of bdev tiers to 3 or fewer");
            return;
        }
        String[] names = {"wal", "meta", "data"};
        int[] counts = {wal, meta, data};
        for (int i = 0; i < names.length; i++) {
            if (counts[i] != 1) {
                engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_ROLES_BAD_NR,
                        "found " + counts[i] + " " + names[i] + " tiers, wanted 1",
                        "assign the " + names[i] + " role to exactly one bdev tier");
                return;
            }
        }
    }

    private static void checkControlMetadata(Block engine, List<StorageTier> bdevs, ControlMetadata metadata) {
        boolean hasMeta = bdevs.stream().anyMatch(t -> t.bdevRoles().contains(BdevRole.META));
        if (metadata.hasPath() && !hasMeta) {
            engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_CONTROL_METADATA_NO_ROLES,
                    "using 'control_metadata.path' requires MD-on-SSD roles",
                    "set 'bdev_roles' on the nvme tiers of this engine, or remove 'control_metadata'");
        } else if (!metadata.hasPath() && hasMeta) {
            engine.problem("storage", ConfigFaultCodes.BDEV_CONFIG_ROLES_NO_CONTROL_METADATA,
                    "'control_metadata.path' is required when MD-on-SSD roles are specified",
                    "set 'control_metadata.path' at the top level of the configuration");
        }
    }
}
