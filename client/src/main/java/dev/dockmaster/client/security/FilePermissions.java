package dev.dockmaster.client.security;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The most open modes DAOS accepts for certificate material ({@code security/pem.go}), as octal bits: a file whose
 * mode has any bit outside the maximum is refused. DAOS's rule is a mask, not an ordering, so 0600 is refused for a
 * 0400 key although it is "smaller" than 0640.
 */
public final class FilePermissions {
    /** daos_server's and daos_agent's private keys: owner read only. */
    public static final int USER_ONLY_KEY = 0400;
    /** dmg's (admin) private key: owner and group read, so a group of admins can share it. */
    public static final int GROUP_READ_KEY = 0440;
    /** Certificates (public): anything but world-writable. */
    public static final int CERTIFICATE = 0664;

    private FilePermissions() {
    }

    public static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    /** Whether {@code perms} stays within {@code maxMode}: no bit set that the maximum does not allow. */
    public static boolean within(Set<PosixFilePermission> perms, int maxMode) {
        return (mode(perms) & ~maxMode & 0777) == 0;
    }
}
