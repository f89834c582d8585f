package dev.dockmaster.enginesim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.SetRankReq;
import dev.dockmaster.enginesim.fabric.GroupMaps;
import dev.dockmaster.enginesim.fabric.RankDirectory;
import dev.dockmaster.enginesim.pool.PoolEngine;

import java.io.PrintStream;

/**
 * The engine side of the server's MGMT calls (module 2): SetRank, SetUp, PrepShutdown, PingRank, SetLogMasks and
 * GroupUpdate, and the pool methods, which go to the {@link PoolEngine} (outside this object's lock: a pool call may
 * wait on other engines). After SetRank and then SetUp the engine prints DAOS's start-up line. Frames it cannot
 * decode, modules it does not serve and methods it does not know get DAOS's dRPC statuses.
 */
final class EngineCalls {
    static final int MODULE_MGMT = 2;
    static final int SET_RANK = 202;
    static final int SET_UP = 209;
    static final int PREP_SHUTDOWN = 218;
    static final int PING_RANK = 225;
    static final int GROUP_UPDATE = 232;
    static final int SET_LOG_MASKS = 238;
    /** DAOS's -DER_UNINIT: SetUp before SetRank. */
    static final int DER_UNINIT = -1015;
    static final long NIL_RANK = 0xFFFF_FFFFL;

    private final EngineArgs args;
    private final long pid;
    private final String host;
    private final String version;
    private final PrintStream out;
    private final PrintStream log;
    private final RankDirectory directory;
    private final PoolEngine pools;
    private final GroupMaps groupMaps;
    private long rank = NIL_RANK;
    private boolean started;
    private String logMasks;

    private final EngineTelemetry telemetry;

    EngineCalls(EngineArgs args, long pid, String host, String version, String logMasks, PrintStream out,
                PrintStream log, EngineTelemetry telemetry, RankDirectory directory, PoolEngine pools,
                GroupMaps groupMaps) {
        this.telemetry = telemetry;
        this.directory = directory;
        this.groupMaps = groupMaps;
        this.pools = pools;
        this.args = args;
        this.pid = pid;
        this.host = host;
        this.version = version;
        this.logMasks = logMasks;
        this.out = out;
        this.log = log;
    }

    /**
     * Every frame gets an answer; the engine never dies of a bad one. Each answer is counted in the telemetry. Not
     * synchronized: a pool call waits on other engines over the fabric while control calls go on.
     */
    byte[] handle(byte[] frame) {
        byte[] answer = answer(frame);
        boolean success;
        try {
            success = Response.parseFrom(answer).getStatus() == Status.SUCCESS;
        } catch (InvalidProtocolBufferException e) {
            success = false;
        }
        telemetry.callAnswered(success);
        return answer;
    }

    private byte[] answer(byte[] frame) {
        Call call;
        try {
            call = Call.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            return response(-1, Status.FAILED_UNMARSHAL_CALL, null);
        }
        long seq = call.getSequence();
        if (call.getModule() != MODULE_MGMT) {
            return response(seq, Status.UNKNOWN_MODULE, null);
        }
        if (PoolEngine.handles(call.getMethod())) {
            try {
                return response(seq, Status.SUCCESS, pools.call(call.getMethod(), call.getBody()).toByteString());
            } catch (InvalidProtocolBufferException e) {
                return response(seq, Status.FAILED_UNMARSHAL_PAYLOAD, null);
            } catch (RuntimeException e) {
                log.println("engine-sim: pool call " + call.getMethod() + " failed: " + e);
                return response(seq, Status.FAILURE, null);
            }
        }
        return control(call);
    }

    private synchronized byte[] control(Call call) {
        long seq = call.getSequence();
        try {
            MessageLite answer = switch (call.getMethod()) {
                case SET_RANK -> setRank(SetRankReq.parseFrom(call.getBody()));
                case SET_UP -> setUp();
                case PREP_SHUTDOWN -> {
                    log.println("engine-sim: preparing to shut down rank " + rankText());
                    yield daos(0);
                }
                case PING_RANK -> daos(0);
                case GROUP_UPDATE -> groupUpdate(GroupUpdateReq.parseFrom(call.getBody()));
                case SET_LOG_MASKS -> setLogMasks(SetLogMasksReq.parseFrom(call.getBody()));
                default -> null;
            };
            if (answer == null) {
                return response(seq, Status.UNKNOWN_METHOD, null);
            }
            return response(seq, Status.SUCCESS, answer.toByteString());
        } catch (InvalidProtocolBufferException e) {
            return response(seq, Status.FAILED_UNMARSHAL_PAYLOAD, null);
        }
    }

    private MessageLite setRank(SetRankReq req) {
        rank = Integer.toUnsignedLong(req.getRank());
        telemetry.rank(rank);
        directory.setSelfRank(rank);
        log.println("engine-sim: rank " + rank + " (map version " + req.getMapVersion() + ")");
        return daos(0);
    }

    private MessageLite setUp() {
        if (rank == NIL_RANK) {
            return daos(DER_UNINIT);
        }
        if (!started) {
            started = true;
            telemetry.servicing();
            out.printf("DAOS I/O Engine (v%s) process %d started on rank %d with %d target, %d helper XS,"
                    + " firstcore %d, host %s.%n", version, pid, rank, args.targets(), args.helperXs(),
                    args.firstCore(), host);
            if (args.numaNode() != -1) {
                out.printf("Using NUMA node: %d", args.numaNode());
            }
            out.flush();
        }
        return daos(0);
    }

    private MessageLite groupUpdate(GroupUpdateReq req) {
        int status = groupMaps.fromServer(req);
        if (status != 0) {
            return GroupUpdateResp.newBuilder().setStatus(status).build();
        }
        log.println("engine-sim: group map version " + req.getMapVersion() + ", " + req.getEnginesCount()
                + " engines");
        return GroupUpdateResp.newBuilder().setStatus(0).build();
    }

    private MessageLite setLogMasks(SetLogMasksReq req) {
        if (req.getResetMasks()) {
            logMasks = "ERR";
        } else if (!req.getMasks().isEmpty()) {
            logMasks = req.getMasks();
        }
        log.println("engine-sim: log masks " + logMasks);
        return SetLogMasksResp.newBuilder().setStatus(0).build();
    }

    synchronized String logMasks() {
        return logMasks;
    }

    private String rankText() {
        return rank == NIL_RANK ? "(none)" : Long.toString(rank);
    }

    private static DaosResp daos(int status) {
        return DaosResp.newBuilder().setStatus(status).build();
    }

    static byte[] response(long seq, Status status, ByteString body) {
        Response.Builder r = Response.newBuilder().setSequence(seq).setStatus(status);
        if (body != null) {
            r.setBody(body);
        }
        return r.build().toByteArray();
    }
}
