package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.SystemCleanupReq;
import dev.dockmaster.proto.mgmt.SystemCleanupResp;
import dev.dockmaster.proto.mgmt.SystemEraseReq;
import dev.dockmaster.proto.mgmt.SystemEraseResp;
import dev.dockmaster.proto.mgmt.SystemGetPropReq;
import dev.dockmaster.proto.mgmt.SystemGetPropResp;
import dev.dockmaster.proto.mgmt.SystemSetPropReq;
import dev.dockmaster.proto.mgmt.SystemExcludeReq;
import dev.dockmaster.proto.mgmt.SystemExcludeResp;
import dev.dockmaster.proto.mgmt.SystemStartReq;
import dev.dockmaster.proto.mgmt.SystemStartResp;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.mgmt.SystemStopResp;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemGetAttrResp;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import dev.dockmaster.proto.mgmt.GetAttachInfoReq;
import dev.dockmaster.proto.mgmt.GetAttachInfoResp;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.LeaderQueryResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.ClusterEventResp;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** mgmt.MgmtSvc over {@link ManagementService}: each handler answers or closes the call with DAOS's error. */
final class MgmtGrpcService extends MgmtSvcGrpc.MgmtSvcImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(MgmtGrpcService.class);
    private static final Context.Key<String> PEER_IP = Context.key("dockmaster-mgmt-peer-ip");
    /** The caller's {@code x-daos-component} header: "server" when another daos_server calls. */
    private static final Context.Key<String> COMPONENT = Context.key("dockmaster-mgmt-component");

    private final ManagementService service;
    private final PoolService pools;
    private final ClassLoader loader;

    /** Without engines for the pools (tests of the system calls). */
    MgmtGrpcService(ManagementService service) {
        this(service, new PoolService(service.poolAccess(), dev.dockmaster.spi.engine.EngineHarness.none(),
                java.time.Clock.systemUTC(), new java.util.Random()));
    }

    MgmtGrpcService(ManagementService service, PoolService pools) {
        this.service = service;
        this.pools = pools;
        this.loader = MgmtGrpcService.class.getClassLoader();
    }

    /** The service with the interceptor that records the caller's IP (for joins from {@code 0.0.0.0}). */
    ServerServiceDefinition definition() {
        return ServerInterceptors.intercept(bindService(), new PeerAddressInterceptor());
    }

    @Override
    public void join(JoinReq request, StreamObserver<JoinResp> responseObserver) {
        async(responseObserver, () -> service.join(request, Optional.ofNullable(PEER_IP.get())));
    }

    @Override
    public void clusterEvent(ClusterEventReq request, StreamObserver<ClusterEventResp> responseObserver) {
        async(responseObserver, () -> service.clusterEvent(request));
    }

    @Override
    public void leaderQuery(LeaderQueryReq request, StreamObserver<LeaderQueryResp> responseObserver) {
        unary(responseObserver, () -> service.leaderQuery(request));
    }

    @Override
    public void getAttachInfo(GetAttachInfoReq request, StreamObserver<GetAttachInfoResp> responseObserver) {
        unary(responseObserver, () -> service.getAttachInfo(request));
    }

    @Override
    public void systemQuery(SystemQueryReq request, StreamObserver<SystemQueryResp> responseObserver) {
        unary(responseObserver, () -> service.systemQuery(request));
    }

    @Override
    public void systemSetAttr(SystemSetAttrReq request, StreamObserver<DaosResp> responseObserver) {
        async(responseObserver, () -> service.systemSetAttr(request));
    }

    @Override
    public void systemGetAttr(SystemGetAttrReq request, StreamObserver<SystemGetAttrResp> responseObserver) {
        unary(responseObserver, () -> service.systemGetAttr(request));
    }

    @Override
    public void systemStop(SystemStopReq request, StreamObserver<SystemStopResp> responseObserver) {
        async(responseObserver, () -> service.systemStop(request, deadline()));
    }

    @Override
    public void systemStart(SystemStartReq request, StreamObserver<SystemStartResp> responseObserver) {
        async(responseObserver, () -> service.systemStart(request, deadline()));
    }

    @Override
    public void systemExclude(SystemExcludeReq request, StreamObserver<SystemExcludeResp> responseObserver) {
        async(responseObserver, () -> service.systemExclude(request));
    }

    /** From another server (the erase's leader) it erases this replica's database; from an admin it is the erase. */
    @Override
    public void systemErase(SystemEraseReq request, StreamObserver<SystemEraseResp> responseObserver) {
        boolean fromServer = "server".equals(COMPONENT.get());
        async(responseObserver, () -> service.systemErase(request, deadline(), fromServer));
    }

    @Override
    public void systemCleanup(SystemCleanupReq request, StreamObserver<SystemCleanupResp> responseObserver) {
        unary(responseObserver, () -> service.systemCleanup(request));
    }

    @Override
    public void systemSetProp(SystemSetPropReq request, StreamObserver<DaosResp> responseObserver) {
        async(responseObserver, () -> service.systemSetProp(request));
    }

    @Override
    public void systemGetProp(SystemGetPropReq request, StreamObserver<SystemGetPropResp> responseObserver) {
        unary(responseObserver, () -> service.systemGetProp(request));
    }

    // ---- pools (PoolService) -----------------------------------------------------------------------------------

    @Override
    public void poolCreate(dev.dockmaster.proto.mgmt.PoolCreateReq request,
                           StreamObserver<dev.dockmaster.proto.mgmt.PoolCreateResp> responseObserver) {
        async(responseObserver, () -> pools.create(request));
    }

    @Override
    public void poolDestroy(dev.dockmaster.proto.mgmt.PoolDestroyReq request,
                            StreamObserver<dev.dockmaster.proto.mgmt.PoolDestroyResp> responseObserver) {
        async(responseObserver, () -> pools.destroy(request));
    }

    @Override
    public void poolEvict(dev.dockmaster.proto.mgmt.PoolEvictReq request,
                          StreamObserver<dev.dockmaster.proto.mgmt.PoolEvictResp> responseObserver) {
        async(responseObserver, () -> pools.evict(request));
    }

    @Override
    public void poolExclude(dev.dockmaster.proto.mgmt.PoolExcludeReq request,
                            StreamObserver<dev.dockmaster.proto.mgmt.PoolExcludeResp> responseObserver) {
        async(responseObserver, () -> pools.exclude(request));
    }

    @Override
    public void poolDrain(dev.dockmaster.proto.mgmt.PoolDrainReq request,
                          StreamObserver<dev.dockmaster.proto.mgmt.PoolDrainResp> responseObserver) {
        async(responseObserver, () -> pools.drain(request));
    }

    @Override
    public void poolReintegrate(dev.dockmaster.proto.mgmt.PoolReintReq request,
                                StreamObserver<dev.dockmaster.proto.mgmt.PoolReintResp> responseObserver) {
        async(responseObserver, () -> pools.reintegrate(request));
    }

    @Override
    public void poolQuery(dev.dockmaster.proto.mgmt.PoolQueryReq request,
                          StreamObserver<dev.dockmaster.proto.mgmt.PoolQueryResp> responseObserver) {
        async(responseObserver, () -> pools.query(request));
    }

    @Override
    public void poolSetProp(dev.dockmaster.proto.mgmt.PoolSetPropReq request,
                            StreamObserver<dev.dockmaster.proto.mgmt.PoolSetPropResp> responseObserver) {
        async(responseObserver, () -> pools.setProp(request));
    }

    @Override
    public void poolGetProp(dev.dockmaster.proto.mgmt.PoolGetPropReq request,
                            StreamObserver<dev.dockmaster.proto.mgmt.PoolGetPropResp> responseObserver) {
        async(responseObserver, () -> pools.getProp(request));
    }

    @Override
    public void poolGetACL(dev.dockmaster.proto.mgmt.GetACLReq request,
                           StreamObserver<dev.dockmaster.proto.mgmt.ACLResp> responseObserver) {
        async(responseObserver, () -> pools.getAcl(request));
    }

    @Override
    public void poolOverwriteACL(dev.dockmaster.proto.mgmt.ModifyACLReq request,
                                 StreamObserver<dev.dockmaster.proto.mgmt.ACLResp> responseObserver) {
        async(responseObserver, () -> pools.overwriteAcl(request));
    }

    @Override
    public void poolUpdateACL(dev.dockmaster.proto.mgmt.ModifyACLReq request,
                              StreamObserver<dev.dockmaster.proto.mgmt.ACLResp> responseObserver) {
        async(responseObserver, () -> pools.updateAcl(request));
    }

    @Override
    public void poolDeleteACL(dev.dockmaster.proto.mgmt.DeleteACLReq request,
                              StreamObserver<dev.dockmaster.proto.mgmt.ACLResp> responseObserver) {
        async(responseObserver, () -> pools.deleteAcl(request));
    }

    @Override
    public void listPools(dev.dockmaster.proto.mgmt.ListPoolsReq request,
                          StreamObserver<dev.dockmaster.proto.mgmt.ListPoolsResp> responseObserver) {
        unary(responseObserver, () -> pools.list(request));
    }

    /**
     * The fan-out's one deadline: the caller's, less a reserve (a tenth of the time left, at most a second) so that
     * the results can still be recorded through raft and answered before the caller gives up; else
     * {@link ManagementService#DEFAULT_FANOUT_TIMEOUT}.
     */
    static Deadline deadline() {
        Deadline callers = Context.current().getDeadline();
        if (callers == null) {
            return Deadline.after(ManagementService.DEFAULT_FANOUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        long left = callers.timeRemaining(TimeUnit.MILLISECONDS);
        long reserve = Math.min(1000, Math.max(0, left / 10));
        return Deadline.after(Math.max(0, left - reserve), TimeUnit.MILLISECONDS);
    }

    private <T> void unary(StreamObserver<T> observer, Supplier<T> handler) {
        T answer;
        try {
            answer = RaftNode.withLoader(loader, handler::get);
        } catch (RuntimeException e) {
            observer.onError(asStatus(e));
            return;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }

    private <T> void async(StreamObserver<T> observer, Supplier<CompletableFuture<T>> handler) {
        CompletableFuture<T> future;
        try {
            future = RaftNode.withLoader(loader, handler::get);
        } catch (RuntimeException e) {
            observer.onError(asStatus(e));
            return;
        }
        future.whenComplete((answer, error) -> {
            if (error != null) {
                observer.onError(asStatus(error));
            } else {
                observer.onNext(answer);
                observer.onCompleted();
            }
        });
    }

    private StatusRuntimeException asStatus(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof RaftNode.NotLeader notLeader) {
            // the hint the raft answer carried: empty while there is no leader (quorum lost, election running)
            String hint = notLeader.leaderHint().isEmpty() ? ""
                    : service.replicas().addressOfPeer(notLeader.leaderHint());
            return MgmtErrors.notLeader(hint, service.replicas().resolved());
        }
        if (cause instanceof dev.dockmaster.spi.Fault fault) {
            return MgmtErrors.fault(fault);
        }
        LOG.warn("management service call failed", cause);
        return Status.UNKNOWN.withDescription(String.valueOf(cause.getMessage())).withCause(cause)
                .asRuntimeException();
    }

    /** Puts the caller's IP in the call's context. */
    private static final class PeerAddressInterceptor implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            Context context = Context.current().withValue(COMPONENT, headers.get(PeerChannels.COMPONENT));
            if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
                context = context.withValue(PEER_IP, inet.getAddress().getHostAddress());
            }
            return Contexts.interceptCall(context, call, headers, next);
        }
    }
}
