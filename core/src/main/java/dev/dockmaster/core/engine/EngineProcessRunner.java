package dev.dockmaster.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts engine processes. The harness knows only this interface, so its state machine is tested with a recording
 * fake ({@code RecordingProcessRunner}) and runs real processes through {@link OsProcessRunner}.
 */
public interface EngineProcessRunner {

    /**
     * Launches one engine.
     *
     * @param command what to run
     * @param output  told every line the process writes, from the runner's own threads
     * @throws IOException when the process cannot be started (binary missing, not executable...)
     */
    EngineProcess launch(Command command, OutputConsumer output) throws IOException;

    /**
     * An engine command line.
     *
     * @param binary     the engine executable
     * @param args       its arguments, DAOS's daos_engine flags
     * @param env        its whole environment
     * @param workingDir where it runs
     */
    record Command(Path binary, List<String> args, Map<String, String> env, Path workingDir) {
        public Command {
            Objects.requireNonNull(binary, "binary");
            args = List.copyOf(args);
            env = Map.copyOf(env);
            Objects.requireNonNull(workingDir, "workingDir");
        }
    }

    /** The signals the harness sends: SIGINT asks the engine to stop, SIGKILL kills it. */
    enum Signal {
        INT, KILL
    }

    /** Where the process's output goes, one line at a time. */
    @FunctionalInterface
    interface OutputConsumer {
        void line(boolean stderr, String text);
    }

    /** A launched engine process. */
    interface EngineProcess {
        long pid();

        /** Sends a signal; a process that has already exited ignores it. */
        void signal(Signal signal);

        /** Completes with the exit status once the process has exited (128 + signal number when killed). */
        CompletableFuture<Integer> exit();
    }
}
