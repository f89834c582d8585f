package dev.dockmaster.spi.drpc;

import java.io.IOException;
import java.time.Duration;

/** One client connection: send a message, read the one message that answers it. */
public interface DrpcConnection extends AutoCloseable {

    byte[] call(byte[] message, Duration timeout) throws IOException;

    @Override
    void close() throws IOException;
}
