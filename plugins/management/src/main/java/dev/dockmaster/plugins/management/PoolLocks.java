package dev.dockmaster.plugins.management;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One operation at a time per pool on the leader (DAOS's pool locks): a second one is refused with fault 402 rather
 * than queued, as DAOS does, and the client retries.
 */
final class PoolLocks {
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;

    PoolLocks(Clock clock) {
        this.clock = clock;
    }

    /** Takes the pool's lock; close the answer to release it. */
    Lock take(String poolUuid) {
        Held mine = new Held(UUID.randomUUID().toString(), clock.instant());
        Held current = held.putIfAbsent(poolUuid, mine);
        if (current != null) {
            throw PoolFaults.locked(poolUuid, current.id(), current.takenAt());
        }
        return () -> held.remove(poolUuid, mine);
    }

    boolean isLocked(String poolUuid) {
        return held.containsKey(poolUuid);
    }

    /** A held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    private record Held(String id, Instant takenAt) {
    }
}
