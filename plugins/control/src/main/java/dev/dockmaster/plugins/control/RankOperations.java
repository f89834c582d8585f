package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.LogMasks;
import dev.dockmaster.spi.grpc.ServerInfo;
import io.grpc.Context;
import io.grpc.Deadline;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The rank RPCs of {@code ctl.CtlSvc} (DAOS {@code server/ctl_ranks_rpc.go}): each one parses the request's rank
 * set, asks the engine harness to act on the local engines among those ranks and turns every per-engine outcome into
 * a {@code shared.RankResult}. The harness owns the waiting (DAOS polls every 500 ms); this class only passes on
 * how long the caller is prepared to wait.
 */
final class RankOperations {
    /** DAOS's default request timeout, used when the call carries no deadline (DAOS would then wait unbounded). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final EngineHarness engines;
    private final String fallbackAddress;

    RankOperations(EngineHarness engines, ServerInfo server) {
        this.engines = engines;
        this.fallbackAddress = server.hostname() + ":" + server.controlPort();
    }

    RanksResp prepShutdown(RanksReq request) {
        Set<Integer> ranks = RankSetParser.parse(request.getRanks());
        return response(engines.prepShutdown(ranks, timeout()));
    }

    RanksResp stop(RanksReq request) {
        Set<Integer> ranks = RankSetParser.parse(request.getRanks());
        return response(engines.stop(ranks, request.getForce(), timeout()));
    }

    /**
     * {@code check_mode} (start the engines in checker mode) is not part of the harness contract: the checker does
     * not exist in Dockmaster yet, so a start in check mode is an ordinary start.
     */
    RanksResp start(RanksReq request) {
        Set<Integer> ranks = RankSetParser.parse(request.getRanks());
        return response(engines.start(ranks, timeout()));
    }

    RanksResp resetFormat(RanksReq request) {
        Set<Integer> ranks = RankSetParser.parse(request.getRanks());
        return response(engines.resetFormat(ranks, timeout()));
    }

    /** Status 0 with one error text per engine that refused the new masks, as DAOS answers. */
    SetLogMasksResp setLogMasks(SetLogMasksReq request) {
        List<String> errors = engines.setLogMasks(new LogMasks(request.getMasks(), request.getStreams(),
                request.getSubsystems(), request.getResetMasks(), request.getResetStreams(),
                request.getResetSubsystems()));
        return SetLogMasksResp.newBuilder().setStatus(0).addAllErrors(errors).build();
    }

    private RanksResp response(List<dev.dockmaster.spi.engine.RankResult> results) {
        String address = CallerAuthority.current().orElse(fallbackAddress);
        RanksResp.Builder out = RanksResp.newBuilder();
        for (dev.dockmaster.spi.engine.RankResult r : results) {
            out.addResults(RankResult.newBuilder()
                    .setRank(r.rank())
                    .setAction(r.action())
                    .setErrored(r.errored())
                    .setMsg(r.message())
                    .setState(r.state())
                    .setAddr(address));
        }
        return out.build();
    }

    /** What is left of the caller's deadline, else DAOS's default. */
    static Duration timeout() {
        Deadline deadline = Context.current().getDeadline();
        if (deadline == null) {
            return DEFAULT_TIMEOUT;
        }
        return Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    }
}
