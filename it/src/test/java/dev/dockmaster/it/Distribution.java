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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
