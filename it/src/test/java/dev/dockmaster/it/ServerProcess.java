package dev.dockmaster.it;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A daos_server started from the distribution as an OS process. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code daos_server start -o config -p port} and returns once the port accepts connections. */
    static ServerProcess start(Path workDir, Path config, int port, String... extraArgs) {
        return start(workDir, config, port, Map.of(), extraArgs);
    }

    /** As {@link #start(Path, Path, int, String...)}, with extra environment variables for bin/daos_server. */
    static ServerProcess start(Path workDir, Path config, int port, Map<String, String> env, String... extraArgs) {
        ServerProcess server = launch(workDir, config, port, env, extraArgs);
        try {
            Awaitility.await("daos_server listening on " + port)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!server.process.isAlive()) {
                            throw new AssertionError("daos_server exited with " + server.process.exitValue()
                                    + ":\n" + server.log());
                        }
                        return portOpen(port);
                    });
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts the server without waiting for anything. */
    static ServerProcess launch(Path workDir, Path config, int port, String... extraArgs) {
        return launch(workDir, config, port, Map.of(), extraArgs);
    }

    static ServerProcess launch(Path workDir, Path config, int port, Map<String, String> env, String... extraArgs) {
        List<String> line = new ArrayList<>(List.of(Distribution.bin("daos_server").toString(), "start",
                "-o", config.toString(), "-p", String.valueOf(port)));
        line.addAll(List.of(extraArgs));
        try {
            Path log = Files.createTempFile(workDir, "daos_server", ".log");
            ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            return new ServerProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("daos_server still running after " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown of any kind; waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("daos_server " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, as an init system would send, then SIGKILL if it does not stop within 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
