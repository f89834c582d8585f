package dev.dockmaster.core.engine;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuperblockFileTest {

    private static final UUID ID = UUID.fromString("8a3c2c5e-4d7b-4f47-9b0e-2b5c1f6d7e01");

    @TempDir
    Path dir;

    @Test
    void writesDaosFieldsInDaosOrderWithMode0600AndNoTemporaryFileLeft() throws IOException {
        SuperblockFile file = new SuperblockFile(dir.resolve("mnt"));
        file.write(new Superblock(1, ID, "daos_server", OptionalLong.empty(), "", "/rack0/node1", 0));

        assertThat(file.path()).hasContent("""
                version: 1
                uuid: 8a3c2c5e-4d7b-4f47-9b0e-2b5c1f6d7e01
                system: "daos_server"
                validrank: false
                uri: ""
                hostfaultdomain: "/rack0/node1"
                incarnation: 0
                """);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        try (Stream<Path> entries = Files.list(file.path().getParent())) {
            assertThat(entries).extracting(p -> p.getFileName().toString()).containsExactly("superblock");
        }
    }

    @Test
    void whatIsWrittenIsReadBackWithAndWithoutRank() {
        SuperblockFile file = new SuperblockFile(dir);
        Superblock fresh = Superblock.create("prod\"sys", "/node1");
        file.write(fresh);
        assertThat(file.read()).contains(fresh);

        Superblock joined = new Superblock(1, ID, "daos_server", OptionalLong.of(3), "ofi+tcp://10.0.0.1:31416",
                "/rack0/node1", 1732560000L);
        file.write(joined);
        assertThat(file.read()).contains(joined);
        assertThat(joined.validRank()).isTrue();
    }

    @Test
    void absentIsEmptyNotAFault() {
        assertThat(new SuperblockFile(dir).read()).isEmpty();
        assertThat(new SuperblockFile(dir).exists()).isFalse();
    }

    @Test
    void readsWhatDaosWrites() throws IOException {
        // Go's yaml.v2 leaves strings unquoted and writes the rank once the engine has joined.
        Files.writeString(dir.resolve("superblock"), """
                version: 1
                uuid: 8a3c2c5e-4d7b-4f47-9b0e-2b5c1f6d7e01
                system: daos_server
                rank: 2
                validrank: true
                uri: ofi+tcp://10.0.0.1:31416
                hostfaultdomain: /wolf-1
                incarnation: 18446744073709551615
                """);

        Superblock sb = new SuperblockFile(dir).read().orElseThrow();

        assertThat(sb.rank()).hasValue(2);
        assertThat(sb.hostFaultDomain()).isEqualTo("/wolf-1");
        assertThat(sb.incarnation()).isEqualTo(-1L); // uint64 max, kept bit for bit
    }

    static Stream<Arguments> corrupt() {
        return Stream.of(
                Arguments.of("not YAML", "version: [1\n", "not YAML"),
                Arguments.of("a list", "- 1\n- 2\n", "mapping"),
                Arguments.of("empty file", "", "mapping"),
                Arguments.of("missing uuid", "version: 1\nsystem: s\n", "'uuid' is missing"),
                Arguments.of("bad uuid", "version: 1\nuuid: xyz\nsystem: s\n", "not a UUID"),
                Arguments.of("future version", "version: 2\nuuid: " + ID + "\nsystem: s\n", "version 2"),
                Arguments.of("unknown field", "version: 1\nuuid: " + ID + "\nsystem: s\ncolor: red\n",
                        "unknown field 'color'"),
                Arguments.of("negative incarnation",
                        "version: 1\nuuid: " + ID + "\nsystem: s\nincarnation: -4\n", "negative"),
                Arguments.of("empty system", "version: 1\nuuid: " + ID + "\nsystem: \"\"\n", "system is empty"),
                Arguments.of("text version", "version: one\nuuid: " + ID + "\nsystem: s\n", "must be a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void aCorruptSuperblockIsAFaultNamingTheFileAndTheProblem(String name, String text, String problem)
            throws IOException {
        Path path = Files.writeString(dir.resolve("superblock"), text);

        assertThatThrownBy(() -> new SuperblockFile(dir).read()).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(EngineFaults.SUPERBLOCK_CORRUPT);
            assertThat(f.description()).contains(path.toString(), problem);
            assertThat(f.resolution()).contains("--force");
        });
        assertThat(path).hasContent(text);
    }

    @Test
    void aWriteThatCannotHappenIsAFault() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> new SuperblockFile(notADirectory).write(Superblock.create("s", "/h")))
                .isInstanceOfSatisfying(Fault.class,
                        f -> assertThat(f.code()).isEqualTo(EngineFaults.SUPERBLOCK_WRITE));
    }
}
