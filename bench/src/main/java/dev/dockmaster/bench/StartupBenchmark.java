package dev.dockmaster.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A scale run of the real distribution: how long {@code bin/daos_server start} takes until its gRPC port accepts a
 * connection (target: under 1.5 s), and its resident memory once idle. The floor measured in the same run is
 * {@code java -version} with the same JVM.
 *
 * <p>Usage: {@code StartupBenchmark <distribution dir> [runs] [idle seconds]}.
 */
public final class StartupBenchmark {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "distribution/target/dockmaster").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long idleSeconds = args.length > 2 ? Long.parseLong(args[2]) : 5;
        Path config = home.resolve("conf/daos_server.yml");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("no distribution at " + home + " (build it with mvn package)");
        }

        List<Double> javaVersion = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder("java", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            javaVersion.add((System.nanoTime() - start) / 1e6);
        }

        List<Double> startMillis = new ArrayList<>();
        List<Long> rssKib = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int port = freePort();
            long start = System.nanoTime();
            Process server = new ProcessBuilder(home.resolve("bin/daos_server").toString(), "start",
                    "-o", config.toString(), "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                while (!portOpen(port)) {
                    if (!server.isAlive()) {
                        throw new IllegalStateException("daos_server exited with " + server.exitValue());
                    }
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                        throw new IllegalStateException("daos_server did not open its port in 60 s");
                    }
                    Thread.sleep(2);
                }
                startMillis.add((System.nanoTime() - start) / 1e6);
                if (i == runs - 1 || i < 3) {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
                    rssKib.add(rssKib(server.pid()));
                }
            } finally {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
        System.out.printf("daos_server start to open gRPC port, %d runs: median %.0f ms (min %.0f, max %.0f);"
                        + " target < 1500 ms%n", runs, median(startMillis), Collections.min(startMillis),
                Collections.max(startMillis));
        System.out.printf("floor, `java -version` in the same run: median %.0f ms; ratio %.1fx%n",
                median(javaVersion), median(startMillis) / median(javaVersion));
        System.out.printf("idle RSS after %d s: median %.1f MiB over %d samples%n", idleSeconds,
                median(rssKib.stream().map(k -> k / 1024.0).toList()), rssKib.size());
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
