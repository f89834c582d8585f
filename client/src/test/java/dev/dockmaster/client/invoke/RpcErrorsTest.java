package dev.dockmaster.client.invoke;

import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
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
}
