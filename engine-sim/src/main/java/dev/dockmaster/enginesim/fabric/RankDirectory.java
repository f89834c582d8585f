package dev.dockmaster.enginesim.fabric;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the other engines are: rank → URI from the GroupUpdate daos_server pushes (dRPC 232), plus this engine's own
 * rank (SetRank) and URI.
 */
public final class RankDirectory {
    public static final long NIL_RANK = 0xFFFF_FFFFL;

    private final FabricUri self;
    private final Map<Integer, FabricUri> uris = new ConcurrentHashMap<>();
    private volatile long selfRank = NIL_RANK;
    private volatile long mapVersion;

    public RankDirectory(FabricUri self) {
        this.self = self;
    }

    public FabricUri selfUri() {
        return self;
    }

    public long selfRank() {
        return selfRank;
    }

    public void setSelfRank(long rank) {
        selfRank = rank;
    }

    public boolean isSelf(int rank) {
        return Integer.toUnsignedLong(rank) == selfRank;
    }

    /** Replaces the map with a newer one; an older or equal version is ignored, as the engine does. */
    public synchronized boolean update(long version, Map<Integer, String> rankUris) {
        if (version <= mapVersion && !uris.isEmpty()) {
            return false;
        }
        Map<Integer, FabricUri> parsed = new java.util.HashMap<>();
        rankUris.forEach((rank, uri) -> parsed.put(rank, FabricUri.parse(uri)));
        uris.clear();
        uris.putAll(parsed);
        mapVersion = version;
        return true;
    }

    public Optional<FabricUri> uri(int rank) {
        return isSelf(rank) ? Optional.of(self) : Optional.ofNullable(uris.get(rank));
    }
}
