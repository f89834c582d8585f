package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.shared.RankResult;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The production channel path: real loopback sockets, one live control service and one closed port. */
class PeerChannelsNetworkTest {
    static Member member(int rank, String addr) {
        return new Member(rank, "00000000-0000-0000-0000-0000000000" + (10 + rank), addr, "ofi+tcp://x", 1,
                List.of(), List.of(), "/h", MemberState.JOINED, "", 1, Instant.EPOCH);
    }

    @Test
    void liveHostAnswersAndClosedPortIsUnresponsive() throws Exception {
        SystemFanoutTest.FakeCtl ctl = new SystemFanoutTest.FakeCtl();
        ServerInterceptor recordHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                ctl.headers.add(headers);
                return next.startCall(call, headers);
            }
        };
        Server live = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(ctl, recordHeaders)).build().start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String liveAddr = "127.0.0.1:" + live.getPort();
        String deadAddr = "127.0.0.1:" + closedPort;
        try (PeerChannels peers = PeerChannels.network(InsecureChannelCredentials::create, "2.6.5")) {
            List<RankResult> results = new RankFanout(peers).run(RankFanout.Method.STOP,
                    List.of(member(0, liveAddr), member(1, liveAddr), member(2, deadAddr)),
                    RanksReq.newBuilder().setForce(true).build(), Deadline.after(5, TimeUnit.SECONDS))
                    .get(10, TimeUnit.SECONDS);

            assertThat(ctl.calls).containsExactly("stop 0-1 force");
            assertThat(ctl.headers.get(0).get(PeerChannels.COMPONENT)).isEqualTo("server");
            assertThat(ctl.headers.get(0).get(PeerChannels.VERSION)).isEqualTo("2.6.5");
            assertThat(results).extracting(RankResult::getState).containsExactly("stopped", "stopped",
                    "unresponsive");
            assertThat(results.get(2).getErrored()).isTrue();
            assertThat(results.get(2).getMsg()).contains("UNAVAILABLE");
            assertThat(results).extracting(RankResult::getAddr).containsExactly(liveAddr, liveAddr, deadAddr);
        } finally {
            live.shutdownNow();
        }
    }
}
