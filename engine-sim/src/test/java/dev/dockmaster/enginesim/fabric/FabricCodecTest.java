package dev.dockmaster.enginesim.fabric;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The fabric's frames, its URIs, and a server that survives peers sending garbage. */
class FabricCodecTest {

    private static byte[] frame(FabricRequest req) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FabricCodec.write(out, req);
        return out.toByteArray();
    }

    @Test
    void framesRoundTripBackToBack() throws Exception {
        FabricRequest a = FabricRequest.newBuilder().setId(1).setFromRank(2).setCreateShard(CreateShard.newBuilder()
                .setShard(Shard.newBuilder().setPoolUuid("u").setRank(2).setScmBytes(1 << 30))).build();
        FabricRequest b = FabricRequest.newBuilder().setId(2).setQueryShard(QueryShard.newBuilder().setPoolUuid("u"))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FabricCodec.write(out, a);
        FabricCodec.write(out, b);
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 4)).as("big-endian length").containsExactly(0, 0, 0, a.getSerializedSize());
        InputStream in = new ByteArrayInputStream(bytes);
        assertThat(FabricCodec.read(in, FabricRequest.parser())).isEqualTo(a);
        assertThat(FabricCodec.read(in, FabricRequest.parser())).isEqualTo(b);
        assertThat(FabricCodec.read(in, FabricRequest.parser())).as("clean end between frames").isNull();
    }

    static Stream<Arguments> badFrames() throws IOException {
        byte[] good = frame(FabricRequest.newBuilder().setId(9).setGetService(GetService.newBuilder()
                .setPoolUuid("pool")).build());
        return Stream.of(
                arguments("closed inside the length", Arrays.copyOf(good, 2), "inside a fabric frame"),
                arguments("closed inside the body", Arrays.copyOf(good, good.length - 1), "inside a fabric frame"),
                arguments("length over the limit", new byte[] {0x01, 0x00, 0x00, 0x01}, "over the limit"),
                arguments("negative length", new byte[] {(byte) 0xFF, 0, 0, 0}, "over the limit"),
                arguments("body that is not a request", new byte[] {0, 0, 0, 2, (byte) 0xFF, (byte) 0xFF},
                        "undecodable fabric message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void badFramesAreProtocolErrors(String name, byte[] bytes, String message) {
        assertThatThrownBy(() -> FabricCodec.read(new ByteArrayInputStream(bytes), FabricRequest.parser()))
                .isInstanceOf(FabricCodec.BadFrame.class).hasMessageContaining(message);
    }

    static Stream<Arguments> uris() {
        return Stream.of(
                arguments("tcp", "ofi+tcp://127.0.0.1:31416", "ofi+tcp", "127.0.0.1", 31416),
                arguments("tcp with rxm", "ofi+tcp;ofi_rxm://10.0.0.2:20000", "ofi+tcp;ofi_rxm", "10.0.0.2", 20000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uris")
    void urisParse(String name, String text, String provider, String host, int port) {
        assertThat(FabricUri.parse(text)).isEqualTo(new FabricUri(provider, host, port));
        assertThat(FabricUri.parse(text).toString()).isEqualTo(text);
    }

    static Stream<Arguments> badUris() {
        return Stream.of(arguments("no scheme", "127.0.0.1:31416"), arguments("no port", "ofi+tcp://127.0.0.1"),
                arguments("port 0", "ofi+tcp://127.0.0.1:0"), arguments("port not a number", "ofi+tcp://h:x"),
                arguments("null", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUris")
    void badUrisAreRefused(String name, String text) {
        assertThatThrownBy(() -> FabricUri.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServerDropsAPeerSendingGarbageAndStillAnswersOthers() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        java.io.PrintStream logStream = new java.io.PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    log.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true);
        try (FabricServer server = FabricServer.start(new FabricUri("ofi+tcp", "127.0.0.1", 0),
                req -> FabricReply.newBuilder().setStatus(req.hasQueryShard() ? 7 : 0).build(), logStream)) {
            FabricUri at = new FabricUri("ofi+tcp", "127.0.0.1", server.port());
            try (Socket garbage = new Socket("127.0.0.1", server.port())) {
                garbage.getOutputStream().write(new byte[] {0x7F, 0, 0, 0, 1, 2, 3});
                assertThat(garbage.getInputStream().read()).as("connection closed by the server").isEqualTo(-1);
            }
            FabricReply reply = new FabricClient(Duration.ofSeconds(2), Duration.ofSeconds(5)).call(at,
                    FabricRequest.newBuilder().setQueryShard(QueryShard.newBuilder().setPoolUuid("p")).build());
            assertThat(reply.getStatus()).isEqualTo(7);
            assertThat(log).anyMatch(l -> l.contains("dropped") && l.contains("over the limit"));
        }
    }

    @Test
    void aClientCallToAClosedPortIsAnIoError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> new FabricClient(Duration.ofSeconds(2), Duration.ofSeconds(2)).call(
                new FabricUri("ofi+tcp", "127.0.0.1", port), FabricRequest.getDefaultInstance()))
                .isInstanceOf(IOException.class);
    }
}
