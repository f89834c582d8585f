package dev.dockmaster.enginesim.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** ACE syntax and ACL rules as libdaos checks them; the engine answers DER_INVAL for what they refuse. */
class AclTest {

    static Stream<Arguments> validEntries() {
        return Stream.of(
                arguments("owner", "A::OWNER@:rw", "A::OWNER@:rw"),
                arguments("owning group gets its G flag", "A::GROUP@:r", "A:G:GROUP@:r"),
                arguments("owning group with G", "A:G:GROUP@:rw", "A:G:GROUP@:rw"),
                arguments("everyone, no permissions", "A::EVERYONE@:", "A::EVERYONE@:"),
                arguments("named user with domain", "A::bob@example.com:rwcdtTaAo", "A::bob@example.com:rwcdtTaAo"),
                arguments("named group", "A:G:readers@:r", "A:G:readers@:r"),
                arguments("letters in any order print in DAOS's", "A::OWNER@:wr", "A::OWNER@:rw"),
                arguments("audit on success", "U:S:bob@:r", "U:S:bob@:r"),
                arguments("allow and alarm on failure", "AL:F:bob@:w", "AL:F:bob@:w"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validEntries")
    void validEntriesParseAndPrintCanonically(String name, String text, String printed) throws Exception {
        assertThat(Acl.Ace.parse(text).toString()).isEqualTo(printed);
    }

    static Stream<Arguments> invalidEntries() {
        return Stream.of(
                arguments("three fields", "A::OWNER@"),
                arguments("five fields", "A::OWNER@:rw:x"),
                arguments("no access type", ":G:readers@:r"),
                arguments("unknown access type", "X::OWNER@:r"),
                arguments("unknown flag", "A:Q:OWNER@:r"),
                arguments("unknown permission", "A::OWNER@:rx"),
                arguments("principal without @", "A::bob:r"),
                arguments("principal starting with @", "A::@example.com:r"),
                arguments("two @", "A::bob@a@b:r"),
                arguments("empty principal", "A:::r"),
                arguments("G flag on the owner", "A:G:OWNER@:r"),
                arguments("G flag on everyone", "A:G:EVERYONE@:r"),
                arguments("audit without S or F", "U::bob@:r"),
                arguments("allow with S", "A:S:bob@:r"),
                arguments("principal over 255 characters", "A::" + "x".repeat(255) + "@:r"),
                arguments("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEntries")
    void invalidEntriesAreDerInval(String name, String text) {
        assertThatThrownBy(() -> Acl.Ace.parse(text)).isInstanceOfSatisfying(Der.Failure.class,
                f -> assertThat(f.status()).isEqualTo(Der.INVAL));
    }

    @Test
    void aListIsSortedByPrincipalKindKeepingTheOrderWithinAKind() throws Exception {
        Acl acl = Acl.parse(List.of("A::EVERYONE@:r", "A:G:zeta@:r", "A::bob@:r", "A:G:GROUP@:rw", "A::OWNER@:rw",
                "A:G:alpha@:r", "A::al@:r"));
        assertThat(acl.strings()).containsExactly("A::OWNER@:rw", "A::bob@:r", "A::al@:r", "A:G:GROUP@:rw",
                "A:G:zeta@:r", "A:G:alpha@:r", "A::EVERYONE@:r");
    }

    @Test
    void aPrincipalTwiceInOneListIsDerInval() {
        assertThatThrownBy(() -> Acl.parse(List.of("A::bob@:r", "A::bob@:w")))
                .isInstanceOfSatisfying(Der.Failure.class, f -> assertThat(f.status()).isEqualTo(Der.INVAL));
    }

    @Test
    void aUserAndAGroupOfTheSameNameAreDifferentPrincipals() throws Exception {
        assertThat(Acl.parse(List.of("A::bob@:r", "A:G:bob@:w")).strings()).containsExactly("A::bob@:r", "A:G:bob@:w");
    }

    @Test
    void theDefaultPoolAclIsOwnerAndGroupReadWrite() {
        assertThat(Acl.POOL_DEFAULT.strings()).containsExactly("A::OWNER@:rw", "A:G:GROUP@:rw");
    }

    @Test
    void updateReplacesTheEntryOfTheSamePrincipalAndAddsNewOnesInOrder() throws Exception {
        Acl updated = Acl.POOL_DEFAULT.update(Acl.parse(List.of("A::EVERYONE@:r", "A::OWNER@:rwa", "A::bob@:r")));
        assertThat(updated.strings()).containsExactly("A::OWNER@:rwa", "A::bob@:r", "A:G:GROUP@:rw",
                "A::EVERYONE@:r");
    }

    static Stream<Arguments> deletions() {
        return Stream.of(
                arguments("owner", "OWNER@", List.of("A::bob@:r", "A:G:GROUP@:rw", "A:G:staff@:r", "A::EVERYONE@:r")),
                arguments("owning group", "GROUP@", List.of("A::OWNER@:rw", "A::bob@:r", "A:G:staff@:r",
                        "A::EVERYONE@:r")),
                arguments("everyone", "EVERYONE@", List.of("A::OWNER@:rw", "A::bob@:r", "A:G:GROUP@:rw",
                        "A:G:staff@:r")),
                arguments("user", "u:bob@", List.of("A::OWNER@:rw", "A:G:GROUP@:rw", "A:G:staff@:r",
                        "A::EVERYONE@:r")),
                arguments("group", "g:staff@", List.of("A::OWNER@:rw", "A::bob@:r", "A:G:GROUP@:rw",
                        "A::EVERYONE@:r")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletions")
    void deleteRemovesThePrincipal(String name, String principal, List<String> left) throws Exception {
        Acl acl = Acl.parse(List.of("A::OWNER@:rw", "A::bob@:r", "A:G:GROUP@:rw", "A:G:staff@:r", "A::EVERYONE@:r"));
        assertThat(acl.delete(principal).strings()).containsExactlyElementsOf(left);
    }

    static Stream<Arguments> badDeletions() {
        return Stream.of(
                arguments("absent user", "u:carol@", Der.NONEXIST),
                arguments("user given as group", "g:bob@", Der.NONEXIST),
                arguments("absent everyone", "EVERYONE@", Der.NONEXIST),
                arguments("no prefix", "bob@", Der.INVAL),
                arguments("no @", "u:bob", Der.INVAL),
                arguments("empty", "", Der.INVAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeletions")
    void deletingWhatIsNotThereOrIsMalformedFails(String name, String principal, int status) throws Exception {
        Acl acl = Acl.parse(List.of("A::OWNER@:rw", "A::bob@:r"));
        assertThatThrownBy(() -> acl.delete(principal)).isInstanceOfSatisfying(Der.Failure.class,
                f -> assertThat(f.status()).isEqualTo(status));
    }
}
