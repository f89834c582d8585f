package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.shared.RankResult;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one ctl.CtlSvc rank RPC to every host owning selected ranks, all at once and under one deadline (DAOS's
 * control API fan-out): each host gets only its own ranks; a host that does not answer becomes an
 * {@code unresponsive}, errored result for each of its ranks. Never fails: every selected rank gets a result.
 */
final class RankFanout {
    private static final Logger LOG = LoggerFactory.getLogger(RankFanout.class);

    /** The rank RPCs the MS leader fans out, with the action a result carries when its host did not answer. */
    enum Method {
        PREP_SHUTDOWN("prep shutdown"),
        STOP("stop"),
        START("start"),
        RESET_FORMAT("reset format");

        final String action;

        Method(String action) {
            this.action = action;
        }
    }

    private final PeerChannels peers;

    RankFanout(PeerChannels peers) {
        this.peers = peers;
    }

    /** Ranks grouped by the control address of the daos_server that owns them, in address order. */
    static Map<String, TreeSet<Long>> byHost(List<Member> members) {
        Map<String, TreeSet<Long>> out = new TreeMap<>();
        for (Member m : members) {
            out.computeIfAbsent(m.addr(), a -> new TreeSet<>()).add(Integer.toUnsignedLong(m.rank()));
        }
        return out;
    }

    /**
     * Fans {@code method} out for {@code members}; the returned future completes with every rank's result, sorted
     * by rank, once each host answered or failed (the deadline bounds it).
     */
    CompletableFuture<List<RankResult>> run(Method method, List<Member> members, RanksReq template, Deadline deadline) {
        Map<String, TreeSet<Long>> hosts = byHost(members);
        Progress progress = new Progress(method, hosts);
        LOG.info("{}: contacting {} hosts for ranks {}", method.action, hosts.size(), Ranks.format(progress.waiting));
        List<CompletableFuture<List<RankResult>>> calls = new ArrayList<>();
        hosts.forEach((addr, ranks) -> calls.add(call(method, addr, ranks,
                template.toBuilder().setRanks(Ranks.format(ranks)).build(), deadline)
                .whenComplete((results, error) -> progress.hostDone(addr, ranks, results))));
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<RankResult> results = new ArrayList<>();
            calls.forEach(c -> results.addAll(c.join()));
            results.sort(Comparator.comparingLong(r -> Integer.toUnsignedLong(r.getRank())));
            progress.finished(results);
            return results;
        });
    }

    /**
     * What a fan-out logs as it goes (DAOS logs the finished and waiting rank sets as each host answers): the hosts
     * contacted, each answer or silence, and a summary of hosts answered, hosts unresponsive and ranks errored.
     */
    static final class Progress {
        private final Method method;
        private final int hosts;
        private final long start = System.nanoTime();
        private final TreeSet<Long> waiting = new TreeSet<>();
        private final TreeSet<Long> finished = new TreeSet<>();
        private int answered;
        private int unresponsive;

        Progress(Method method, Map<String, TreeSet<Long>> byHost) {
            this.method = method;
            this.hosts = byHost.size();
            byHost.values().forEach(waiting::addAll);
        }

        synchronized void hostDone(String addr, TreeSet<Long> ranks, List<RankResult> results) {
            boolean silent = results != null && !results.isEmpty() && results.stream().allMatch(r -> r.getErrored()
                    && MemberState.UNRESPONSIVE.wireName().equals(r.getState()));
            if (silent) {
                unresponsive++;
            } else {
                answered++;
            }
            waiting.removeAll(ranks);
            finished.addAll(ranks);
            LOG.info("{}: host {} {} for ranks {}; finished {}, waiting {}", method.action, addr,
                    silent ? "unresponsive" : "answered", Ranks.format(ranks), Ranks.format(finished),
                    waiting.isEmpty() ? "none" : Ranks.format(waiting));
        }

        synchronized void finished(List<RankResult> results) {
            long errored = results.stream().filter(RankResult::getErrored).count();
            LOG.info("{} fan-out done: {} hosts contacted, {} answered, {} unresponsive; {} ranks, {} errored, {} ms",
                    method.action, hosts, answered, unresponsive, results.size(), errored,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }

        synchronized int answered() {
            return answered;
        }

        synchronized int unresponsive() {
            return unresponsive;
        }
    }

    private CompletableFuture<List<RankResult>> call(Method method, String addr, TreeSet<Long> ranks, RanksReq req,
                                                     Deadline deadline) {
        CompletableFuture<List<RankResult>> out = new CompletableFuture<>();
        StreamObserver<RanksResp> observer = new StreamObserver<>() {
            @Override
            public void onNext(RanksResp value) {
                List<RankResult> results = new ArrayList<>();
                TreeSet<Long> unanswered = new TreeSet<>(ranks);
                // Each result says which host it came from; a host answering for ranks it was not asked about is
                // not trusted with them.
                for (RankResult r : value.getResultsList()) {
                    if (unanswered.remove(Integer.toUnsignedLong(r.getRank()))) {
                        results.add(r.toBuilder().setAddr(addr).build());
                    }
                }
                for (long rank : unanswered) {
                    results.add(RankResult.newBuilder().setRank((int) rank).setAction(method.action).setErrored(true)
                            .setMsg("no result for this rank from host " + addr).setAddr(addr).build());
                }
                out.complete(results);
            }

            @Override
            public void onError(Throwable t) {
                Status status = Status.fromThrowable(t);
                LOG.warn("{} on host {} (ranks {}) failed: {}", method.action, addr, Ranks.format(ranks), status);
                out.complete(unresponsive(method, addr, ranks, describe(status)));
            }

            @Override
            public void onCompleted() {
                out.complete(List.of());
            }
        };
        try {
            CtlSvcGrpc.CtlSvcStub stub = CtlSvcGrpc.newStub(peers.channel(addr)).withDeadline(deadline);
            switch (method) {
                case PREP_SHUTDOWN -> stub.prepShutdownRanks(req, observer);
                case STOP -> stub.stopRanks(req, observer);
                case START -> stub.startRanks(req, observer);
                case RESET_FORMAT -> stub.resetFormatRanks(req, observer);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} on host {} could not be sent: {}", method.action, addr, e.toString());
            out.complete(unresponsive(method, addr, ranks, e.toString()));
        }
        return out;
    }

    static String describe(Status status) {
        String description = status.getDescription();
        return status.getCode() + (description == null ? "" : ": " + description);
    }

    static List<RankResult> unresponsive(Method method, String addr, TreeSet<Long> ranks, String why) {
        List<RankResult> out = new ArrayList<>();
        for (long rank : ranks) {
            out.add(RankResult.newBuilder().setRank((int) rank).setAction(method.action).setErrored(true)
                    .setMsg(why).setState(MemberState.UNRESPONSIVE.wireName()).setAddr(addr).build());
        }
        return out;
    }
}
