package dev.dockmaster.storage.os;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an OS tool (mount, umount, mkfs.ext4, ndctl, blkid) and captures what it said. */
public final class Command {

    /** The outcome of one run: exit status and the combined output. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final List<String> prefix;

    /** @param prefix words put before every command (a test runs the real tools under an unprivileged user) */
    public Command(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    public Result run(String... argv) {
        List<String> words = new ArrayList<>(prefix);
        words.addAll(List.of(argv));
        try {
            Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", words) + ": timed out after 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, String.join(" ", words) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, String.join(" ", words) + ": interrupted");
        }
    }
}
