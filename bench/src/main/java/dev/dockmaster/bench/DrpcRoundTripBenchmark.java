package dev.dockmaster.bench;

import dev.dockmaster.core.drpc.DrpcClientConnection;
import dev.dockmaster.core.drpc.DrpcMethod;
import dev.dockmaster.core.drpc.DrpcModule;
import dev.dockmaster.core.drpc.DrpcRegistry;
import dev.dockmaster.plugins.drpc.seqpacket.SeqpacketTransport;
import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.drpc.DrpcListener;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;

/**
 * dRPC round trip: a client sends an encoded {@code drpc.Call} (PingRank, with a body of the given size), the server
 * decodes it through the core's registry and answers a {@code drpc.Response} echoing the body. Measured over
 * SOCK_SEQPACKET (the drpc-seqpacket plugin with the core's client connection, sequence checks included) and, as the
 * baseline, over the JDK's own Unix-domain stream socket carrying the same bytes with a 4-byte length prefix and the
 * same handler. Rounds alternate between the two so machine noise hits both alike. Connections stay open (ping-pong);
 * a third figure is SOCK_SEQPACKET with a new connection per call, which is how DAOS's server calls an engine.
 */
public final class DrpcRoundTripBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Latencies of one transport and size, in nanoseconds. */
    record Figures(String name, long[] nanos) {
        double percentileMicros(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1000.0;
        }
    }

    public record Result(int bodyBytes, Figures seqpacket, Figures jdkStream, Figures seqpacketPerCall) {
        public double ratioP50() {
            return seqpacket.percentileMicros(50) / jdkStream.percentileMicros(50);
        }
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        for (int size : new int[] {64, 64 * 1024}) {
            int n = size > 1024 ? Math.max(1000, calls / 5) : calls;
            print(run(size, n, n));
        }
    }

    public static Result run(int bodyBytes, int warmup, int calls) throws Exception {
        Path dir = Files.createTempDirectory("drpc-bench");
        DrpcRegistry registry = new DrpcRegistry().module(DrpcModule.MGMT).method(DrpcMethod.PING_RANK, b -> b);
        SeqpacketTransport transport = new SeqpacketTransport(64);
        Path seqSocket = dir.resolve("seq.sock");
        Path jdkSocket = dir.resolve("jdk.sock");
        byte[] body = new byte[bodyBytes];
        new java.util.Random(1).nextBytes(body);
        try (DrpcListener ignored = transport.listen(seqSocket, registry);
             JdkStreamServer jdk = JdkStreamServer.start(jdkSocket, registry);
             DrpcClientConnection seq = DrpcClientConnection.open(transport, seqSocket);
             JdkStreamClient stream = JdkStreamClient.connect(jdkSocket)) {
            long[] seqNanos = new long[calls];
            long[] jdkNanos = new long[calls];
            long[] perCallNanos = new long[Math.max(1, calls / 5)];
            int rounds = 10;
            for (int w = 0; w < warmup; w++) {
                seq.call(DrpcMethod.PING_RANK, body, TIMEOUT);
                stream.call(body);
            }
            for (int w = 0; w < Math.min(warmup, 2000); w++) {
                try (DrpcClientConnection c = DrpcClientConnection.open(transport, seqSocket)) {
                    c.call(DrpcMethod.PING_RANK, body, TIMEOUT);
                }
            }
            int perRound = calls / rounds;
            for (int r = 0; r < rounds; r++) {
                for (int i = r * perRound; i < (r + 1) * perRound; i++) {
                    long t0 = System.nanoTime();
                    seq.call(DrpcMethod.PING_RANK, body, TIMEOUT);
                    seqNanos[i] = System.nanoTime() - t0;
                }
                for (int i = r * perRound; i < (r + 1) * perRound; i++) {
                    long t0 = System.nanoTime();
                    stream.call(body);
                    jdkNanos[i] = System.nanoTime() - t0;
                }
            }
            for (int i = 0; i < perCallNanos.length; i++) {
                long t0 = System.nanoTime();
                try (DrpcClientConnection c = DrpcClientConnection.open(transport, seqSocket)) {
                    c.call(DrpcMethod.PING_RANK, body, TIMEOUT);
                }
                perCallNanos[i] = System.nanoTime() - t0;
            }
            int measured = perRound * rounds;
            return new Result(bodyBytes, new Figures("SOCK_SEQPACKET (drpc-seqpacket)", Arrays.copyOf(seqNanos,
                    measured)), new Figures("JDK Unix-domain stream", Arrays.copyOf(jdkNanos, measured)),
                    new Figures("SOCK_SEQPACKET, new connection per call", perCallNanos));
        } finally {
            transport.close();
            try (var files = Files.list(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    static void print(Result r) {
        System.out.printf("%ndRPC round trip, %d-byte body (PingRank through the core's registry), %d calls%n",
                r.bodyBytes(), r.seqpacket().nanos().length);
        for (Figures f : new Figures[] {r.seqpacket(), r.jdkStream(), r.seqpacketPerCall()}) {
            System.out.printf("  %-42s p50 %8.1f us   p99 %8.1f us%n", f.name(), f.percentileMicros(50),
                    f.percentileMicros(99));
        }
        System.out.printf("  ratio SOCK_SEQPACKET / JDK stream: p50 %.2fx, p99 %.2fx%s%n", r.ratioP50(),
                r.seqpacket().percentileMicros(99) / r.jdkStream().percentileMicros(99),
                r.bodyBytes() <= 1024 ? String.format(" (target p50 < 30 us: %s)",
                        r.seqpacket().percentileMicros(50) < 30 ? "met" : "NOT met") : "");
    }

    /** The baseline server: JDK stream socket, 4-byte big-endian length, then the frame; same handler. */
    static final class JdkStreamServer implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Path path;

        private JdkStreamServer(ServerSocketChannel server, Path path) {
            this.server = server;
            this.path = path;
        }

        static JdkStreamServer start(Path path, DrpcHandler handler) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Thread acceptor = new Thread(() -> {
                while (server.isOpen()) {
                    try {
                        SocketChannel c = server.accept();
                        Thread t = new Thread(() -> serve(c, handler), "jdk-stream-session");
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "jdk-stream-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return new JdkStreamServer(server, path);
        }

        private static void serve(SocketChannel c, DrpcHandler handler) {
            try (c) {
                ByteBuffer header = ByteBuffer.allocate(4);
                while (true) {
                    byte[] frame = readFrame(c, header);
                    if (frame == null) {
                        return;
                    }
                    writeFrame(c, handler.handle(frame));
                }
            } catch (IOException e) {
                // client gone
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(path);
        }
    }

    /** The baseline client: the core's encoding, the stream socket's framing. */
    static final class JdkStreamClient implements AutoCloseable {
        private final SocketChannel channel;
        private final ByteBuffer header = ByteBuffer.allocate(4);
        private long sequence;

        private JdkStreamClient(SocketChannel channel) {
            this.channel = channel;
        }

        static JdkStreamClient connect(Path path) throws IOException {
            return new JdkStreamClient(SocketChannel.open(UnixDomainSocketAddress.of(path)));
        }

        byte[] call(byte[] body) throws IOException {
            long seq = ++sequence;
            writeFrame(channel, dev.dockmaster.core.drpc.DrpcCodec.encodeCall(DrpcMethod.PING_RANK, seq, body));
            byte[] frame = readFrame(channel, header);
            var response = dev.dockmaster.core.drpc.DrpcCodec.decodeResponse(frame);
            if (response.getSequence() != seq) {
                throw new IOException("sequence mismatch");
            }
            return response.getBody().toByteArray();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static byte[] readFrame(SocketChannel c, ByteBuffer header) throws IOException {
        header.clear();
        while (header.hasRemaining()) {
            if (c.read(header) < 0) {
                return null;
            }
        }
        header.flip();
        ByteBuffer frame = ByteBuffer.allocate(header.getInt());
        while (frame.hasRemaining()) {
            if (c.read(frame) < 0) {
                throw new IOException("stream ended mid-frame");
            }
        }
        return frame.array();
    }

    static void writeFrame(SocketChannel c, byte[] frame) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + frame.length).putInt(frame.length).put(frame);
        out.flip();
        while (out.hasRemaining()) {
            c.write(out);
        }
    }
}
