package dev.dockmaster.core.cli;

import dev.dockmaster.core.DaosServer;
import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.spi.Fault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "start", description = "Start daos_server")
final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--config"}, paramLabel = "CONFIG", description = "Server config file (YAML or HOCON)")
    Path config;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Control port (overrides the config)")
    Integer port;

    @Option(names = "--auto-format", description = "Format storage automatically at start if it needs it")
    boolean autoFormat;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("port", port);
        }
        ServerConfig serverConfig;
        try {
            serverConfig = ConfigFiles.load(config, overrides);
        } catch (InvalidConfigException e) {
            spec.commandLine().getErr().println("ERROR: daos_server: invalid configuration:\n" + e.getMessage());
            return 1;
        }
        Logging.configure(serverConfig);
        // The hook is in place before the port opens, so a SIGTERM that arrives just after start still stops the
        // server gracefully.
        AtomicReference<DaosServer> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // The port opens before the start has finished (engines are wired up after it, as DAOS does): a SIGTERM in
        // that window waits for the start to end, so the server it stops is complete.
        CountDownLatch startEnded = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startEnded.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DaosServer started = running.getAndSet(null);
            if (started != null) {
                started.close();
            }
            stopped.countDown();
        }, "daos_server-shutdown"));
        DaosServer server;
        try {
            server = DaosServer.start(serverConfig, ConfigFiles.home());
            running.set(server);
        } catch (InvalidConfigException e) {
            spec.commandLine().getErr().println("ERROR: daos_server: invalid configuration:\n" + e.getMessage());
            return 1;
        } catch (Fault fault) {
            spec.commandLine().getErr().println("ERROR: daos_server: " + fault.describe());
            return 1;
        } finally {
            startEnded.countDown();
        }
        if (autoFormat) {
            autoFormat(server);
        }
        server.awaitTermination();
        stopped.await();
        return 0;
    }

    /**
     * DAOS's {@code --auto-format}: a storage format with an empty request (no reformat) once the server is up, so
     * engines awaiting format go on; engines already formatted only get their "already formatted" note.
     */
    private static void autoFormat(DaosServer server) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StartCommand.class);
        if (server.engines().instances().isEmpty()) {
            log.info("--auto-format: no engine storage is configured on this host, nothing to format");
            return;
        }
        if (!server.engines().anyAwaitingFormat()) {
            log.info("--auto-format: every engine's storage is already formatted");
            return;
        }
        log.info("--auto-format: formatting storage");
        server.engines().format(false).stream().filter(r -> r.failed()).forEach(r ->
                log.error("--auto-format: instance {} failed to format: SCM {}; bdevs {}", r.engineIndex(),
                        r.scm(), r.bdevs()));
    }
}
