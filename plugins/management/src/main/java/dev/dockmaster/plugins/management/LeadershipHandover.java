package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes a leader whose local engines cannot be reached hand leadership to another replica, as DAOS's leader resigns
 * when a harness call finds no local engine started ({@code server/server_harness.go}, ftest
 * {@code control/ms_failover.py}): the leader pushes the group map through a local engine, so a leader without one
 * leaves the system without map updates.
 *
 * <p>Checked on the leader once a second ({@link #check}): the leader resigns when every local engine is stopped or
 * errored (none starting, none running) on two checks in a row, and another replica has a Joined member on its
 * host, which receives the leadership (a replica whose engines are down too would only hand it back). After an
 * attempt, successful or not, the next one waits {@link #COOL_DOWN}.
 */
final class LeadershipHandover {
    private static final Logger LOG = LoggerFactory.getLogger(LeadershipHandover.class);
    /** Consecutive checks that must see the engines down: a start or restart in progress is not a reason. */
    static final int CHECKS_BEFORE_RESIGNING = 2;
    static final Duration COOL_DOWN = Duration.ofSeconds(10);
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(10);

    private final Replicas replicas;
    private final Supplier<List<EngineView>> localEngines;
    private int downChecks;
    private long quietUntilNanos;

    LeadershipHandover(Replicas replicas, Supplier<List<EngineView>> localEngines) {
        this.replicas = replicas;
        this.localEngines = localEngines;
    }

    /**
     * The replica (peer id) that should take over from this leader, when it should resign.
     *
     * @param engines  this server's engines
     * @param members  the system's members
     * @param voters   the raft voters' peer ids, this replica's included
     * @param self     this replica's index in {@code replicas}
     */
    static Optional<String> successor(List<EngineView> engines, List<Member> members, Set<String> voters,
                                      Replicas replicas, int self) {
        if (engines.isEmpty() || engines.stream().anyMatch(e -> !unreachable(e.state()))) {
            return Optional.empty();
        }
        Set<String> joinedHosts = new HashSet<>();
        members.stream().filter(m -> m.state() == MemberState.JOINED).forEach(m -> joinedHosts.add(m.addr()));
        for (int i = 0; i < replicas.accessPoints().size(); i++) {
            if (i != self && voters.contains(replicas.peerId(i)) && joinedHosts.contains(replicas.resolved().get(i))) {
                return Optional.of(replicas.peerId(i));
            }
        }
        return Optional.empty();
    }

    /** An engine that no call can reach: no process, and none being started. */
    static boolean unreachable(EngineState state) {
        return state == EngineState.STOPPED || state == EngineState.ERRORED;
    }

    /** One check on {@code node}; does nothing unless it leads. Runs on one thread at a time. */
    synchronized void check(RaftNode node) {
        if (!node.isLeader() || replicas.self().isEmpty()) {
            downChecks = 0;
            return;
        }
        Set<String> voters = new HashSet<>();
        for (RaftPeer peer : node.voters()) {
            voters.add(peer.getId().toString());
        }
        List<EngineView> engines = localEngines.get();
        Optional<String> successor = successor(engines, node.db().members(), voters, replicas, replicas.self().get());
        if (successor.isEmpty()) {
            downChecks = 0;
            return;
        }
        if (++downChecks < CHECKS_BEFORE_RESIGNING || System.nanoTime() < quietUntilNanos) {
            return;
        }
        downChecks = 0;
        quietUntilNanos = System.nanoTime() + COOL_DOWN.toNanos();
        String target = successor.get();
        LOG.warn("resigning management service leadership to {}: no local engine can be reached (engines {})",
                replicas.addressOfPeer(target), engines.stream().map(e -> e.index() + ":" + e.state()).toList());
        node.transferLeadership(target, TRANSFER_TIMEOUT).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("leadership transfer to {} failed (retried after {}): {}", replicas.addressOfPeer(target),
                        COOL_DOWN, error.toString());
            } else {
                LOG.info("management service leadership handed to {}", replicas.addressOfPeer(target));
            }
        });
    }
}
