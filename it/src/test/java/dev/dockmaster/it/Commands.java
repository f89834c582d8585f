package dev.dockmaster.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the distribution's commands to completion. */
final class Commands {
    private Commands() {
    }

    /** Runs {@code bin/<command> args...} with a HOME that has no ~/.daos_control.yml. */
    static ProcessResult run(Path workDir, String command, String... args) {
        List<String> line = new ArrayList<>();
        line.add(Distribution.bin(command).toString());
        line.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, command, ".out");
            Path err = Files.createTempFile(workDir, command, ".err");
            ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("HOME", workDir.toString());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new ProcessResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static ProcessResult dmg(Path workDir, String... args) {
        return run(workDir, "dmg", args);
    }
}
