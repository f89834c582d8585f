package dev.dockmaster.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** The distribution under test: the tree `mvn package` assembled in distribution/target/dockmaster. */
final class Distribution {
    private Distribution() {
    }

    static Path home() {
        Path home = Path.of(System.getProperty("dockmaster.dist", "../distribution/target/dockmaster"))
                .toAbsolutePath().normalize();
        if (!Files.isExecutable(home.resolve("bin/daos_server"))) {
            throw new IllegalStateException("no distribution at " + home + ": build it first (mvn package)");
        }
        return home;
    }

    static Path bin(String name) {
        return home().resolve("bin").resolve(name);
    }

    /**
     * The shipped conf/daos_server.yml with every path under /tmp/dockmaster (socket_dir, the engines' scm_mount and
     * bdev files) moved into {@code dir}, so that tests never share sockets or engine storage with each other or with
     * a server someone runs by hand.
     */
    static Path shippedConfig(Path dir, String extraYaml) {
        try {
            String shipped = Files.readString(home().resolve("conf/daos_server.yml"));
            if (!shipped.contains("socket_dir: /tmp/dockmaster")) {
                throw new IllegalStateException("the shipped config no longer sets socket_dir: /tmp/dockmaster");
            }
            Path root = Files.createDirectories(dir.resolve("dockmaster"));
            // Free fabric ports instead of the shipped 31416/31516: the simulated engines listen there, and other
            // systems may run on this machine at the same time.
            String own = shipped.replace("/tmp/dockmaster", root.toString())
                    .replace("fabric_iface_port: 31416", "fabric_iface_port: " + freePort())
                    .replace("fabric_iface_port: 31516", "fabric_iface_port: " + freePort());
            return Files.writeString(dir.resolve("daos_server.yml"), own + "\n" + extraYaml + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path shippedConfig(Path dir) {
        return shippedConfig(dir, "");
    }

    /**
     * A free control port whose successor is free too: the management service's raft listens on port + 1
     * ({@code modules.management.raft_port_offset}), and a restarted server must get both back.
     */
    static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                next.setReuseAddress(true);
                return port;
            } catch (IOException | IllegalArgumentException taken) {
                // try another pair
            }
        }
        throw new IllegalStateException("no two adjacent free ports found");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
