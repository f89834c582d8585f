package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pool's access control list: its entries in DAOS's short ACE form ({@code A::OWNER@:rw}, {@code A:G:ops@:r}) and
 * its owner and owning group. Reading one from a file and printing it follow DAOS's {@code lib/control/acl.go};
 * every entry is checked as the engine would parse it ({@code daos_ace_from_str}), so a typo is refused before any
 * request is sent.
 */
public record Acl(List<String> entries, String ownerUser, String ownerGroup) {
    /** DAOS_ACL_MAX_ACE_STR_LEN: the longest ACE string the engine takes. */
    static final int MAX_ACE_LENGTH = 8192;
    /** DAOS_ACL_MAX_PRINCIPAL_LEN. */
    static final int MAX_PRINCIPAL_LENGTH = 255;

    private static final String ACCESS_TYPES = "ALU"; // allow, audit, alarm
    private static final String FLAGS = "GSFP";       // group, access success, access failure, pool inherit
    private static final String PERMS = "rwcdtTaAo";
    private static final Set<String> SPECIAL = Set.of("OWNER@", "GROUP@", "EVERYONE@");

    public Acl {
        entries = List.copyOf(entries);
        ownerUser = ownerUser == null ? "" : ownerUser;
        ownerGroup = ownerGroup == null ? "" : ownerGroup;
    }

    public static Acl of(List<String> entries) {
        return new Acl(entries, "", "");
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Reads an ACL file: one ACE per line, blank lines and {@code #} comments skipped, every ACE checked.
     *
     * @throws Fault {@code opening ACL file: open x: no such file or directory},
     *               {@code ACL file 'x' contains no entries}, or an invalid or duplicated ACE
     */
    public static Acl readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw PoolInputs.invalid("opening ACL file: open " + file + ": no such file or directory",
                    "give the path of an existing ACL file");
        } catch (IOException e) {
            throw PoolInputs.invalid("opening ACL file: open " + file + ": " + e.getMessage(),
                    "check that the ACL file is readable");
        }
        Acl acl = parse(lines);
        if (acl.isEmpty()) {
            throw PoolInputs.invalid("ACL file '" + file + "' contains no entries",
                    "write one access control entry per line, e.g. A::OWNER@:rw");
        }
        return acl;
    }

    /** The entries of an ACL file's lines (trimmed, without blanks and comments), each checked. */
    public static Acl parse(List<String> lines) {
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            String ace = line.strip();
            if (!ace.isEmpty() && !ace.startsWith("#")) {
                entries.add(ace);
            }
        }
        checkEntries(entries);
        return of(entries);
    }

    /** @throws Fault for an invalid entry or two entries for the same principal */
    public static void checkEntries(List<String> entries) {
        Set<String> principals = new HashSet<>();
        for (String ace : entries) {
            checkAce(ace);
            String[] fields = ace.split(":", -1);
            String principal = principalKey(fields[1], fields[2]);
            if (!principals.add(principal)) {
                throw PoolInputs.invalid("invalid ACL: more than one entry for principal " + fields[2],
                        "give each principal one access control entry");
            }
        }
    }

    private static String principalKey(String flags, String identity) {
        return (flags.indexOf('G') >= 0 && !SPECIAL.contains(identity) ? "g:" : "u:") + identity;
    }

    /**
     * Checks one ACE as {@code daos_ace_from_str} and {@code daos_ace_is_valid} do: four fields
     * {@code TYPES:FLAGS:IDENTITY:PERMS}; access types among A (allow), L (audit), U (alarm); flags among G (group),
     * S and F (audit on success, failure), P (pool inherit); a group flag exactly on group principals ({@code GROUP@}
     * and named groups); audit and alarm entries with S or F and the others without; a principal that is
     * {@code OWNER@}, {@code GROUP@}, {@code EVERYONE@} or {@code name@[domain]}; permissions among rwcdtTaAo.
     *
     * @throws Fault {@code invalid ACE "A::OWNER@:rx": unknown permission 'x'}
     */
    public static void checkAce(String ace) {
        if (ace.length() > MAX_ACE_LENGTH) {
            throw badAce(ace, "longer than " + MAX_ACE_LENGTH + " characters");
        }
        String[] fields = ace.split(":", -1);
        if (fields.length != 4) {
            throw badAce(ace, "want 4 fields TYPES:FLAGS:IDENTITY:PERMISSIONS, got " + fields.length);
        }
        String types = fields[0];
        String flags = fields[1];
        String identity = fields[2];
        String perms = fields[3];
        if (types.isEmpty()) {
            throw badAce(ace, "no access type");
        }
        checkChars(ace, types, ACCESS_TYPES, "access type");
        checkChars(ace, flags, FLAGS, "flag");
        checkChars(ace, perms, PERMS, "permission");
        if (!principalIsValid(identity)) {
            throw badAce(ace, "invalid principal " + PoolInputs.quote(identity));
        }
        boolean groupPrincipal = identity.equals("GROUP@") || (!SPECIAL.contains(identity)
                && flags.indexOf('G') >= 0);
        if (groupPrincipal != (flags.indexOf('G') >= 0)) {
            throw badAce(ace, "the group flag G is only for group principals (GROUP@ and named groups)");
        }
        boolean alert = types.indexOf('L') >= 0 || types.indexOf('U') >= 0;
        boolean alertFlags = flags.indexOf('S') >= 0 || flags.indexOf('F') >= 0;
        if (alert != alertFlags) {
            throw badAce(ace, alert ? "audit and alarm entries need the S or F flag"
                    : "the S and F flags are only for audit and alarm entries");
        }
    }

    /** DAOS's principal syntax: a special name, or {@code name@} with an optional domain, one {@code @}. */
    public static boolean principalIsValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_PRINCIPAL_LENGTH) {
            return false;
        }
        if (SPECIAL.contains(name)) {
            return true;
        }
        int at = name.indexOf('@');
        return at > 0 && name.indexOf('@', at + 1) < 0;
    }

    private static void checkChars(String ace, String field, String allowed, String what) {
        for (char c : field.toCharArray()) {
            if (allowed.indexOf(c) < 0) {
                throw badAce(ace, "unknown " + what + " '" + c + "'");
            }
        }
    }

    private static Fault badAce(String ace, String why) {
        return PoolInputs.invalid("invalid ACE " + PoolInputs.quote(ace) + ": " + why,
                "write entries as TYPES:FLAGS:IDENTITY:PERMISSIONS, e.g. A::OWNER@:rw or A:G:GROUP@:r");
    }

    /** The ACL as dmg prints it: owner comments, then the entries, each after its description when verbose. */
    public String format(boolean verbose) {
        StringBuilder out = new StringBuilder();
        if (!ownerUser.isEmpty()) {
            out.append("# Owner: ").append(ownerUser).append('\n');
        }
        if (!ownerGroup.isEmpty()) {
            out.append("# Owner Group: ").append(ownerGroup).append('\n');
        }
        out.append("# Entries:\n");
        if (entries.isEmpty()) {
            return out.append("#   None\n").toString();
        }
        for (String ace : entries) {
            if (verbose) {
                out.append("# ").append(verbose(ace)).append('\n');
            }
            out.append(ace).append('\n');
        }
        return out.toString();
    }

    /** {@code Allow:Group:Owner-Group:Read/Write}: an ACE in words, as DAOS's verbose ACL printout. */
    static String verbose(String ace) {
        if (ace.isEmpty()) {
            return "";
        }
        String[] fields = ace.split(":", -1);
        if (fields.length != 4) {
            return "invalid ACE";
        }
        StringBuilder b = new StringBuilder();
        b.append(words(fields[0], Map.of('A', "Allow"))).append(':');
        if (!fields[1].isEmpty()) {
            b.append(words(fields[1], Map.of('G', "Group")));
        }
        b.append(':');
        String identity = switch (fields[2]) {
            case "" -> "None";
            case "OWNER@" -> "Owner";
            case "GROUP@" -> "Owner-Group";
            case "EVERYONE@" -> "Everyone";
            default -> fields[2];
        };
        b.append(identity).append(':');
        b.append(words(fields[3], Map.of('r', "Read", 'w', "Write", 'c', "Create-Cont", 'd', "Destroy-Cont",
                't', "Get-Prop", 'T', "Set-Prop", 'a', "Get-ACL", 'A', "Set-ACL", 'o', "Set-Owner")));
        return b.toString();
    }

    private static String words(String field, Map<Character, String> names) {
        if (field.isEmpty()) {
            return "None";
        }
        List<String> out = new ArrayList<>();
        for (char c : field.toCharArray()) {
            out.add(names.getOrDefault(c, "Unknown"));
        }
        return String.join("/", out);
    }
}
