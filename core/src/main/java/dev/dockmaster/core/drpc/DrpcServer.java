package dev.dockmaster.core.drpc;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.drpc.DrpcListener;
import dev.dockmaster.spi.drpc.DrpcTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The server side of dRPC: the listener at {@code <socket_dir>/daos_server.sock} answering the engines' upcalls
 * (modules MGMT, which answers UNKNOWN_METHOD to everything as DAOS's does, and SRV), and the client for the
 * server's calls to engines. Both use the one enabled {@link DrpcTransport}.
 */
public final class DrpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrpcServer.class);
    public static final String SERVER_SOCKET = "daos_server.sock";
    /** How long the server waits for an engine's answer when the caller gives no deadline. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final DrpcTransport transport;
    private final DrpcListener listener;
    private final SrvModule srv;
    private final DrpcRegistry registry;
    private final EngineDrpcClient engines;

    private DrpcServer(DrpcTransport transport, DrpcListener listener, SrvModule srv, DrpcRegistry registry) {
        this.registry = registry;
        this.transport = transport;
        this.listener = listener;
        this.srv = srv;
        this.engines = new EngineDrpcClient(transport, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Listens on {@code <socketDir>/daos_server.sock}. A socket file left by a dead server is replaced; one a live
     * process answers on is a fault (the transport checks). Engine sockets left in the directory are removed, as
     * DAOS does at start, once the server socket is ours.
     *
     * @param instanceCount how many engines this server runs, for checking NotifyReady
     */
    public static DrpcServer start(DrpcTransport transport, Path socketDir, IntSupplier instanceCount) {
        prepareSocketDir(socketDir);
        DrpcRegistry registry = new DrpcRegistry();
        registry.module(DrpcModule.MGMT);
        SrvModule srv = new SrvModule(instanceCount, Clock.systemUTC());
        srv.registerIn(registry);
        Path socket = socketDir.resolve(SERVER_SOCKET);
        DrpcListener listener;
        try {
            listener = transport.listen(socket, registry);
        } catch (IOException e) {
            throw DrpcFaults.listenerFailed(socket, e);
        }
        removeEngineSockets(socketDir);
        LOG.info("dRPC listener on {} ({} transport)", socket, transport.name());
        return new DrpcServer(transport, listener, srv, registry);
    }

    /**
     * Records the calls this listener answers (see {@link DrpcRegistry#recordInto}) and the calls this server makes to
     * its engines (see {@link EngineDrpcClient#recordInto}) into {@code metrics}.
     */
    public void recordInto(dev.dockmaster.spi.telemetry.ControlMetrics metrics) {
        registry.recordInto(metrics);
        engines.recordInto(metrics);
    }

    private static void prepareSocketDir(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw DrpcFaults.socketDirUnusable(dir, "not a directory", null);
        }
        try {
            // DAOS requires the directory to exist; creating it lets the embedded default run as any user.
            Files.createDirectories(dir);
            LOG.info("created socket directory {}", dir);
        } catch (IOException e) {
            throw DrpcFaults.socketDirUnusable(dir, "missing and cannot be created (" + e + ")", e);
        }
    }

    private static void removeEngineSockets(Path dir) {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, "daos_engine*.sock")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
                LOG.debug("removed stale engine socket {}", p);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean engine sockets in {}: {}", dir, e.toString());
        }
    }

    public Path socket() {
        return listener.path();
    }

    public DrpcTransport transport() {
        return transport;
    }

    /** The SRV module: NotifyReady events and listeners for the harness, recorded cluster events. */
    public SrvModule srv() {
        return srv;
    }

    /** Calls to engines (SetRank, SetUp, PrepShutdown, PingRank, SetLogMasks, GroupUpdate). */
    public EngineDrpcClient engines() {
        return engines;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException | Fault e) {
            LOG.warn("closing the dRPC listener: {}", e.toString());
        }
        transport.close();
    }
}
