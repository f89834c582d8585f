package dev.dockmaster.enginesim.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The group map's way through the engines: daos_server sends GroupUpdate to one local engine, which takes it and
 * passes it on over the fabric to every other rank in it (in the background: the dRPC answer does not wait for the
 * others). Each engine keeps the newest map it saw in {@code <scm_mount>/dockmaster-group-map.pb}, so that after a
 * restart it can reach its pools' other ranks before the next update arrives.
 */
public final class GroupMaps {
    static final String FILE = "dockmaster-group-map.pb";

    private final RankDirectory directory;
    private final FabricClient client;
    private final Path file;
    private final PrintStream log;
    private final ExecutorService spreader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "group-map-spread");
        t.setDaemon(true);
        return t;
    });

    public GroupMaps(RankDirectory directory, FabricClient client, Path scmMount, PrintStream log) {
        this.directory = directory;
        this.client = client;
        this.file = scmMount.resolve(FILE);
        this.log = log;
    }

    /** Reads the map an earlier run kept, if any. */
    public void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            apply(GroupMap.parseFrom(Files.readAllBytes(file)), false);
        } catch (IOException | IllegalArgumentException e) {
            log.println("daos_engine: ignoring the kept group map " + file + ": " + e.getMessage());
        }
    }

    /** GroupUpdate from daos_server: take it and pass it on. DER_INVAL (-1003) for a URI that does not parse. */
    public int fromServer(GroupUpdateReq req) {
        GroupMap.Builder map = GroupMap.newBuilder().setVersion(req.getMapVersion());
        for (GroupUpdateReq.Engine e : req.getEnginesList()) {
            map.addMembers(GroupMap.Member.newBuilder().setRank(e.getRank()).setUri(e.getUri())
                    .setIncarnation(e.getIncarnation()));
        }
        try {
            if (apply(map.build(), true)) {
                spreader.execute(() -> spread(map.build()));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            log.println("daos_engine: group map version " + req.getMapVersion() + " refused: " + e.getMessage());
            return -1003;
        }
    }

    /** A map another engine passed on. */
    public FabricReply fromPeer(FabricRequest req) {
        try {
            if (apply(req.getGroupMap(), true)) {
                log.println("daos_engine: group map version " + req.getGroupMap().getVersion() + " from rank "
                        + req.getFromRank() + ", " + req.getGroupMap().getMembersCount() + " engines");
            }
            return FabricReply.newBuilder().setId(req.getId()).setStatus(0).build();
        } catch (IllegalArgumentException e) {
            return FabricReply.newBuilder().setId(req.getId()).setStatus(-1003).setDetail(e.getMessage()).build();
        }
    }

    private boolean apply(GroupMap map, boolean keep) {
        Map<Integer, String> uris = new HashMap<>();
        map.getMembersList().forEach(m -> uris.put(m.getRank(), m.getUri()));
        if (!directory.update(map.getVersion(), uris)) {
            return false;
        }
        if (keep) {
            keep(map);
        }
        return true;
    }

    private void keep(GroupMap map) {
        try {
            if (!Files.isDirectory(file.getParent())) {
                return; // no SCM mount (an engine started by hand): nothing to keep it on
            }
            Path temp = file.resolveSibling("." + FILE + ".tmp");
            Files.write(temp, map.toByteArray());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.println("daos_engine: cannot keep the group map in " + file + ": " + e);
        }
    }

    private void spread(GroupMap map) {
        for (GroupMap.Member m : map.getMembersList()) {
            if (directory.isSelf(m.getRank())) {
                continue;
            }
            try {
                FabricReply reply = client.call(FabricUri.parse(m.getUri()), FabricRequest.newBuilder()
                        .setFromRank((int) directory.selfRank()).setGroupMap(map).build());
                if (reply.getStatus() != 0) {
                    log.println("daos_engine: rank " + m.getRank() + " refused group map version " + map.getVersion()
                            + ": " + reply.getDetail());
                }
            } catch (IOException | IllegalArgumentException e) {
                log.println("daos_engine: group map version " + map.getVersion() + " not passed to rank "
                        + m.getRank() + ": " + e.getMessage());
            }
        }
    }

    static GroupMap parse(byte[] bytes) throws InvalidProtocolBufferException {
        return GroupMap.parseFrom(bytes);
    }
}
