package dev.dockmaster.enginesim;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.enginesim.fabric.FabricClient;
import dev.dockmaster.enginesim.fabric.FabricServer;
import dev.dockmaster.enginesim.fabric.FabricUri;
import dev.dockmaster.enginesim.fabric.GroupMaps;
import dev.dockmaster.enginesim.fabric.RankDirectory;
import dev.dockmaster.enginesim.pool.EngineCapacity;
import dev.dockmaster.enginesim.pool.PoolEngine;
import dev.dockmaster.enginesim.pool.PoolStore;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.srv.NotifyReadyReq;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * A stand-in for {@code daos_engine}: takes the engine's command line and environment, listens on
 * {@code <socket_dir>/daos_engine_<pid>.sock}, tells {@code <socket_dir>/daos_server.sock} it is ready (NotifyReady),
 * answers the server's calls, prints DAOS's start-up line after SetRank and SetUp, and exits 0 on SIGINT or SIGTERM.
 * Before all that it listens on its fabric URI ({@code D_PROVIDER://<D_INTERFACE address>:D_PORT}), where the other
 * simulated engines reach its pool targets; a port that is taken ends it with exit status 1, as a real engine whose
 * CaRT initialisation fails. Its pools live under the SCM mount ({@code -s}) and are read back at start.
 */
public final class EngineSim {
    static final String DAOS_VERSION = "2.6.5";
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    static final Duration FABRIC_BIND_PATIENCE = Duration.ofSeconds(5);
    private static final int NOTIFY_READY = 301;
    private static final int MODULE_SRV = 3;

    private final EngineArgs args;
    private final Map<String, String> env;
    private final PrintStream log;
    private final Path socket;
    private final AFUNIXDatagramSocket listener;
    private final EngineCalls calls;
    private final EngineTelemetry telemetry;
    private final FabricServer fabric;
    private final FabricUri uri;
    private volatile boolean stopping;
    /** Counted down once the socket and telemetry files are gone: the main thread must not end the JVM before. */
    private final java.util.concurrent.CountDownLatch cleanedUp = new java.util.concurrent.CountDownLatch(1);

    private EngineSim(EngineArgs args, Map<String, String> env, PrintStream out, PrintStream log, FabricUri uri,
                      FabricServer.Handler fabricHandler, FabricServer fabric) throws IOException {
        this.args = args;
        this.env = env;
        this.log = log;
        this.fabric = fabric;
        this.uri = uri;
        long pid = ProcessHandle.current().pid();
        this.socket = Path.of(args.socketDir(), "daos_engine_" + pid + ".sock");
        this.telemetry = EngineTelemetry.publishing(Path.of(args.socketDir()), args.instanceIdx(), pid,
                java.time.Clock.systemUTC());
        RankDirectory directory = new RankDirectory(uri);
        PoolStore store = PoolStore.open(Path.of(args.storage()), log);
        EngineCapacity capacity = new EngineCapacity(Path.of(args.storage()), Path.of(args.nvmeConfig()),
                Path.of("/sys"));
        FabricClient client = new FabricClient(Duration.ofSeconds(3), Duration.ofSeconds(30));
        PoolEngine pools = new PoolEngine(store, capacity::measure, directory, client, args.targets(), log);
        GroupMaps groupMaps = new GroupMaps(directory, client, Path.of(args.storage()), log);
        groupMaps.load();
        fabricHandler.set(req -> req.hasGroupMap() ? groupMaps.fromPeer(req) : pools.fabric(req));
        this.calls = new EngineCalls(args, pid, hostname(), DAOS_VERSION, env.getOrDefault("D_LOG_MASK", "ERR"),
                out, log, telemetry, directory, pools, groupMaps);
        Files.deleteIfExists(socket);
        this.listener = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
        listener.bind(AFUNIXSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        listener.listen(16);
    }

    public static void main(String[] argv) {
        EngineArgs args;
        try {
            args = EngineArgs.parse(argv);
        } catch (EngineArgs.BadArgs e) {
            System.out.println(e.getMessage());
            System.err.print(EngineArgs.usage("daos_engine"));
            System.exit(1);
            return;
        }
        if (args.help()) {
            System.out.print(EngineArgs.usage("daos_engine"));
            return;
        }
        // CaRT first, as the engine initialises its fabric before it tells daos_server it is ready.
        Map<String, String> env = System.getenv();
        FabricUri uri;
        try {
            uri = FabricUri.parse(uri(env));
        } catch (IllegalArgumentException e) {
            System.err.println("daos_engine: ERROR: CaRT initialisation failed: " + e.getMessage()
                    + " (check D_PROVIDER, D_INTERFACE and D_PORT, i.e. fabric_iface_port)");
            System.exit(1);
            return;
        }
        FabricServer.Handler handler = new FabricServer.Handler();
        FabricServer fabric;
        try {
            fabric = listen(uri, handler);
        } catch (IOException e) {
            System.err.println("daos_engine: ERROR: CaRT initialisation failed: cannot listen on " + uri + ": "
                    + e.getMessage() + " (is another engine using fabric_iface_port " + uri.port() + "?)");
            System.exit(1);
            return;
        }
        EngineSim engine;
        try {
            engine = new EngineSim(args, env, System.out, System.err, uri, handler, fabric);
        } catch (IOException e) {
            System.err.println("daos_engine: cannot create the dRPC socket in " + args.socketDir() + ": " + e);
            System.exit(1);
            return;
        }
        // Like the engine: SIGINT and SIGTERM end it cleanly (exit 0); SIGKILL just kills it.
        Signal.handle(new Signal("TERM"), s -> engine.stop());
        Signal.handle(new Signal("INT"), s -> engine.stop());
        // daos_server gives the real engine a parent-death signal (SIGKILL), so no engine outlives it. A JVM cannot
        // ask for one, so the simulator watches its parent and dies with it the same way: at once, no clean-up.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("daos_engine: parent process " + parent.pid() + " exited, exiting");
            Runtime.getRuntime().halt(137);
        }));
        engine.run();
    }

    /**
     * Binds the fabric port, trying again for a few seconds: the engine this one replaces (a server restart) may
     * still be on its way out after its parent died. A port that stays taken is the error.
     */
    private static FabricServer listen(FabricUri uri, FabricServer.Handler handler) throws IOException {
        long deadline = System.nanoTime() + FABRIC_BIND_PATIENCE.toNanos();
        while (true) {
            try {
                return FabricServer.start(uri, handler, System.err);
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void run() {
        // The telemetry snapshot is rewritten every second (uptime moves) and after every answered call.
        telemetry.publish(log);
        java.util.concurrent.ScheduledExecutorService publisher = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(task -> {
                    Thread t = new Thread(task, "telemetry");
                    t.setDaemon(true);
                    return t;
                });
        publisher.scheduleWithFixedDelay(() -> telemetry.publish(log), 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        Thread acceptor = new Thread(this::acceptLoop, "drpc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            notifyReady();
        } catch (IOException e) {
            log.println("daos_engine: NotifyReady to daos_server failed: " + e.getMessage());
            stopping = true;
            cleanUp();
            System.exit(1);
        }
        try {
            acceptor.join();
            if (stopping) {
                // a signal closed the listener: returning from main now could end the JVM (the signal thread is a
                // daemon) before the handler has removed the socket and telemetry files
                cleanedUp.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        stopping = true;
        cleanUp();
        System.exit(0);
    }

    private void cleanUp() {
        fabric.close();
        listener.close();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.println("daos_engine: cannot remove " + socket + ": " + e);
        }
        telemetry.remove();
        cleanedUp.countDown();
    }

    /** Tells daos_server, on its own socket, that this engine is up and where to reach it. */
    private void notifyReady() throws IOException {
        NotifyReadyReq req = NotifyReadyReq.newBuilder()
                .setUri(uri.toString())
                .setNctxs(args.targets() + args.helperXs() + 2) // target + helper xstreams + system/swim contexts
                .setDrpcListenerSock(socket.toString())
                .setInstanceIdx(args.instanceIdx())
                .setNtgts(args.targets())
                .setIncarnation(incarnation())
                .setCheckMode(args.checkMode())
                .build();
        Path server = Path.of(args.socketDir(), "daos_server.sock");
        try (AFUNIXDatagramSocket client = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET)) {
            client.connect(AFUNIXSocketAddress.of(server));
            client.setSoTimeout(30_000);
            byte[] call = Call.newBuilder().setModule(MODULE_SRV).setMethod(NOTIFY_READY).setSequence(1)
                    .setBody(req.toByteString()).build().toByteArray();
            client.send(new DatagramPacket(call, call.length));
            byte[] buffer = new byte[MAX_MESSAGE_BYTES];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            client.receive(packet);
            Response response = Response.parseFrom(Arrays.copyOf(buffer, packet.getLength()));
            if (response.getStatus() != Status.SUCCESS) {
                throw new IOException("daos_server answered " + response.getStatus());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("undecodable response from " + server, e);
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            AFUNIXDatagramSocket session;
            try {
                session = (AFUNIXDatagramSocket) listener.accept();
            } catch (IOException e) {
                if (!stopping) {
                    log.println("daos_engine: accept on " + socket + " failed: " + e);
                }
                return;
            }
            Thread t = new Thread(() -> serve(session), "drpc-session");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(AFUNIXDatagramSocket session) {
        byte[] buffer = new byte[MAX_MESSAGE_BYTES + 1];
        try (session) {
            while (!stopping) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                session.receive(packet);
                if (packet.getLength() == 0) {
                    return; // the server closed its end (one call per connection)
                }
                byte[] answer = packet.getLength() > MAX_MESSAGE_BYTES
                        ? EngineCalls.response(-1, Status.FAILED_UNMARSHAL_CALL, null)
                        : calls.handle(Arrays.copyOf(buffer, packet.getLength()));
                session.send(new DatagramPacket(answer, answer.length));
                telemetry.publish(log);
            }
        } catch (java.net.SocketTimeoutException | java.nio.channels.ClosedChannelException e) {
            // junixsocket reports the server closing its end of a SEQPACKET session this way: one call per
            // connection is DAOS's normal pattern, not something to log.
        } catch (IOException e) {
            if (!stopping) {
                log.println("daos_engine: dRPC session ended: " + e);
            }
        }
    }

    /** CaRT's primary URI: provider, the interface's address (loopback when unknown), the port. */
    private static String uri(Map<String, String> env) {
        String provider = env.getOrDefault("D_PROVIDER", "ofi+tcp");
        String port = env.getOrDefault("D_PORT", "31416");
        return provider + "://" + interfaceAddress(env.get("D_INTERFACE")) + ":" + port;
    }

    private static String interfaceAddress(String name) {
        try {
            NetworkInterface nic = name == null ? null : NetworkInterface.getByName(name);
            if (nic != null) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (IOException e) {
            // fall back to loopback
        }
        return "127.0.0.1";
    }

    /** Like CaRT's hybrid logical clock: physical time in the high bits, so a restart always increases it. */
    private static long incarnation() {
        return (System.currentTimeMillis() * 1_000_000L) & ~0xFFFFL;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
