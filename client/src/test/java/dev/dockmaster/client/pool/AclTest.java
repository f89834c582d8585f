package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ACL files, ACE checks as the engine parses them, and the printout. */
class AclTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"A::OWNER@:rw", "A:G:GROUP@:rwcdtTaAo", "A::EVERYONE@:", "A::bob@:r",
            "A::bob@example.com:r", "A:G:ops@:rw", "AL:S:OWNER@:r", "U:F:EVERYONE@:w", "L:SF:alice@:rw",
            "A:P:OWNER@:r"})
    void validEntries(String ace) {
        Acl.checkAce(ace);
    }

    static Stream<Arguments> invalidEntries() {
        return Stream.of(
                Arguments.of("three fields", "A::OWNER@", "want 4 fields TYPES:FLAGS:IDENTITY:PERMISSIONS, got 3"),
                Arguments.of("five fields", "A::OWNER@:r:x", "want 4 fields TYPES:FLAGS:IDENTITY:PERMISSIONS, got 5"),
                Arguments.of("no access type", ":G:GROUP@:r", "no access type"),
                Arguments.of("unknown access type", "D::OWNER@:r", "unknown access type 'D'"),
                Arguments.of("unknown flag", "A:X:OWNER@:r", "unknown flag 'X'"),
                Arguments.of("unknown permission", "A::OWNER@:rx", "unknown permission 'x'"),
                Arguments.of("principal without @", "A::bob:r", "invalid principal \"bob\""),
                Arguments.of("two @", "A::bob@a@b:r", "invalid principal \"bob@a@b\""),
                Arguments.of("empty principal", "A:::r", "invalid principal \"\""),
                Arguments.of("owner group without G", "A::GROUP@:r",
                        "the group flag G is only for group principals (GROUP@ and named groups)"),
                Arguments.of("owner with G", "A:G:OWNER@:r",
                        "the group flag G is only for group principals (GROUP@ and named groups)"),
                Arguments.of("audit without S or F", "L::OWNER@:r", "audit and alarm entries need the S or F flag"),
                Arguments.of("allow with S", "A:S:OWNER@:r", "the S and F flags are only for audit and alarm entries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEntries")
    void invalidEntriesAreRefused(String name, String ace, String why) {
        assertThatThrownBy(() -> Acl.checkAce(ace)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description())
                .isEqualTo("invalid ACE \"" + ace + "\": " + why);
    }

    @Test
    void aFileSkipsBlanksAndComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acl.txt");
        Files.writeString(file, "# pool ACL\n\n  A::OWNER@:rw  \nA:G:GROUP@:r\n#A::bob@:r\n");
        assertThat(Acl.readFile(file).entries()).containsExactly("A::OWNER@:rw", "A:G:GROUP@:r");
    }

    @Test
    void fileFaults(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.txt");
        assertThatThrownBy(() -> Acl.readFile(missing)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description())
                .isEqualTo("opening ACL file: open " + missing + ": no such file or directory");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing\n\n");
        assertThatThrownBy(() -> Acl.readFile(empty)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description())
                .isEqualTo("ACL file '" + empty + "' contains no entries");
        Path twice = Files.writeString(dir.resolve("twice.txt"), "A::bob@:r\nA::bob@:rw\n");
        assertThatThrownBy(() -> Acl.readFile(twice)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description())
                .isEqualTo("invalid ACL: more than one entry for principal bob@");
    }

    @Test
    void aUserAndAGroupOfTheSameNameAreDifferentPrincipals() {
        Acl.checkEntries(List.of("A::ops@:r", "A:G:ops@:rw"));
    }

    @Test
    void printoutAsDmg() {
        Acl acl = new Acl(List.of("A::OWNER@:rw", "A:G:GROUP@:r", "A::bob@:tx"), "alice@", "ops@");
        assertThat(acl.format(false)).isEqualTo("""
                # Owner: alice@
                # Owner Group: ops@
                # Entries:
                A::OWNER@:rw
                A:G:GROUP@:r
                A::bob@:tx
                """);
        assertThat(acl.format(true)).isEqualTo("""
                # Owner: alice@
                # Owner Group: ops@
                # Entries:
                # Allow::Owner:Read/Write
                A::OWNER@:rw
                # Allow:Group:Owner-Group:Read
                A:G:GROUP@:r
                # Allow::bob@:Get-Prop/Unknown
                A::bob@:tx
                """);
        assertThat(Acl.of(List.of()).format(false)).isEqualTo("# Entries:\n#   None\n");
    }
}
