package dev.dockmaster.spi.storage;

import java.util.Objects;

/**
 * What a provider finds at an engine's SCM tier before formatting it.
 *
 * @param mounted a filesystem is mounted at the tier's mount point
 * @param formatted the tier holds a DAOS filesystem (mounted or not), so formatting it again needs {@code force}
 * @param detail what was found, for logs and "already formatted" notes (may be empty)
 */
public record ScmFormatState(boolean mounted, boolean formatted, String detail) {
    public ScmFormatState {
        detail = Objects.requireNonNullElse(detail, "");
    }

    public static ScmFormatState unformatted() {
        return new ScmFormatState(false, false, "");
    }
}
