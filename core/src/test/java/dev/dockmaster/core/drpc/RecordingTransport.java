package dev.dockmaster.core.drpc;

import dev.dockmaster.spi.drpc.DrpcConnection;
import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.drpc.DrpcListener;
import dev.dockmaster.spi.drpc.DrpcTransport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory transport that records connections, frames and timeouts (the real one has its contract suite). */
final class RecordingTransport implements DrpcTransport {
    record Sent(Path socket, int connection, byte[] frame, Duration timeout) {
    }

    final Map<Path, DrpcHandler> listeners = new ConcurrentHashMap<>();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private int connections;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public int maxMessageBytes() {
        return 1 << 20;
    }

    @Override
    public synchronized DrpcConnection connect(Path socket) throws IOException {
        DrpcHandler handler = listeners.get(socket);
        if (handler == null) {
            throw new IOException("connect " + socket + ": connection refused");
        }
        int id = ++connections;
        return new DrpcConnection() {
            @Override
            public byte[] call(byte[] message, Duration timeout) {
                sent.add(new Sent(socket, id, message, timeout));
                return handler.handle(message);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public DrpcListener listen(Path socket, DrpcHandler handler) {
        listeners.put(socket, handler);
        return new DrpcListener() {
            @Override
            public Path path() {
                return socket;
            }

            @Override
            public void close() {
                listeners.remove(socket);
            }
        };
    }
}
