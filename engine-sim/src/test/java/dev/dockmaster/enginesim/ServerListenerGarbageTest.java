package dev.dockmaster.enginesim;

import com.google.protobuf.ByteString;
import dev.dockmaster.core.drpc.DrpcServer;
import dev.dockmaster.plugins.drpc.seqpacket.SeqpacketTransport;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.srv.ListPoolsReq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's listener on {@code daos_server.sock} against a raw junixsocket client that sends whatever it likes:
 * every frame gets DAOS's status and the server keeps serving, on the same connection and on new ones.
 */
class ServerListenerGarbageTest {
    @TempDir
    Path dir;

    private DrpcServer server;

    @BeforeEach
    void start() throws IOException {
        Files.createFile(dir.resolve("daos_engine_999.sock")); // left by a previous run
        server = DrpcServer.start(new SeqpacketTransport(16), dir, () -> 1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    record Garbage(String name, byte[] frame, long sequence, Status status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] call(int module, int method, long seq, byte[] body) {
        return Call.newBuilder().setModule(module).setMethod(method).setSequence(seq)
                .setBody(ByteString.copyFrom(body)).build().toByteArray();
    }

    static Stream<Garbage> garbage() {
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        random[0] = (byte) 0xff; // an invalid tag, whatever follows
        return Stream.of(
                new Garbage("random bytes", random, -1, Status.FAILED_UNMARSHAL_CALL),
                new Garbage("text", "hello daos\n".getBytes(), -1, Status.FAILED_UNMARSHAL_CALL),
                new Garbage("truncated call", Arrays.copyOf(call(3, 310, 4, new byte[40]), 10), -1,
                        Status.FAILED_UNMARSHAL_CALL),
                new Garbage("unknown module 77", call(77, 7701, 5, new byte[0]), 5, Status.UNKNOWN_MODULE),
                new Garbage("MGMT method on the server", call(2, 209, 6, new byte[0]), 6, Status.UNKNOWN_METHOD),
                new Garbage("unknown SRV method", call(3, 350, 7, new byte[0]), 7, Status.UNKNOWN_METHOD),
                new Garbage("bad NotifyReady body", call(3, 301, 8, new byte[] {(byte) 0xff, 1}), 8,
                        Status.FAILED_UNMARSHAL_PAYLOAD),
                new Garbage("NotifyReady with a missing socket", call(3, 301, 9,
                        dev.dockmaster.proto.srv.NotifyReadyReq.newBuilder().setDrpcListenerSock("/nope.sock")
                                .build().toByteArray()), 9, Status.FAILURE));
    }

    private static Response exchange(AFUNIXDatagramSocket socket, byte[] frame) throws IOException {
        socket.send(new DatagramPacket(frame, frame.length));
        byte[] buffer = new byte[1 << 20];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Response.parseFrom(Arrays.copyOf(buffer, packet.getLength()));
    }

    private AFUNIXDatagramSocket connect() throws IOException {
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
        socket.connect(AFUNIXSocketAddress.of(dir.resolve("daos_server.sock")));
        socket.setSoTimeout(10_000);
        return socket;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageGetsDaosStatusAndTheConnectionStaysUsable(Garbage g) throws IOException {
        try (AFUNIXDatagramSocket socket = connect()) {
            Response bad = exchange(socket, g.frame());
            assertThat(bad.getStatus()).isEqualTo(g.status());
            assertThat(bad.getSequence()).isEqualTo(g.sequence());
            assertThat(bad.getBody().isEmpty()).isTrue();

            Response good = exchange(socket, call(3, 310, 100, ListPoolsReq.getDefaultInstance().toByteArray()));
            assertThat(good.getStatus()).isEqualTo(Status.SUCCESS);
            assertThat(good.getSequence()).isEqualTo(100);
        }
    }

    @Test
    void aThousandBadFramesLaterTheServerStillAnswers() throws IOException {
        for (int i = 0; i < 1000; i++) {
            try (AFUNIXDatagramSocket socket = connect()) {
                byte[] junk = {(byte) 0xff, (byte) i};
                socket.send(new DatagramPacket(junk, junk.length));
                if (i % 2 == 0) { // half the clients leave without reading their answer
                    assertThat(exchange(socket, junk).getStatus()).isEqualTo(Status.FAILED_UNMARSHAL_CALL);
                }
            }
        }
        try (AFUNIXDatagramSocket socket = connect()) {
            assertThat(exchange(socket, call(3, 310, 1, new byte[0])).getStatus()).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    void theServerSocketIsPrivateAndOldEngineSocketsAreGone() throws IOException {
        Path socket = dir.resolve("daos_server.sock");
        assertThat(server.socket()).isEqualTo(socket);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(dir.resolve("daos_engine_999.sock")).doesNotExist();
    }

    @Test
    void aSecondServerOnTheSameSocketDirIsRefusedWithDaosFault() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DrpcServer.start(new SeqpacketTransport(16), dir, () -> 1))
                .isInstanceOfSatisfying(dev.dockmaster.spi.Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(6);
                    assertThat(f.description()).contains("already in use");
                });
    }
}
