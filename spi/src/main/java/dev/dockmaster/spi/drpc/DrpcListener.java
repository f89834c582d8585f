package dev.dockmaster.spi.drpc;

import java.io.IOException;
import java.nio.file.Path;

/** A listening socket; closing it stops accepting and removes the socket file. */
public interface DrpcListener extends AutoCloseable {

    Path path();

    @Override
    void close() throws IOException;
}
