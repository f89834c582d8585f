package dev.dockmaster.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs engines as OS processes ({@link ProcessBuilder}). SIGINT goes through {@code kill -INT <pid>} (the JDK can only
 * send SIGTERM and SIGKILL); SIGKILL through {@link ProcessHandle#destroyForcibly()}.
 *
 * <p>DAOS gives each engine a parent-death signal (SIGKILL), so engines never outlive daos_server. The JDK cannot set
 * {@code PR_SET_PDEATHSIG}; instead this runner kills every engine it started from a shutdown hook (SIGTERM, SIGINT,
 * normal exit), and the bundled engine simulator exits on its own when its parent process dies. Only a SIGKILL of
 * daos_server running a third-party engine binary can leave that engine behind.
 */
public final class OsProcessRunner implements EngineProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OsProcessRunner.class);

    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    public OsProcessRunner() {
        Thread hook = new Thread(this::killAll, "engine-reaper");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: nothing will be launched anyway
        }
    }

    @Override
    public EngineProcess launch(Command command, OutputConsumer output) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(command.binary().toString());
        line.addAll(command.args());
        ProcessBuilder builder = new ProcessBuilder(line).directory(command.workingDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(command.env());
        Process process = builder.start();
        running.add(process);
        Thread out = pump(process.getInputStream(), false, output, process.pid());
        Thread err = pump(process.getErrorStream(), true, output, process.pid());
        CompletableFuture<Integer> exit = process.onExit().thenApply(p -> {
            running.remove(p);
            // the last lines are delivered before anyone learns of the exit
            join(out);
            join(err);
            return p.exitValue();
        });
        return new OsProcess(process, exit);
    }

    /** SIGKILLs every engine still running; the harness calls it on shutdown, as is the shutdown hook. */
    public void killAll() {
        for (Process process : running) {
            process.destroyForcibly();
        }
    }

    private static Thread pump(InputStream in, boolean stderr, OutputConsumer output, long pid) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String text; (text = reader.readLine()) != null; ) {
                    try {
                        output.line(stderr, text);
                    } catch (RuntimeException e) {
                        LOG.warn("engine output consumer failed: {}", e.toString());
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process dies
            }
        }, "engine-" + pid + (stderr ? "-stderr" : "-stdout"));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record OsProcess(Process process, CompletableFuture<Integer> exit) implements EngineProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void signal(Signal signal) {
            if (!process.isAlive()) {
                return;
            }
            if (signal == Signal.KILL) {
                process.destroyForcibly();
                return;
            }
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                        .redirectErrorStream(true).start();
                kill.getInputStream().readAllBytes();
                if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                    kill.destroyForcibly();
                }
            } catch (IOException e) {
                LOG.warn("cannot send SIGINT to engine pid {} ({}); sending SIGTERM", process.pid(), e.toString());
                process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }
}
