package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.drpc.DrpcConnection;
import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.drpc.DrpcListener;
import dev.dockmaster.spi.drpc.DrpcTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link DrpcTransport} must do, written once: a transport's test extends this and supplies the transport.
 * The socket semantics are DAOS's dRPC: whole messages, one answer per message, a size limit that is an error (never
 * silent truncation), a private socket file, stale files replaced and live ones refused.
 */
public abstract class DrpcTransportContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    protected DrpcTransport transport;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A new transport; the contract closes it after each test. */
    protected abstract DrpcTransport newTransport();

    /** Leaves a socket file at {@code path} that nobody listens on any more, as a killed server would. */
    protected abstract void leaveStaleSocketFile(Path path) throws IOException;

    @BeforeEach
    void createTransport() {
        transport = newTransport();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        transport.close();
    }

    private DrpcListener listen(Path socket, DrpcHandler handler) throws IOException {
        DrpcListener listener = transport.listen(socket, handler);
        toClose.add(listener);
        return listener;
    }

    /** The handler of most tests: answers with the message reversed, so an answer is distinguishable from an echo. */
    private static byte[] reversed(byte[] message) {
        byte[] out = new byte[message.length];
        for (int i = 0; i < message.length; i++) {
            out[i] = message[message.length - 1 - i];
        }
        return out;
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 64, 4096, 65_536, 128 * 1024, 1 << 20})
    void aMessageCrossesWholeAndIsAnsweredWhole(int size) throws IOException {
        Path socket = dir.resolve("s.sock");
        listen(socket, DrpcTransportContract::reversed);
        byte[] message = pattern(Math.min(size, transport.maxMessageBytes()));

        try (DrpcConnection connection = transport.connect(socket)) {
            assertThat(connection.call(message, TIMEOUT)).isEqualTo(reversed(message));
        }
    }

    @Test
    void theLimitIsTheGoServersOneMebibyte() {
        assertThat(transport.maxMessageBytes()).isEqualTo(1 << 20);
    }

    @Test
    void aMessageOverTheLimitIsAClearErrorAndTheListenerKeepsServing() throws IOException {
        Path socket = dir.resolve("s.sock");
        listen(socket, DrpcTransportContract::reversed);

        try (DrpcConnection connection = transport.connect(socket)) {
            assertThatThrownBy(() -> connection.call(new byte[transport.maxMessageBytes() + 1], TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("exceeds the dRPC maximum of " + transport.maxMessageBytes());
        }
        try (DrpcConnection connection = transport.connect(socket)) {
            assertThat(connection.call(new byte[] {1, 2}, TIMEOUT)).containsExactly(2, 1);
        }
    }

    @Test
    void anAnswerOverTheLimitIsNotDeliveredTruncated() throws IOException {
        Path socket = dir.resolve("s.sock");
        listen(socket, m -> new byte[transport.maxMessageBytes() + 1]);

        try (DrpcConnection connection = transport.connect(socket)) {
            // The listener refuses to send it; the client sees the connection end, never a cut message.
            assertThatThrownBy(() -> connection.call(new byte[] {1}, TIMEOUT)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void oneConnectionCarriesSeveralCallsInOrder() throws IOException {
        Path socket = dir.resolve("s.sock");
        listen(socket, DrpcTransportContract::reversed);

        try (DrpcConnection connection = transport.connect(socket)) {
            for (int i = 0; i < 50; i++) {
                byte[] message = {(byte) i, (byte) (i + 1), 7};
                assertThat(connection.call(message, TIMEOUT)).isEqualTo(reversed(message));
            }
        }
    }

    @Test
    void concurrentConnectionsAreServedIndependently() throws Exception {
        Path socket = dir.resolve("s.sock");
        listen(socket, DrpcTransportContract::reversed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        byte[] message = {(byte) id, (byte) i, 42, (byte) (id ^ i)};
                        try (DrpcConnection c = transport.connect(socket)) {
                            if (!Arrays.equals(c.call(message, TIMEOUT), reversed(message))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSocketFileIsPrivateToItsUser() throws IOException {
        Path socket = dir.resolve("daos_server.sock");
        DrpcListener listener = listen(socket, DrpcTransportContract::reversed);

        assertThat(listener.path()).isEqualTo(socket);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException {
        Path socket = dir.resolve("daos_server.sock");
        leaveStaleSocketFile(socket);
        assertThat(socket).exists();

        listen(socket, DrpcTransportContract::reversed);

        try (DrpcConnection connection = transport.connect(socket)) {
            assertThat(connection.call(new byte[] {3, 4}, TIMEOUT)).containsExactly(4, 3);
        }
    }

    @Test
    void aSocketInUseByALiveListenerIsAFault() throws IOException {
        Path socket = dir.resolve("daos_server.sock");
        listen(socket, DrpcTransportContract::reversed);

        assertThatThrownBy(() -> listen(socket, m -> m))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("drpc");
                    assertThat(f.code()).isEqualTo(6);
                    assertThat(f.description()).contains(socket.toString()).contains("already in use");
                    assertThat(f.resolution()).isNotEmpty();
                });
        // The first listener is untouched.
        try (DrpcConnection connection = transport.connect(socket)) {
            assertThat(connection.call(new byte[] {5, 6}, TIMEOUT)).containsExactly(6, 5);
        }
    }

    @Test
    void closingTheListenerRemovesTheSocketFileAndRefusesConnections() throws IOException {
        Path socket = dir.resolve("s.sock");
        DrpcListener listener = transport.listen(socket, DrpcTransportContract::reversed);

        listener.close();

        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> transport.connect(socket).close()).isInstanceOf(IOException.class);
    }

    @Test
    void connectingToAMissingSocketNamesThePath() {
        Path socket = dir.resolve("daos_engine_1.sock");

        assertThatThrownBy(() -> transport.connect(socket).close())
                .isInstanceOf(IOException.class).hasMessageContaining(socket.toString());
    }

    @Test
    void aCallThatGetsNoAnswerTimesOut() throws Exception {
        Path socket = dir.resolve("s.sock");
        CountDownLatch release = new CountDownLatch(1);
        listen(socket, m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return m;
        });

        try (DrpcConnection connection = transport.connect(socket)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.call(new byte[] {1}, Duration.ofMillis(200)))
                    .isInstanceOf(java.net.SocketTimeoutException.class).hasMessageContaining("no response");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aHandlerThatThrowsEndsOnlyItsSession() throws IOException {
        Path socket = dir.resolve("s.sock");
        listen(socket, m -> {
            if (m[0] == 0) {
                throw new IllegalStateException("handler bug");
            }
            return reversed(m);
        });

        try (DrpcConnection connection = transport.connect(socket)) {
            assertThatThrownBy(() -> connection.call(new byte[] {0}, TIMEOUT)).isInstanceOf(IOException.class);
        }
        try (DrpcConnection connection = transport.connect(socket)) {
            assertThat(connection.call(new byte[] {1, 2}, TIMEOUT)).containsExactly(2, 1);
        }
    }
}
