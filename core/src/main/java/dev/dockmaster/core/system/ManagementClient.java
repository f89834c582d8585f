package dev.dockmaster.core.system;

import dev.dockmaster.core.engine.EngineJoiner;
import dev.dockmaster.core.engine.RasEventSink;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.spi.Fault;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * This server's client of the management service (mgmt.MgmtSvc on the {@code access_points}), for what the harness
 * needs: {@link #join Join} for engines that reported ready, and {@link #publish forwarding RAS events} (ClusterEvent)
 * to the leader, as DAOS's control API ({@code lib/control/system.go} SystemJoin, {@code lib/control/rpc.go}) and
 * event forwarder do.
 *
 * <p>Every request carries {@code sys = "<name>-<daos version>"} and the headers {@code x-daos-component: server} and
 * {@code x-daos-version}. A call tries the last known leader first, then the access points in order; a not-leader
 * answer sends it to the leader hint (then the replicas it lists), a not-replica answer to the replicas listed; an
 * unreachable replica, a deadline, and an MS not ready yet ("system is uninitialized", "raft service unavailable",
 * "leader step-up in progress") are retried with DAOS's backoff (none, then 250 ms doubling up to 8 s, plus up to 3 s
 * of jitter) until the overall timeout (1 h for a join); any other answer (a fault) ends the call.
 *
 * <p>Events are queued (bounded; when full, new events are dropped with a warning) and sent by one thread, so
 * publishing never blocks the harness.
 */
public final class ManagementClient implements EngineJoiner, RasEventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementClient.class);
    static final int NIL_RANK = 0xFFFF_FFFF;

    /**
     * @param systemName     the system name, the first half of {@code sys}
     * @param daosVersion    the DAOS version spoken, the second half of {@code sys} and {@code x-daos-version}
     * @param accessPoints   the replicas, {@code host:port}, first = bootstrap
     * @param local          whether this server is a replica, and its control address
     * @param attemptTimeout the deadline of one call (DAOS: 10 s)
     * @param joinTimeout    how long a join keeps trying (DAOS: 1 h)
     * @param eventTimeout   how long one event is retried before it is dropped
     * @param backoff        the waits between attempts
     * @param eventQueue     how many events may wait to be sent
     */
    public record Settings(String systemName, String daosVersion, List<String> accessPoints, LocalReplica local,
                           Duration attemptTimeout, Duration joinTimeout, Duration eventTimeout, Backoff backoff,
                           int eventQueue) {
        public Settings {
            Objects.requireNonNull(systemName, "systemName");
            Objects.requireNonNull(daosVersion, "daosVersion");
            accessPoints = List.copyOf(accessPoints);
            if (accessPoints.isEmpty()) {
                throw new IllegalArgumentException("no access points");
            }
            Objects.requireNonNull(local, "local");
        }

        /** DAOS's timings: 10 s per attempt, 1 h per join, DAOS's backoff; events retried for 5 minutes. */
        public static Settings daos(String systemName, String daosVersion, List<String> accessPoints,
                                    LocalReplica local) {
            return new Settings(systemName, daosVersion, accessPoints, local, Duration.ofSeconds(10),
                    Duration.ofHours(1), Duration.ofMinutes(5), Backoff.DAOS, 1024);
        }
    }

    /**
     * The wait before attempt {@code n} (1-based): none for the first, then {@code base * 2^(n-2)} capped at
     * {@code cap}, plus a random {@code [0, jitter)}.
     */
    public record Backoff(Duration base, Duration cap, Duration jitter) {
        public static final Backoff DAOS = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8),
                Duration.ofSeconds(3));

        Duration before(int attempt) {
            if (attempt <= 1) {
                return Duration.ZERO;
            }
            long shift = Math.min(attempt - 2, 30);
            long millis = Math.min(cap.toMillis(), base.toMillis() << shift);
            long jitterMillis = jitter.toMillis() <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter.toMillis());
            return Duration.ofMillis(Math.max(0, millis) + jitterMillis);
        }
    }

    /** Opens a channel to {@code host:port}. */
    @FunctionalInterface
    public interface ChannelFactory {
        ManagedChannel open(String address);
    }

    private final Settings settings;
    private final ChannelFactory channels;
    private final ClientInterceptor headers;
    private final Map<String, ManagedChannel> open = new ConcurrentHashMap<>();
    private final BlockingQueue<RASEvent> events;
    private final AtomicLong sequence = new AtomicLong();
    private final Thread forwarder;
    private volatile String leader;
    private volatile boolean closed;

    public ManagementClient(Settings settings, ChannelFactory channels) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channels = Objects.requireNonNull(channels, "channels");
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER), "server");
        metadata.put(Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER), settings.daosVersion());
        this.headers = MetadataUtils.newAttachHeadersInterceptor(metadata);
        this.events = new ArrayBlockingQueue<>(Math.max(1, settings.eventQueue()));
        this.forwarder = new Thread(this::forwardEvents, "ras-forwarder");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    /**
     * A client over real connections; {@code credentials} is asked once, at the first call (the security module
     * supplies them only after the server has started).
     */
    public static ManagementClient create(Settings settings, Supplier<ChannelCredentials> credentials) {
        ChannelCredentials[] resolved = new ChannelCredentials[1];
        return new ManagementClient(settings, address -> {
            synchronized (resolved) {
                if (resolved[0] == null) {
                    resolved[0] = credentials.get();
                }
            }
            return Grpc.newChannelBuilder(address, resolved[0]).build();
        });
    }

    public Settings settings() {
        return settings;
    }

    /** {@code <name>-<version>}, the {@code sys} of every MS request. */
    public String sys() {
        return settings.systemName() + "-" + settings.daosVersion();
    }

    /**
     * Joins one engine: adds {@code sys} and this server's control address, and asks for rank 0 for engine 0 of the
     * bootstrap replica when it has no rank yet (rank 0 is reserved for it).
     *
     * @throws Fault when the MS refuses (the leader's fault), the engine is excluded, or no leader answered in time
     */
    @Override
    public JoinResp join(JoinReq request) throws InterruptedException {
        JoinReq.Builder full = request.toBuilder().setSys(sys()).setAddr(settings.local().controlAddress());
        if (request.getRank() == NIL_RANK && request.getIdx() == 0 && settings.local().bootstrap()) {
            full.setRank(0);
        }
        JoinReq sent = full.build();
        JoinResp resp = call("join of engine " + request.getIdx(), settings.joinTimeout(),
                stub -> stub.join(sent));
        if (resp.getState() == JoinResp.State.OUT) {
            throw new Fault(SystemFaults.DOMAIN, dev.dockmaster.core.engine.EngineFaults.ENGINE_EXCLUDED,
                    "rank " + Integer.toUnsignedString(resp.getRank()) + " is excluded from the system",
                    "clear the exclusion (`dmg system clear-exclude`) and restart the engine");
        }
        return resp;
    }

    /** Queues the event for the leader; drops it (with a warning) when the queue is full. Never blocks. */
    @Override
    public void publish(RASEvent event) {
        if (closed || !events.offer(event)) {
            LOG.warn("RAS event {} (rank {}) dropped: {}", event.getId(), event.getRank(),
                    closed ? "client closed" : "forwarding queue full");
        }
    }

    /** How many events wait to be sent. */
    public int pendingEvents() {
        return events.size();
    }

    private void forwardEvents() {
        while (!closed) {
            RASEvent event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                return;
            }
            ClusterEventReq req = ClusterEventReq.newBuilder().setSequence(sequence.incrementAndGet())
                    .setEvent(event).build();
            try {
                call("ClusterEvent " + event.getId(), settings.eventTimeout(), stub -> stub.clusterEvent(req));
            } catch (InterruptedException e) {
                return;
            } catch (Fault fault) {
                LOG.warn("RAS event {} (rank {}) not delivered to the management service: {}", event.getId(),
                        event.getRank(), fault.describe());
            }
        }
    }

    /** One MS call with DAOS's retries and redirects. */
    private <R> R call(String what, Duration overall, Rpc<R> rpc) throws InterruptedException {
        long deadline = System.nanoTime() + overall.toNanos();
        Deque<String> queue = new ArrayDeque<>();
        String lastProblem = "no attempt made";
        int attempt = 0;
        boolean waitBefore = false;
        while (true) {
            if (Thread.interrupted() || closed) {
                throw new InterruptedException(what + " interrupted");
            }
            if (queue.isEmpty()) {
                queue.addAll(startOrder());
            }
            String target = queue.poll();
            attempt++;
            if (waitBefore) {
                Duration wait = settings.backoff().before(attempt);
                long left = deadline - System.nanoTime();
                if (wait.toNanos() >= left) {
                    throw SystemFaults.gaveUp(what, overall, lastProblem);
                }
                TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw SystemFaults.gaveUp(what, overall, lastProblem);
            }
            long perAttempt = Math.min(settings.attemptTimeout().toNanos(), left);
            MgmtSvcGrpc.MgmtSvcBlockingStub stub = MgmtSvcGrpc.newBlockingStub(channel(target))
                    .withInterceptors(headers).withDeadlineAfter(perAttempt, TimeUnit.NANOSECONDS);
            try {
                R response = rpc.call(stub);
                leader = target;
                return response;
            } catch (StatusRuntimeException e) {
                if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException(what + " interrupted");
                }
                MsErrors.Outcome outcome = MsErrors.classify(e.getStatus(), e.getTrailers(), target);
                if (outcome instanceof MsErrors.GiveUp giveUp) {
                    throw giveUp.fault();
                }
                if (outcome instanceof MsErrors.Redirect redirect) {
                    lastProblem = redirect.why();
                    queue.clear();
                    List<String> next = new ArrayList<>(redirect.addresses());
                    next.remove(target);
                    queue.addAll(next);
                    // straight to a new leader hint; wait when there is nowhere new to go, or when no replica
                    // knows a leader (an election, a lost quorum): asking them all at once would only spin
                    waitBefore = next.isEmpty() || !redirect.hinted();
                    if (target.equals(leader)) {
                        leader = null;
                    }
                    LOG.debug("{}: {}; next {}", what, redirect.why(), next);
                } else {
                    lastProblem = ((MsErrors.Retry) outcome).why();
                    waitBefore = true;
                    if (target.equals(leader)) {
                        leader = null;
                    }
                    if (attempt == 1 || attempt % 10 == 0) {
                        LOG.info("{}: {}; retrying", what, lastProblem);
                    }
                }
            }
        }
    }

    private List<String> startOrder() {
        List<String> order = new ArrayList<>();
        String known = leader;
        if (known != null) {
            order.add(known);
        }
        for (String ap : settings.accessPoints()) {
            if (!ap.equals(known)) {
                order.add(ap);
            }
        }
        return order;
    }

    private ManagedChannel channel(String address) {
        return open.computeIfAbsent(address, channels::open);
    }

    @FunctionalInterface
    private interface Rpc<R> {
        R call(MgmtSvcGrpc.MgmtSvcBlockingStub stub);
    }

    @Override
    public void close() {
        closed = true;
        forwarder.interrupt();
        for (ManagedChannel channel : open.values()) {
            channel.shutdownNow();
        }
        open.clear();
    }
}
