package dev.dockmaster.enginesim.pool;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.enginesim.fabric.PoolService;
import dev.dockmaster.enginesim.fabric.Shard;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One engine's pool data on its SCM: {@code <scm_mount>/dockmaster-pools/<uuid>/shard.pb} for the pool's targets on
 * this engine and {@code service.pb} where this engine is a pool service replica. Every write goes through a
 * temporary file, fsync and a rename, so a killed engine leaves the old or the new record, never half of one; the
 * store is read back at start. Space is accounted here: a shard is refused with DER_NOSPACE when the engine's
 * capacity minus what its other shards hold is short.
 */
public final class PoolStore {
    static final String DIR = "dockmaster-pools";
    static final String SHARD = "shard.pb";
    static final String SERVICE = "service.pb";

    private final Path root;
    private final PrintStream log;
    private final Map<String, Shard> shards = new TreeMap<>();
    private final Map<String, PoolService> services = new TreeMap<>();

    private PoolStore(Path root, PrintStream log) {
        this.root = root;
        this.log = log;
    }

    /** Opens the store under {@code scmMount}, loading what an earlier run of the engine left. */
    public static PoolStore open(Path scmMount, PrintStream log) {
        PoolStore store = new PoolStore(scmMount.resolve(DIR), log);
        store.load();
        return store;
    }

    private void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> pools = Files.newDirectoryStream(root)) {
            for (Path dir : pools) {
                String uuid = dir.getFileName().toString();
                read(dir.resolve(SHARD)).ifPresent(b -> {
                    try {
                        shards.put(uuid, Shard.parseFrom(b));
                    } catch (InvalidProtocolBufferException e) {
                        log.println("daos_engine: ignoring unreadable pool shard " + dir.resolve(SHARD) + ": " + e);
                    }
                });
                read(dir.resolve(SERVICE)).ifPresent(b -> {
                    try {
                        services.put(uuid, PoolService.parseFrom(b));
                    } catch (InvalidProtocolBufferException e) {
                        log.println("daos_engine: ignoring unreadable pool service " + dir.resolve(SERVICE) + ": "
                                + e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private Optional<byte[]> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            log.println("daos_engine: cannot read " + file + ": " + e);
            return Optional.empty();
        }
    }

    /**
     * Allocates a shard from {@code capacity}. The same shard asked again (a retried create) is answered with what
     * exists; a different one for the same pool is DER_EXIST.
     */
    public synchronized Shard create(Shard shard, EngineCapacity.Tiers capacity) throws Der.Failure {
        Shard existing = shards.get(shard.getPoolUuid());
        if (existing != null) {
            if (existing.getScmBytes() == shard.getScmBytes() && existing.getNvmeBytes() == shard.getNvmeBytes()) {
                return existing;
            }
            throw new Der.Failure(Der.EXIST, "pool " + shard.getPoolUuid() + " already has targets on this engine");
        }
        long scmFree = capacity.scm() - allocated(Shard::getScmBytes);
        long nvmeFree = capacity.nvme() - allocated(Shard::getNvmeBytes);
        if (shard.getScmBytes() > scmFree || shard.getNvmeBytes() > nvmeFree) {
            throw new Der.Failure(Der.NOSPACE, "rank " + shard.getRank() + " cannot hold " + shard.getScmBytes()
                    + " SCM and " + shard.getNvmeBytes() + " NVMe bytes: " + Math.max(scmFree, 0) + " SCM and "
                    + Math.max(nvmeFree, 0) + " NVMe bytes free");
        }
        write(shard.getPoolUuid(), SHARD, shard);
        shards.put(shard.getPoolUuid(), shard);
        return shard;
    }

    private long allocated(java.util.function.ToLongFunction<Shard> tier) {
        return shards.values().stream().mapToLong(tier).sum();
    }

    /** Bytes held by this engine's shards per tier. */
    public synchronized long[] allocated() {
        return new long[] {allocated(Shard::getScmBytes), allocated(Shard::getNvmeBytes)};
    }

    /** Removes the pool's targets here; false when there were none. */
    public synchronized boolean destroy(String uuid) {
        Shard removed = shards.remove(uuid);
        delete(uuid, SHARD);
        return removed != null;
    }

    public synchronized Optional<Shard> shard(String uuid) {
        return Optional.ofNullable(shards.get(uuid));
    }

    public synchronized Collection<Shard> shards() {
        return List.copyOf(shards.values());
    }

    /** Stores a replica's copy unless the one held is newer (a late, stale write never wins). */
    public synchronized void put(PoolService service) {
        PoolService held = services.get(service.getUuid());
        if (held != null && held.getMetaVersion() > service.getMetaVersion()) {
            return;
        }
        write(service.getUuid(), SERVICE, service);
        services.put(service.getUuid(), service);
    }

    public synchronized Optional<PoolService> service(String uuid) {
        return Optional.ofNullable(services.get(uuid));
    }

    /** A service held here whose label property is {@code label}. */
    public synchronized Optional<PoolService> serviceByLabel(String label) {
        return services.values().stream()
                .filter(s -> PoolProps.string(s.getPropsList(), PoolProps.LABEL, "").equals(label)).findFirst();
    }

    public synchronized boolean drop(String uuid) {
        PoolService removed = services.remove(uuid);
        delete(uuid, SERVICE);
        return removed != null;
    }

    private void write(String uuid, String name, MessageLite record) {
        Path dir = root.resolve(uuid);
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve("." + name + ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(record.toByteArray()));
                ch.force(true);
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    private void delete(String uuid, String name) {
        Path dir = root.resolve(uuid);
        try {
            Files.deleteIfExists(dir.resolve(name));
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                if (left.iterator().hasNext()) {
                    return;
                }
            }
            Files.deleteIfExists(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing there
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(name), e);
        }
    }
}
