package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.DbSnapshot;
import dev.dockmaster.plugins.management.raft.JoinOutcome;
import dev.dockmaster.plugins.management.raft.JoinRequestRecord;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.MemberRecord;
import dev.dockmaster.plugins.management.raft.StateUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The management service's replicated state: members, the next rank to hand out, the group map version and the
 * system attributes. Every replica applies the same log entries in the same order, so everything here is
 * deterministic: times come from the entry, never from the local clock. Every applied entry increments
 * {@link #version()} (DAOS's {@code data_version}).
 *
 * <p>Applying is serial (the raft state machine's thread); readers on other threads get immutable copies.
 */
public final class SystemDb {
    /** Format of {@link DbSnapshot}; a snapshot with a newer schema is refused rather than misread. */
    static final int SCHEMA_VERSION = 2;

    private final TreeMap<Integer, Member> byRank = new TreeMap<>();
    private final Map<String, Integer> rankByUuid = new HashMap<>();
    private final TreeMap<String, String> attrs = new TreeMap<>();
    private final PoolDb pools = new PoolDb();
    private long version;
    private int nextRank = 1;
    private int mapVersion;

    /** Applies one log entry and answers what the proposer needs to know. */
    public synchronized ApplyResult apply(LogEntry entry) {
        Instant when = Instant.ofEpochSecond(0, entry.getTimeNanos());
        ApplyResult.Builder result = ApplyResult.newBuilder();
        switch (entry.getOpCase()) {
            case JOIN_BATCH -> {
                boolean anyJoined = false;
                for (JoinRequestRecord join : entry.getJoinBatch().getJoinsList()) {
                    JoinOutcome outcome = join(join, when);
                    anyJoined |= outcome.getOk();
                    result.addJoins(outcome);
                }
                if (anyJoined) {
                    // DAOS bumps the map version after a batch with at least one successful join.
                    mapVersion++;
                    result.setChanged(true);
                }
            }
            case STATE_UPDATE -> result.setChanged(updateState(entry.getStateUpdate(), when));
            case STATE_UPDATES -> {
                for (StateUpdate update : entry.getStateUpdates().getUpdatesList()) {
                    if (updateState(update, when)) {
                        result.addChangedRanks(update.getRank());
                    }
                }
                result.setChanged(result.getChangedRanksCount() > 0);
            }
            case SET_ATTRS -> {
                entry.getSetAttrs().getAttrsMap().forEach((key, value) -> {
                    if (value.isEmpty()) {
                        attrs.remove(key);
                    } else {
                        attrs.put(key, value);
                    }
                });
                result.setChanged(true);
            }
            case INC_MAP_VERSION -> {
                mapVersion++;
                result.setChanged(true);
            }
            case POOL_ADD -> poolResult(result, pools.add(entry.getPoolAdd(), when));
            case POOL_UPDATE -> poolResult(result, pools.update(entry.getPoolUpdate(), when));
            case POOL_REMOVE -> poolResult(result, pools.delete(entry.getPoolRemove().getUuid()));
            case OP_NOT_SET -> {
                // An entry from a newer version with an op this one does not know: counted, not applied.
            }
        }
        version++;
        return result.setMapVersion(mapVersion).setVersion(version).build();
    }

    private static void poolResult(ApplyResult.Builder result, String refusal) {
        result.setChanged(refusal.isEmpty()).setPoolError(refusal);
    }

    /** DAOS's join rules (reference 5.2), for one engine of a batch. */
    private JoinOutcome join(JoinRequestRecord req, Instant when) {
        JoinOutcome depth = checkFaultDomainDepth(req);
        if (depth != null) {
            return depth;
        }
        return joinChecked(req, when);
    }

    /**
     * Every member's fault domain has the same number of levels (DAOS fault 401), except while the only member is
     * the joiner itself.
     */
    private JoinOutcome checkFaultDomainDepth(JoinRequestRecord req) {
        for (Member m : byRank.values()) {
            if (m.uuid().equals(req.getUuid())) {
                continue;
            }
            int have = levels(m.faultDomain());
            int want = levels(req.getFaultDomain());
            if (have != want) {
                return refused("fault domain \"" + req.getFaultDomain() + "\" of joining engine " + req.getUuid()
                        + " has " + want + " levels but the system's fault domains have " + have
                        + " (code 401: all servers need fault domains of the same depth)");
            }
            return null;
        }
        return null;
    }

    static int levels(String faultDomain) {
        int n = 0;
        for (String part : faultDomain.split("/")) {
            if (!part.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private JoinOutcome joinChecked(JoinRequestRecord req, Instant when) {
        MemberState joinedState = req.getCheckMode() ? MemberState.CHECKER_STARTED : MemberState.JOINED;
        Integer knownRankOfUuid = rankByUuid.get(req.getUuid());
        int requested = req.getRank();
        Member current;
        int rank;
        if (requested == Ranks.NIL_RANK) {
            if (knownRankOfUuid == null) {
                rank = takeNextRank();
                return addMember(req, rank, joinedState, when);
            }
            current = byRank.get(knownRankOfUuid);
            rank = knownRankOfUuid;
        } else {
            rank = requested;
            current = byRank.get(rank);
            if (current == null) {
                if (knownRankOfUuid != null) {
                    return refused("can't rejoin member with uuid " + req.getUuid() + ": rank changed from "
                            + Integer.toUnsignedString(knownRankOfUuid) + " -> " + Integer.toUnsignedString(rank));
                }
                if (Integer.compareUnsigned(rank, nextRank) >= 0) {
                    nextRank = rank + 1;
                }
                return addMember(req, rank, joinedState, when);
            }
            if (!current.uuid().equals(req.getUuid())) {
                return refused("can't rejoin member with rank " + Integer.toUnsignedString(rank)
                        + ": uuid changed from " + current.uuid() + " -> " + req.getUuid());
            }
        }
        if (current.state() == MemberState.ADMIN_EXCLUDED) {
            return refused("member " + current.uuid() + " (rank " + Integer.toUnsignedString(rank)
                    + ") has been administratively excluded");
        }
        if (!current.addr().equals(req.getAddr())) {
            return refused("can't rejoin member with uuid " + current.uuid() + ": control address changed from "
                    + current.addr() + " -> " + req.getAddr());
        }
        Member updated = fromRequest(req, rank, joinedState, when);
        byRank.put(rank, updated);
        return JoinOutcome.newBuilder().setOk(true).setRank(rank).build();
    }

    private int takeNextRank() {
        while (byRank.containsKey(nextRank)) {
            nextRank++;
        }
        return nextRank++;
    }

    private JoinOutcome addMember(JoinRequestRecord req, int rank, MemberState state, Instant when) {
        byRank.put(rank, fromRequest(req, rank, state, when));
        rankByUuid.put(req.getUuid(), rank);
        return JoinOutcome.newBuilder().setOk(true).setRank(rank).setNewMember(true).build();
    }

    private static JoinOutcome refused(String why) {
        return JoinOutcome.newBuilder().setOk(false).setError(why).build();
    }

    private static Member fromRequest(JoinRequestRecord req, int rank, MemberState state, Instant when) {
        return new Member(rank, req.getUuid(), req.getAddr(), req.getFabricUri(), req.getFabricContexts(),
                req.getSecondaryUrisList(), req.getSecondaryContextsList(), req.getFaultDomain(), state, "",
                req.getIncarnation(), when);
    }

    private boolean updateState(StateUpdate update, Instant when) {
        Member current = byRank.get(update.getRank());
        if (current == null) {
            return false;
        }
        Optional<MemberState> next = MemberState.fromWireName(update.getState());
        if (next.isEmpty()) {
            return false;
        }
        // An event about an older incarnation of the engine says nothing about the running one.
        if (update.getIncarnation() != 0 && Long.compareUnsigned(update.getIncarnation(), current.incarnation()) < 0) {
            return false;
        }
        if (!update.getDirect() && !current.state().canTransitionTo(next.get())) {
            return false;
        }
        byRank.put(current.rank(), current.withState(next.get(), update.getInfo(), when));
        mapVersion++;
        return true;
    }

    public synchronized List<Member> members() {
        return List.copyOf(byRank.values());
    }

    public synchronized Optional<Member> member(int rank) {
        return Optional.ofNullable(byRank.get(rank));
    }

    public synchronized long version() {
        return version;
    }

    public synchronized int nextRank() {
        return nextRank;
    }

    public synchronized int mapVersion() {
        return mapVersion;
    }

    /** The pool services (read them without holding this database: they are their own monitor). */
    public PoolDb pools() {
        return pools;
    }

    /** Every pool with the data version they were read at (ListPools's {@code data_version}). */
    public synchronized PoolListing poolListing() {
        return new PoolListing(pools.all(), version);
    }

    /** The pools and the version of the database they were read at. */
    public record PoolListing(List<PoolEntry> pools, long version) {
    }

    public synchronized Map<String, String> attributes() {
        return Map.copyOf(attrs);
    }

    /** The whole state, for a raft snapshot. */
    public synchronized DbSnapshot snapshot() {
        DbSnapshot.Builder out = DbSnapshot.newBuilder().setVersion(version).setNextRank(nextRank)
                .setMapVersion(mapVersion).setSchemaVersion(SCHEMA_VERSION).putAllAttrs(attrs)
                .addAllPools(pools.records());
        for (Member m : byRank.values()) {
            out.addMembers(MemberRecord.newBuilder().setRank(m.rank()).setUuid(m.uuid()).setAddr(m.addr())
                    .setFabricUri(m.fabricUri()).setFabricContexts(m.fabricContexts())
                    .addAllSecondaryUris(m.secondaryUris()).addAllSecondaryContexts(m.secondaryContexts())
                    .setFaultDomain(m.faultDomain()).setState(m.state().name()).setInfo(m.info())
                    .setIncarnation(m.incarnation())
                    .setLastUpdateNanos(m.lastUpdate().getEpochSecond() * 1_000_000_000L + m.lastUpdate().getNano()));
        }
        return out.build();
    }

    /** Replaces the whole state with a snapshot's. */
    public synchronized void restore(DbSnapshot snapshot) {
        if (snapshot.getSchemaVersion() > SCHEMA_VERSION) {
            throw new IllegalStateException("raft snapshot schema " + snapshot.getSchemaVersion()
                    + " is newer than this server's " + SCHEMA_VERSION);
        }
        byRank.clear();
        rankByUuid.clear();
        attrs.clear();
        version = snapshot.getVersion();
        nextRank = snapshot.getNextRank();
        mapVersion = snapshot.getMapVersion();
        attrs.putAll(snapshot.getAttrsMap());
        pools.restore(snapshot.getPoolsList());
        List<Member> members = new ArrayList<>();
        for (MemberRecord r : snapshot.getMembersList()) {
            members.add(new Member(r.getRank(), r.getUuid(), r.getAddr(), r.getFabricUri(), r.getFabricContexts(),
                    r.getSecondaryUrisList(), r.getSecondaryContextsList(), r.getFaultDomain(),
                    MemberState.valueOf(r.getState()), r.getInfo(), r.getIncarnation(),
                    Instant.ofEpochSecond(0, r.getLastUpdateNanos())));
        }
        for (Member m : members) {
            byRank.put(m.rank(), m);
            rankByUuid.put(m.uuid(), m.rank());
        }
    }
}
