package dev.dockmaster.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process runner that starts nothing: it records every launch and every signal, and lets the test script what the
 * "process" does (write lines, exit with a status). By default a fake process dies of the signals it gets, as an
 * engine does (SIGINT: status 130, SIGKILL: 137); {@link #ignoreSigint()} makes SIGINT do nothing.
 */
final class RecordingProcessRunner implements EngineProcessRunner {
    private final AtomicLong pids = new AtomicLong(4000);
    private final List<FakeProcess> launched = new CopyOnWriteArrayList<>();
    private volatile boolean ignoreSigint;
    private volatile String failLaunch;

    RecordingProcessRunner ignoreSigint() {
        ignoreSigint = true;
        return this;
    }

    /** Every following launch fails with this message, as a missing binary does. */
    RecordingProcessRunner failLaunches(String message) {
        failLaunch = message;
        return this;
    }

    @Override
    public EngineProcess launch(Command command, OutputConsumer output) throws java.io.IOException {
        if (failLaunch != null) {
            throw new java.io.IOException(failLaunch);
        }
        FakeProcess process = new FakeProcess(pids.incrementAndGet(), command, output);
        launched.add(process);
        return process;
    }

    List<FakeProcess> launches() {
        return List.copyOf(launched);
    }

    FakeProcess last() {
        return launched.get(launched.size() - 1);
    }

    final class FakeProcess implements EngineProcess {
        private final long pid;
        private final Command command;
        private final OutputConsumer output;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final List<Signal> signals = new CopyOnWriteArrayList<>();

        FakeProcess(long pid, Command command, OutputConsumer output) {
            this.pid = pid;
            this.command = command;
            this.output = output;
        }

        Command command() {
            return command;
        }

        List<Signal> signals() {
            return new ArrayList<>(signals);
        }

        boolean alive() {
            return !exit.isDone();
        }

        void print(boolean stderr, String line) {
            output.line(stderr, line);
        }

        /** The process exits on its own. */
        void exitWith(int status) {
            exit.complete(status);
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void signal(Signal signal) {
            signals.add(signal);
            if (signal == Signal.KILL) {
                exit.complete(137);
            } else if (!ignoreSigint) {
                exit.complete(130);
            }
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }
    }
}
