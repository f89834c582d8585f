package dev.dockmaster.client.invoke;

import java.util.Locale;

/**
 * The management service's conditions that DAOS sends as plain error text and its clients recognise by substring
 * ({@code system/errors.go}): the replica has no raft yet, raft is not up, or the new leader is still stepping up.
 */
public final class SystemErrors {
    public static final String UNINITIALIZED = "system is uninitialized (storage format required?)";
    public static final String RAFT_UNAVAILABLE = "raft service unavailable (not started yet?)";
    public static final String STEP_UP_IN_PROGRESS = "leader step-up in progress (try again)";

    private SystemErrors() {
    }

    /** DAOS's {@code IsUnavailable}: raft not started, or a leader step-up in progress; worth retrying. */
    public static boolean isUnavailable(Throwable error) {
        return mentions(error, RAFT_UNAVAILABLE) || mentions(error, STEP_UP_IN_PROGRESS);
    }

    /** DAOS's {@code IsUninitialized}: an access point whose storage (where raft lives) is not formatted yet. */
    public static boolean isUninitialized(Throwable error) {
        return mentions(error, UNINITIALIZED);
    }

    private static boolean mentions(Throwable error, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }
}
