package dev.dockmaster.client.invoke;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RpcErrorsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown host", Status.UNAVAILABLE.withCause(new UnknownHostException("nohost")), 504),
                Arguments.of("no route", Status.UNAVAILABLE.withCause(new NoRouteToHostException("x")), 505),
                Arguments.of("refused", Status.UNAVAILABLE.withCause(new ConnectException("Connection refused")), 506),
                Arguments.of("closed", Status.UNAVAILABLE.withCause(new ClosedChannelException()), 507),
                Arguments.of("connect timed out",
                        Status.UNAVAILABLE.withCause(new ConnectException("connection timed out")), 508),
                Arguments.of("closed by description", Status.UNAVAILABLE.withDescription("Network closed for unknown reason"), 507),
                Arguments.of("unresolvable by description", Status.UNAVAILABLE.withDescription("Unable to resolve host x"), 504),
                Arguments.of("deadline", Status.DEADLINE_EXCEEDED, 510));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsToClientFaults(String name, Status status, int code) {
        Throwable mapped = RpcErrors.toHostError(status.asRuntimeException(), "h:1", "StorageScan", Duration.ofMinutes(5));
        assertThat(mapped).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.domain()).isEqualTo("client");
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.resolution()).isNotBlank();
        });
    }

    private static StatusRuntimeException withInfo(String reason, Map<String, String> meta) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(com.google.rpc.Code.INTERNAL_VALUE).setMessage("redirect")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("DAOS")
                        .putAllMetadata(meta).build()))
                .build());
    }

    static Stream<Arguments> redirects() {
        return Stream.of(
                Arguments.of("not leader with hint", withInfo("proto.system.ErrNotLeader", Map.of(
                        "LeaderHint", "10.0.0.2:10001", "Replicas", "[\"10.0.0.1:10001\",\"10.0.0.2:10001\"]")),
                        new NotLeaderException("10.0.0.2:10001", List.of("10.0.0.1:10001", "10.0.0.2:10001"))),
                Arguments.of("not leader during an election", withInfo("proto.system.ErrNotLeader", Map.of(
                        "LeaderHint", "", "Replicas", "[\"10.0.0.3:10001\"]")),
                        new NotLeaderException("", List.of("10.0.0.3:10001"))),
                Arguments.of("not leader, nil replicas", withInfo("proto.system.ErrNotLeader", Map.of(
                        "LeaderHint", "10.0.0.2:10001", "Replicas", "null")),
                        new NotLeaderException("10.0.0.2:10001", List.of())),
                Arguments.of("not replica", withInfo("proto.system.ErrNotReplica", Map.of(
                        "Replicas", " [ \"a:1\" , \"b\\u003a2\" ] ")),
                        new NotReplicaException(List.of("a:1", "b:2"))),
                Arguments.of("not replica, garbage replicas", withInfo("proto.system.ErrNotReplica", Map.of(
                        "Replicas", "[\"a:1\", 7]")),
                        new NotReplicaException(List.of())),
                Arguments.of("not replica, bad escape", withInfo("proto.system.ErrNotReplica", Map.of(
                        "Replicas", "[\"\\uzzzz\"]")),
                        new NotReplicaException(List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirects")
    void decodesTheManagementServiceRedirects(String name, StatusRuntimeException thrown, RuntimeException expected) {
        Throwable mapped = RpcErrors.toHostError(thrown, "h:1", "SystemQuery", Duration.ofMinutes(5));
        assertThat(mapped).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        if (expected instanceof NotLeaderException nl) {
            assertThat(((NotLeaderException) mapped).leaderHint()).isEqualTo(nl.leaderHint());
            assertThat(((NotLeaderException) mapped).replicas()).isEqualTo(nl.replicas());
        } else {
            assertThat(((NotReplicaException) mapped).replicas())
                    .isEqualTo(((NotReplicaException) expected).replicas());
        }
    }

    @Test
    void notLeaderReadsAsDaosPrintsIt() {
        assertThat(new NotLeaderException("10.0.0.2:10001", List.of("10.0.0.1:10001", "10.0.0.2:10001")))
                .hasMessage("not the DAOS Management Service leader (try 10.0.0.2:10001 or one of "
                        + "10.0.0.1:10001,10.0.0.2:10001)");
        assertThat(new NotReplicaException(List.of("10.0.0.1:10001")))
                .hasMessage("not a DAOS Management Service replica (try one of 10.0.0.1:10001)");
    }
}
