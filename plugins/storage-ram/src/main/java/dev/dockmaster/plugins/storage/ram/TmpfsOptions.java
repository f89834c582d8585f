package dev.dockmaster.plugins.storage.ram;

/**
 * The tmpfs mount options that do not come from the format request.
 *
 * @param huge the tmpfs {@code huge=} policy
 * @param mode permissions of the mount's root
 */
record TmpfsOptions(String huge, String mode) {

    /** {@code -o} for a tmpfs of {@code sizeBytes}: whole GiB are written as {@code <n>g}, as DAOS does. */
    String mountOptions(long sizeBytes) {
        String size = sizeBytes % (1L << 30) == 0 ? (sizeBytes >> 30) + "g" : Long.toString(sizeBytes);
        return "noatime,size=" + size + ",mode=" + mode + ",huge=" + huge;
    }
}
