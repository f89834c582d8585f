package dev.dockmaster.plugins.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A host file opened once and then read whole, from offset 0, with one positional read per {@link #read()}.
 *
 * <p>Why: opening, reading to end of file and closing {@code /proc/meminfo} on every storage scan (five or six system
 * calls) cost ~20 µs in a tight loop and ~35 µs more than one positional read per StorageScan call in the loaded
 * server, on the gVisor development VM: together with the parse, the largest part of what the plugin stack added to
 * a ~250 µs loopback round trip. The content stays live: the kernel regenerates a {@code /proc} file on a read at
 * offset 0, and a regular file rewritten in place is read as it is now.
 *
 * <p>One read fills a buffer larger than the file: a read returning fewer bytes than the buffer holds is the whole
 * file ({@code /proc} files are generated in one piece; a local regular file returns short only at its end). When the
 * buffer comes back full, the file is read again from offset 0 with a buffer twice as large, so the text is always
 * one consistent snapshot rather than pieces of several generations. Positional reads are safe from several threads.
 *
 * <p>A file that is absent or cannot be opened reads as empty and is tried again on the next read; a read that fails
 * (an interrupted thread closes a {@link FileChannel}) drops the channel and the next read reopens it. A file
 * replaced by a rename is not seen (the open channel keeps the old one); {@code /proc} files are never replaced.
 */
final class KeptOpenFile implements HostFile {

    static final int INITIAL_BUFFER_BYTES = 4096;

    private final Path path;
    private volatile FileChannel channel;
    private volatile boolean closed;
    /** The buffer size that last held the whole file, so a file bigger than the initial size is read once. */
    private volatile int bufferBytes = INITIAL_BUFFER_BYTES;

    KeptOpenFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public Optional<String> read() {
        FileChannel open = channel();
        if (open == null) {
            return Optional.empty();
        }
        try {
            int size = bufferBytes;
            while (true) {
                ByteBuffer buffer = ByteBuffer.allocate(size);
                int read = open.read(buffer, 0);
                if (read < size) {
                    return Optional.of(new String(buffer.array(), 0, Math.max(read, 0), StandardCharsets.UTF_8));
                }
                if (size > Integer.MAX_VALUE / 2) {
                    return Optional.empty();
                }
                size *= 2;
                bufferBytes = size;
            }
        } catch (IOException | RuntimeException e) {
            drop(open);
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop(channel);
    }

    /** The open channel, opening the file when needed; null when closed or when the file cannot be opened. */
    private FileChannel channel() {
        FileChannel open = channel;
        if (open != null || closed) {
            return open;
        }
        synchronized (this) {
            if (channel == null && !closed) {
                try {
                    channel = FileChannel.open(path, StandardOpenOption.READ);
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
            return channel;
        }
    }

    private synchronized void drop(FileChannel failed) {
        if (failed == null) {
            return;
        }
        if (channel == failed) {
            channel = null;
        }
        try {
            failed.close();
        } catch (IOException e) {
            // Nothing to release beyond the descriptor, which close() has given back either way.
        }
    }
}
