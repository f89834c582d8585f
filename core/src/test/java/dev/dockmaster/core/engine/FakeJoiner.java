package dev.dockmaster.core.engine;

import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.spi.Fault;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A management service in a box: records join requests and answers them with a scripted function (by default, the
 * rank in the request, or the next new rank from 1 for NilRank; map version 2).
 */
final class FakeJoiner implements EngineJoiner {
    final List<JoinReq> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JoinReq, JoinResp> answer = FakeJoiner::assign;
    private volatile CountDownLatch gate;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger(1);

    static JoinResp assign(JoinReq req) {
        int rank = req.getRank() == EngineInstance.NIL_RANK ? NEXT.getAndIncrement() : req.getRank();
        return JoinResp.newBuilder().setRank(rank).setMapVersion(2).build();
    }

    FakeJoiner answer(Function<JoinReq, JoinResp> answer) {
        this.answer = answer;
        return this;
    }

    FakeJoiner refuse(Fault fault) {
        return answer(req -> {
            throw fault;
        });
    }

    /** Joins block until {@link #release()} (or until interrupted). */
    FakeJoiner hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    void release() {
        gate.countDown();
    }

    @Override
    public JoinResp join(JoinReq request) throws InterruptedException {
        requests.add(request);
        CountDownLatch held = gate;
        if (held != null) {
            held.await();
        }
        return answer.apply(request);
    }
}
