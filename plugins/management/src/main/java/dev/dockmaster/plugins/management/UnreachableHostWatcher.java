package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.StateUpdate;
import dev.dockmaster.plugins.management.raft.StateUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * On the leader: marks the running ranks of a daos_server whose control port stopped accepting connections
 * Unresponsive, the state DAOS gives the ranks of a host its fan-out cannot reach.
 *
 * <p>Why: in DAOS, the engines' SWIM protocol notices ranks whose host died and the MS excludes them; the simulated
 * engines here have no SWIM, and a killed daos_server (with its engines, which die with it) would otherwise stay
 * Joined in {@code dmg system query} until someone runs a system command. The leader probes each member host's
 * control address (a TCP connect, {@link #CONNECT_TIMEOUT}) at every {@link #check}; after
 * {@link #FAILURES_BEFORE_MARKING} failed probes in a row its Joined/Ready/Starting/Stopping ranks become
 * Unresponsive in one raft entry. A host that comes back is not changed here: its engines rejoin (Join writes Joined).
 */
final class UnreachableHostWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(UnreachableHostWatcher.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
    static final int FAILURES_BEFORE_MARKING = 3;
    /** States of a rank whose engine should be running, so an unreachable host makes it Unresponsive. */
    static final Set<MemberState> RUNNING = EnumSet.of(MemberState.JOINED, MemberState.READY, MemberState.STARTING,
            MemberState.STOPPING);

    private final Predicate<String> reachable;
    private final Function<StateUpdates, CompletableFuture<?>> commit;
    private final Map<String, Integer> failures = new HashMap<>();

    /**
     * @param reachable whether a control address ({@code IP:port}) accepts connections
     * @param commit    proposes the state updates as one raft entry
     */
    UnreachableHostWatcher(Predicate<String> reachable, Function<StateUpdates, CompletableFuture<?>> commit) {
        this.reachable = reachable;
        this.commit = commit;
    }

    /** Probes the hosts of {@code members} other than {@code selfAddr}; returns the ranks it marked. */
    synchronized List<Integer> check(List<Member> members, String selfAddr) {
        Map<String, List<Member>> byHost = new TreeMap<>();
        for (Member m : members) {
            if (!m.addr().equals(selfAddr) && RUNNING.contains(m.state())) {
                byHost.computeIfAbsent(m.addr(), a -> new ArrayList<>()).add(m);
            }
        }
        failures.keySet().retainAll(byHost.keySet());
        StateUpdates.Builder updates = StateUpdates.newBuilder();
        List<Integer> marked = new ArrayList<>();
        byHost.forEach((addr, onHost) -> {
            if (reachable.test(addr)) {
                failures.remove(addr);
                return;
            }
            int failed = failures.merge(addr, 1, Integer::sum);
            if (failed < FAILURES_BEFORE_MARKING) {
                return;
            }
            for (Member m : onHost) {
                updates.addUpdates(StateUpdate.newBuilder().setRank(m.rank())
                        .setState(MemberState.UNRESPONSIVE.wireName())
                        .setInfo("daos_server at " + addr + " not reachable"));
                marked.add(m.rank());
            }
        });
        if (!marked.isEmpty()) {
            LOG.warn("ranks {} marked unresponsive: their daos_server does not accept connections", marked);
            commit.apply(updates.build()).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("unresponsive ranks {} not recorded (retried at the next check): {}", marked,
                            error.toString());
                }
            });
        }
        return marked;
    }

    /** A TCP connect to {@code addr} ({@code IP:port}) within {@link #CONNECT_TIMEOUT}. */
    static boolean acceptsConnections(String addr) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Replicas.hostOf(addr), Replicas.portOf(addr)),
                    (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
