package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.PoolRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pool services part of the MS database: pools by UUID and by label. Changed only by {@link SystemDb#apply} (so
 * every replica changes it in the same order); each change answers an empty string when applied, else why it was
 * refused, so that two leaders' racing writes cannot leave two pools with one label or revive a destroyed pool.
 * Readers on other threads get immutable values.
 */
public final class PoolDb {
    private final TreeMap<String, PoolEntry> byUuid = new TreeMap<>();
    private final Map<String, String> uuidByLabel = new HashMap<>();

    /** Adds a pool; refused when its UUID exists or another pool holds its label. */
    synchronized String add(PoolRecord record, Instant when) {
        Optional<PoolState> state = PoolState.fromName(record.getState());
        if (state.isEmpty()) {
            return "unknown pool state \"" + record.getState() + "\"";
        }
        if (byUuid.containsKey(record.getUuid())) {
            return "pool " + record.getUuid() + " already exists";
        }
        String holder = uuidByLabel.get(record.getLabel());
        if (!record.getLabel().isEmpty() && holder != null) {
            return "pool label \"" + record.getLabel() + "\" is already used by pool " + holder;
        }
        put(PoolEntry.fromRecord(record, state.get(), when));
        return "";
    }

    /** Replaces a pool's record; refused for an unknown pool, an illegal state change or another pool's label. */
    synchronized String update(PoolRecord record, Instant when) {
        PoolEntry current = byUuid.get(record.getUuid());
        if (current == null) {
            return "unable to find pool service with uuid " + record.getUuid();
        }
        Optional<PoolState> state = PoolState.fromName(record.getState());
        if (state.isEmpty()) {
            return "unknown pool state \"" + record.getState() + "\"";
        }
        if (!current.state().canTransitionTo(state.get())) {
            return "pool " + record.getUuid() + " cannot go from " + current.state().wireName() + " to "
                    + state.get().wireName();
        }
        String holder = uuidByLabel.get(record.getLabel());
        if (!record.getLabel().isEmpty() && holder != null && !holder.equals(record.getUuid())) {
            return "pool label \"" + record.getLabel() + "\" is already used by pool " + holder;
        }
        remove(current.uuid());
        put(PoolEntry.fromRecord(record, state.get(), when));
        return "";
    }

    /** Removes a pool; refused when it is unknown. */
    synchronized String delete(String uuid) {
        if (!byUuid.containsKey(uuid)) {
            return "unable to find pool service with uuid " + uuid;
        }
        remove(uuid);
        return "";
    }

    private void put(PoolEntry entry) {
        byUuid.put(entry.uuid(), entry);
        if (!entry.label().isEmpty()) {
            uuidByLabel.put(entry.label(), entry.uuid());
        }
    }

    private void remove(String uuid) {
        PoolEntry old = byUuid.remove(uuid);
        if (old != null && !old.label().isEmpty()) {
            uuidByLabel.remove(old.label(), uuid);
        }
    }

    public synchronized Optional<PoolEntry> byUuid(String uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    public synchronized Optional<PoolEntry> byLabel(String label) {
        String uuid = uuidByLabel.get(label);
        return uuid == null ? Optional.empty() : Optional.ofNullable(byUuid.get(uuid));
    }

    /** Every pool, by UUID. */
    public synchronized List<PoolEntry> all() {
        return List.copyOf(byUuid.values());
    }

    synchronized List<PoolRecord> records() {
        List<PoolRecord> out = new ArrayList<>();
        byUuid.values().forEach(p -> out.add(p.toRecord()));
        return out;
    }

    synchronized void restore(List<PoolRecord> records) {
        byUuid.clear();
        uuidByLabel.clear();
        for (PoolRecord r : records) {
            PoolState state = PoolState.fromName(r.getState()).orElseThrow(() -> new IllegalStateException(
                    "raft snapshot pool " + r.getUuid() + " has unknown state " + r.getState()));
            put(PoolEntry.fromRecord(r, state, Instant.ofEpochSecond(0, r.getLastUpdateNanos())));
        }
    }
}
