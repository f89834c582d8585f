package dev.dockmaster.core.engine;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes {@code <dir>/superblock} in DAOS's layout: YAML with the lower-cased field names of DAOS's Go
 * struct ({@code version}, {@code uuid}, {@code system}, {@code rank}, {@code validrank}, {@code uri},
 * {@code hostfaultdomain}, {@code incarnation}), mode 0600, replaced atomically (temporary file, fsync, rename) so a
 * crash leaves either the old or the new file, never half of one.
 *
 * <p>A file that exists but cannot be understood is a {@link EngineFaults#superblockCorrupt fault}: the caller must
 * not treat it as "absent", which would give the engine a new identity.
 */
public final class SuperblockFile {
    public static final String NAME = "superblock";
    private static final Set<String> KEYS = Set.of("version", "uuid", "system", "rank", "validrank", "uri",
            "hostfaultdomain", "incarnation");

    private final Path path;

    public SuperblockFile(Path directory) {
        this.path = directory.resolve(NAME);
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The superblock, or empty when there is none; a fault when the file is unreadable or corrupt. */
    public Optional<Superblock> read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw EngineFaults.superblockCorrupt(path, "cannot read it: " + e);
        }
        return Optional.of(parse(text));
    }

    Superblock parse(String text) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw EngineFaults.superblockCorrupt(path, "not YAML: " + firstLine(e.getMessage()));
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw EngineFaults.superblockCorrupt(path, "expected a YAML mapping of superblock fields");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw EngineFaults.superblockCorrupt(path, "unknown field '" + key + "'");
            }
        }
        long version = number(map, "version", true);
        if (version != Superblock.VERSION) {
            throw EngineFaults.superblockCorrupt(path, "version " + version + " is not supported (expected "
                    + Superblock.VERSION + ")");
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(text(map, "uuid", true));
        } catch (IllegalArgumentException e) {
            throw EngineFaults.superblockCorrupt(path, "uuid '" + map.get("uuid") + "' is not a UUID");
        }
        String system = text(map, "system", true);
        if (system.isEmpty()) {
            throw EngineFaults.superblockCorrupt(path, "system is empty");
        }
        boolean validRank = Boolean.TRUE.equals(map.get("validrank"));
        if (map.containsKey("validrank") && !(map.get("validrank") instanceof Boolean)) {
            throw EngineFaults.superblockCorrupt(path, "validrank must be true or false");
        }
        OptionalLong rank = OptionalLong.empty();
        if (map.get("rank") != null) {
            long value = number(map, "rank", false);
            if (validRank) {
                rank = OptionalLong.of(value);
            }
        }
        return new Superblock((int) version, uuid, system, rank, text(map, "uri", false),
                text(map, "hostfaultdomain", false), number(map, "incarnation", false));
    }

    /** Writes the superblock atomically with mode 0600, creating the directory when missing. */
    public void write(Superblock superblock) {
        try {
            Files.createDirectories(path.getParent());
            Path temp = path.resolveSibling("." + NAME + ".tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new IOException("temporary file " + temp + " appeared concurrently", e);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(render(superblock).getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw EngineFaults.superblockWrite(path, e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw EngineFaults.superblockWrite(path, e);
        }
    }

    /** The YAML text, one {@code key: value} per line in DAOS's field order; {@code rank} only once known. */
    static String render(Superblock sb) {
        StringBuilder out = new StringBuilder();
        out.append("version: ").append(sb.version()).append('\n');
        out.append("uuid: ").append(sb.uuid()).append('\n');
        out.append("system: ").append(quote(sb.system())).append('\n');
        sb.rank().ifPresent(rank -> out.append("rank: ").append(rank).append('\n'));
        out.append("validrank: ").append(sb.validRank()).append('\n');
        out.append("uri: ").append(quote(sb.uri())).append('\n');
        out.append("hostfaultdomain: ").append(quote(sb.hostFaultDomain())).append('\n');
        out.append("incarnation: ").append(sb.incarnation()).append('\n');
        return out.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private long number(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw EngineFaults.superblockCorrupt(path, "field '" + key + "' is missing");
            }
            return 0;
        }
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n < 0) {
                throw EngineFaults.superblockCorrupt(path, "field '" + key + "' is negative");
            }
            return n;
        }
        if (value instanceof java.math.BigInteger big && big.signum() >= 0 && big.bitLength() <= 64) {
            return big.longValue();
        }
        throw EngineFaults.superblockCorrupt(path, "field '" + key + "' must be a number, not '" + value + "'");
    }

    private String text(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw EngineFaults.superblockCorrupt(path, "field '" + key + "' is missing");
            }
            return "";
        }
        if (!(value instanceof String s)) {
            throw EngineFaults.superblockCorrupt(path, "field '" + key + "' must be text, not '" + value + "'");
        }
        return s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
