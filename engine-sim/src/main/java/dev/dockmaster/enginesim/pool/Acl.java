package dev.dockmaster.enginesim.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A pool's access control list in DAOS's short ACE form {@code <access types>:<flags>:<principal>:<permissions>}, e.g.
 * {@code A::OWNER@:rw} or {@code A:G:readers@:r}, with the checks libdaos makes (src/common/acl_*.c) and its order:
 * owner, named users, owning group, named groups, everyone. Immutable; edits return a new list.
 */
public record Acl(List<Ace> entries) {
    /** DAOS_ACL_MAX_PRINCIPAL_LEN. */
    static final int MAX_PRINCIPAL_LEN = 255;
    /** DAOS_ACL_MAX_ACE_STR_LEN. */
    static final int MAX_ACE_STR_LEN = MAX_PRINCIPAL_LEN + 64;

    /** What a pool gets when it is created without an ACL (ds_sec_alloc_default_daos_pool_acl). */
    public static final Acl POOL_DEFAULT = new Acl(List.of(Ace.parseOrThrow("A::OWNER@:rw"),
            Ace.parseOrThrow("A:G:GROUP@:rw")));

    public Acl {
        entries = List.copyOf(entries);
    }

    /** Principal kinds in the order DAOS keeps them in a list. */
    public enum PrincipalType { OWNER, USER, OWNER_GROUP, GROUP, EVERYONE }

    private static final String ACCESS = "AUL";        // allow, audit, alarm
    private static final String FLAGS = "GSFP";        // group, access-success, access-failure, pool-inherit
    private static final String PERMS = "rwcdtTaAo";   // read ... set-owner, in DAOS's printing order
    private static final int ALLOW = 1;
    private static final int FLAG_GROUP = 1;
    private static final int ALERT_FLAGS = 2 | 4;
    private static final int ALERT_TYPES = 2 | 4;

    /** One entry. {@code name} is the principal for users and groups, empty for the special principals. */
    public record Ace(int accessTypes, int flags, PrincipalType type, String name, int perms) {
        public Ace {
            Objects.requireNonNull(type);
            Objects.requireNonNull(name);
        }

        /** Parses and checks one entry; DER_INVAL when it is not a valid ACE. */
        public static Ace parse(String text) throws Der.Failure {
            if (text == null || text.length() > MAX_ACE_STR_LEN) {
                throw invalid(text, "longer than " + MAX_ACE_STR_LEN + " characters");
            }
            String[] fields = text.split(":", -1);
            if (fields.length != 4) {
                throw invalid(text, "expected 4 fields separated by ':', found " + fields.length);
            }
            int types = bits(fields[0], ACCESS, text, "access type");
            int flags = bits(fields[1], FLAGS, text, "flag");
            String identity = fields[2];
            if (!principalIsValid(identity)) {
                throw invalid(text, "principal '" + identity + "' is not name@[domain]");
            }
            int perms = bits(fields[3], PERMS, text, "permission");
            PrincipalType type;
            String name = "";
            switch (identity) {
                case "OWNER@" -> type = PrincipalType.OWNER;
                case "GROUP@" -> {
                    type = PrincipalType.OWNER_GROUP;
                    flags |= FLAG_GROUP; // libdaos sets the group flag itself for group principals
                }
                case "EVERYONE@" -> type = PrincipalType.EVERYONE;
                default -> {
                    type = (flags & FLAG_GROUP) != 0 ? PrincipalType.GROUP : PrincipalType.USER;
                    name = identity;
                }
            }
            if (types == 0) {
                throw invalid(text, "no access type (A, U or L)");
            }
            boolean groupType = type == PrincipalType.GROUP || type == PrincipalType.OWNER_GROUP;
            if (groupType != ((flags & FLAG_GROUP) != 0)) {
                throw invalid(text, "the G flag is only for group principals");
            }
            if (((types & ALERT_TYPES) != 0) != ((flags & ALERT_FLAGS) != 0)) {
                throw invalid(text, "audit (U) and alarm (L) entries need the S or F flag, and only they may have it");
            }
            return new Ace(types, flags, type, name, perms);
        }

        static Ace parseOrThrow(String text) {
            try {
                return parse(text);
            } catch (Der.Failure e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        /** The principal as DAOS prints it in the entry. */
        public String principal() {
            return switch (type) {
                case OWNER -> "OWNER@";
                case OWNER_GROUP -> "GROUP@";
                case EVERYONE -> "EVERYONE@";
                default -> name;
            };
        }

        boolean samePrincipal(Ace other) {
            return type == other.type && name.equals(other.name);
        }

        /** daos_ace_to_str: letters in DAOS's fixed order, whatever order they were given in. */
        @Override
        public String toString() {
            return letters(accessTypes, ACCESS) + ":" + letters(flags, FLAGS) + ":" + principal() + ":"
                    + letters(perms, PERMS);
        }

        private static int bits(String field, String alphabet, String text, String what) throws Der.Failure {
            int bits = 0;
            for (char c : field.toCharArray()) {
                int i = alphabet.indexOf(c);
                if (i < 0) {
                    throw invalid(text, "invalid " + what + " '" + c + "'");
                }
                bits |= 1 << i;
            }
            return bits;
        }

        private static String letters(int bits, String alphabet) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < alphabet.length(); i++) {
                if ((bits & (1 << i)) != 0) {
                    out.append(alphabet.charAt(i));
                }
            }
            return out.toString();
        }
    }

    /** daos_acl_principal_is_valid: {@code name@} or {@code name@domain}, one '@', a non-empty name, 255 at most. */
    static boolean principalIsValid(String p) {
        if (p == null || p.isEmpty() || p.length() > MAX_PRINCIPAL_LEN) {
            return false;
        }
        int at = p.indexOf('@');
        return at > 0 && p.indexOf('@', at + 1) < 0;
    }

    /** Parses a whole list (daos_acl_from_strs): every entry valid, no principal twice; sorted as DAOS keeps it. */
    public static Acl parse(List<String> texts) throws Der.Failure {
        List<Ace> aces = new ArrayList<>();
        for (String t : texts) {
            Ace ace = Ace.parse(t);
            for (Ace existing : aces) {
                if (existing.samePrincipal(ace)) {
                    throw new Der.Failure(Der.INVAL, "principal " + ace.principal() + " appears more than once");
                }
            }
            aces.add(ace);
        }
        aces.sort(Comparator.comparing(Ace::type)); // stable: insertion order within a kind
        return new Acl(aces);
    }

    /** Update: each given entry replaces the one of the same principal, or joins the list. */
    public Acl update(Acl changes) {
        List<Ace> out = new ArrayList<>(entries);
        for (Ace ace : changes.entries) {
            int found = indexOf(out, ace);
            if (found >= 0) {
                out.set(found, ace);
            } else {
                out.add(ace);
            }
        }
        out.sort(Comparator.comparing(Ace::type));
        return new Acl(out);
    }

    /**
     * Removes a principal given as DAOS's tools name it: {@code OWNER@}, {@code GROUP@}, {@code EVERYONE@},
     * {@code u:name@[domain]} or {@code g:name@[domain]}. DER_INVAL for a malformed principal, DER_NONEXIST when the
     * list has no entry for it.
     */
    public Acl delete(String principal) throws Der.Failure {
        Ace key = principalKey(principal);
        List<Ace> out = new ArrayList<>(entries);
        int found = indexOf(out, key);
        if (found < 0) {
            throw new Der.Failure(Der.NONEXIST, "no entry for principal " + principal);
        }
        out.remove(found);
        return new Acl(out);
    }

    private static Ace principalKey(String p) throws Der.Failure {
        if (p == null) {
            p = "";
        }
        switch (p) {
            case "OWNER@":
                return new Ace(ALLOW, 0, PrincipalType.OWNER, "", 0);
            case "GROUP@":
                return new Ace(ALLOW, FLAG_GROUP, PrincipalType.OWNER_GROUP, "", 0);
            case "EVERYONE@":
                return new Ace(ALLOW, 0, PrincipalType.EVERYONE, "", 0);
            default:
                break;
        }
        PrincipalType type = p.startsWith("u:") ? PrincipalType.USER : p.startsWith("g:") ? PrincipalType.GROUP : null;
        String name = p.length() > 2 ? p.substring(2) : "";
        if (type == null || !principalIsValid(name)) {
            throw new Der.Failure(Der.INVAL, "invalid principal '" + p + "': expected OWNER@, GROUP@, EVERYONE@,"
                    + " u:<user>@[domain] or g:<group>@[domain]");
        }
        return new Ace(ALLOW, type == PrincipalType.GROUP ? FLAG_GROUP : 0, type, name, 0);
    }

    private static int indexOf(List<Ace> aces, Ace key) {
        for (int i = 0; i < aces.size(); i++) {
            if (aces.get(i).samePrincipal(key)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> strings() {
        return entries.stream().map(Ace::toString).toList();
    }

    private static Der.Failure invalid(String text, String why) {
        return new Der.Failure(Der.INVAL, "invalid ACE '" + text + "': " + why);
    }
}
