package dev.dockmaster.core.drpc;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.ClusterEventResp;
import dev.dockmaster.proto.srv.GetPoolSvcReq;
import dev.dockmaster.proto.srv.GetPoolSvcResp;
import dev.dockmaster.proto.srv.ListPoolsReq;
import dev.dockmaster.proto.srv.ListPoolsResp;
import dev.dockmaster.proto.srv.NotifyReadyReq;
import dev.dockmaster.proto.srv.PoolFindByLabelReq;
import dev.dockmaster.proto.srv.PoolFindByLabelResp;
import dev.dockmaster.spi.engine.PoolDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * The server's SRV module (3): the upcalls engines make. NotifyReady is checked as DAOS checks it, recorded, and passed
 * to {@link EngineReadyListener}s; ClusterEvent is logged, recorded and passed to the event sinks (the management
 * service client). The pool look-ups (GetPoolSvc, PoolFindByLabel, ListPools) answer from the
 * {@link PoolDirectory} a module supplies (the management service's database), as DAOS's server answers them from
 * its system database: a pool that is unknown or not Ready is DER_NONEXIST. Without a directory no pool exists.
 */
public final class SrvModule {
    private static final Logger LOG = LoggerFactory.getLogger(SrvModule.class);

    /** DAOS's -DER_NONEXIST: "the entity does not exist". */
    public static final int DER_NONEXIST = -1005;
    /** S_IFMT and S_IFSOCK of stat(2). */
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final IntSupplier instanceCount;
    private final Clock clock;
    private final List<EngineReadyListener> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<dev.dockmaster.proto.shared.RASEvent>> eventSinks =
            new CopyOnWriteArrayList<>();
    private final List<EngineReady> ready = new CopyOnWriteArrayList<>();
    private final List<ClusterEventReq> events = new CopyOnWriteArrayList<>();
    private volatile PoolDirectory pools = NO_POOLS;

    /** The directory of a server whose modules keep no pool records. */
    static final PoolDirectory NO_POOLS = new PoolDirectory() {
        @Override
        public Optional<Pool> byUuid(String uuid) {
            return Optional.empty();
        }

        @Override
        public Optional<Pool> byLabel(String label) {
            return Optional.empty();
        }

        @Override
        public List<Pool> pools() {
            return List.of();
        }
    };

    /** @param instanceCount how many engines this server runs (a NotifyReady from another index is refused) */
    public SrvModule(IntSupplier instanceCount, Clock clock) {
        this.instanceCount = instanceCount;
        this.clock = clock;
    }

    public void registerIn(DrpcRegistry registry) {
        registry.module(DrpcModule.SRV)
                .method(DrpcMethod.NOTIFY_READY, this::notifyReady)
                .method(DrpcMethod.GET_POOL_SVC, this::getPoolService)
                .method(DrpcMethod.CLUSTER_EVENT, this::clusterEvent)
                .method(DrpcMethod.POOL_FIND_BY_LABEL, this::poolFindByLabel)
                .method(DrpcMethod.LIST_POOLS, this::listPools);
    }

    /** Answers the engines' pool look-ups from {@code directory} (the management module's pool records). */
    public void usePoolDirectory(PoolDirectory directory) {
        this.pools = java.util.Objects.requireNonNull(directory, "directory");
    }

    public void addReadyListener(EngineReadyListener listener) {
        listeners.add(listener);
    }

    /**
     * Told of every engine RAS event (ClusterEvent upcall), on the dRPC session's thread: the server forwards them to
     * the management service leader, as DAOS's event forwarder does. Must not block.
     */
    public void addEventSink(java.util.function.Consumer<dev.dockmaster.proto.shared.RASEvent> sink) {
        eventSinks.add(sink);
    }

    /** Every accepted NotifyReady, oldest first. */
    public List<EngineReady> readyNotifications() {
        return List.copyOf(ready);
    }

    /** The newest NotifyReady of one engine instance. */
    public Optional<EngineReady> lastReady(int instanceIdx) {
        List<EngineReady> copy = new ArrayList<>(ready);
        for (int i = copy.size() - 1; i >= 0; i--) {
            if (copy.get(i).instanceIdx() == instanceIdx) {
                return Optional.of(copy.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every ClusterEvent received, oldest first (the event pipeline of a later issue forwards them to the MS). */
    public List<ClusterEventReq> clusterEvents() {
        return List.copyOf(events);
    }

    private byte[] notifyReady(byte[] body) throws DrpcFailure {
        NotifyReadyReq req = parse(() -> NotifyReadyReq.parseFrom(body));
        int instances = instanceCount.getAsInt();
        if (req.getInstanceIdx() >= instances) {
            throw new IllegalArgumentException("instance index " + req.getInstanceIdx()
                    + " is out of range (" + instances + " instances)");
        }
        Path socket = checkSocketPath(req.getDrpcListenerSock());
        EngineReady event = new EngineReady(req.getInstanceIdx(), req.getUri(), req.getNctxs(), socket,
                req.getNtgts(), req.getIncarnation(), req.getSecondaryUrisList(), req.getCheckMode(), clock.instant());
        ready.add(event);
        LOG.info("engine instance {} ready: uri {}, {} targets, dRPC socket {}, incarnation {}",
                event.instanceIdx(), event.uri(), event.targets(), event.socket(), event.incarnation());
        for (EngineReadyListener listener : listeners) {
            try {
                listener.engineReady(event);
            } catch (RuntimeException e) {
                LOG.error("engine-ready listener failed for instance {}: {}", event.instanceIdx(), e.toString());
            }
        }
        return new byte[0];
    }

    /** As DAOS: the engine's socket must exist and be a socket before the server will ever dial it. */
    private static Path checkSocketPath(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("check NotifyReady request socket path: socket path empty");
        }
        Path socket = Path.of(path);
        int mode;
        try {
            mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("check NotifyReady request socket path: socket path \"" + path
                    + "\" could not be accessed: " + e.getMessage(), e);
        }
        if ((mode & FILE_TYPE_MASK) != SOCKET_TYPE) {
            throw new IllegalArgumentException("check NotifyReady request socket path: path \"" + path
                    + "\" is not a socket");
        }
        return socket;
    }

    private byte[] clusterEvent(byte[] body) throws DrpcFailure {
        ClusterEventReq req = parse(() -> ClusterEventReq.parseFrom(body));
        events.add(req);
        LOG.info("cluster event {} from rank {} ({}): {}", req.getEvent().getId(), req.getEvent().getRank(),
                req.getEvent().getHostname(), req.getEvent().getMsg());
        for (java.util.function.Consumer<dev.dockmaster.proto.shared.RASEvent> sink : eventSinks) {
            try {
                sink.accept(req.getEvent());
            } catch (RuntimeException e) {
                LOG.error("RAS event sink failed for event {}: {}", req.getEvent().getId(), e.toString());
            }
        }
        return ClusterEventResp.newBuilder().setSequence(req.getSequence()).build().toByteArray();
    }

    private byte[] getPoolService(byte[] body) throws DrpcFailure {
        GetPoolSvcReq req = parse(() -> GetPoolSvcReq.parseFrom(body));
        java.util.UUID uuid;
        try {
            uuid = java.util.UUID.fromString(req.getUuid());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid pool uuid \"" + req.getUuid() + "\"", e);
        }
        Optional<PoolDirectory.Pool> pool = pools.byUuid(uuid.toString()).filter(PoolDirectory.Pool::ready);
        if (pool.isEmpty()) {
            return GetPoolSvcResp.newBuilder().setStatus(DER_NONEXIST).build().toByteArray();
        }
        return GetPoolSvcResp.newBuilder().addAllSvcreps(pool.get().serviceRanks()).build().toByteArray();
    }

    private byte[] poolFindByLabel(byte[] body) throws DrpcFailure {
        PoolFindByLabelReq req = parse(() -> PoolFindByLabelReq.parseFrom(body));
        Optional<PoolDirectory.Pool> pool = pools.byLabel(req.getLabel()).filter(PoolDirectory.Pool::ready);
        if (pool.isEmpty()) {
            return PoolFindByLabelResp.newBuilder().setStatus(DER_NONEXIST).build().toByteArray();
        }
        return PoolFindByLabelResp.newBuilder().setUuid(pool.get().uuid())
                .addAllSvcreps(pool.get().serviceRanks()).build().toByteArray();
    }

    private byte[] listPools(byte[] body) throws DrpcFailure {
        ListPoolsReq req = parse(() -> ListPoolsReq.parseFrom(body));
        ListPoolsResp.Builder resp = ListPoolsResp.newBuilder();
        for (PoolDirectory.Pool pool : pools.pools()) {
            // As DAOS: without include_all only Ready pools are listed.
            if (req.getIncludeAll() || pool.ready()) {
                resp.addPools(ListPoolsResp.Pool.newBuilder().setUuid(pool.uuid()).setLabel(pool.label())
                        .addAllSvcreps(pool.serviceRanks()));
            }
        }
        return resp.build().toByteArray();
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> parser) throws DrpcFailure {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw DrpcFailure.unmarshalPayload(e);
        }
    }
}
