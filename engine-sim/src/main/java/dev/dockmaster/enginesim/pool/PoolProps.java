package dev.dockmaster.enginesim.pool;

import dev.dockmaster.enginesim.fabric.Prop;
import dev.dockmaster.proto.mgmt.PoolProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * DAOS 2.6's pool properties (daos_prop.h numbers), their defaults (the pool service's default property list) and the
 * checks the engine applies to values it is given (daos_prop_valid and the pool service's own). The ACL (2), owner (6)
 * and owner group (7) are kept beside the list by {@link PoolEngine}, the service replica list (8) is derived.
 */
public final class PoolProps {
    public static final int LABEL = 1;
    public static final int ACL = 2;
    public static final int SPACE_RB = 3;
    public static final int SELF_HEAL = 4;
    public static final int RECLAIM = 5;
    public static final int OWNER = 6;
    public static final int OWNER_GROUP = 7;
    public static final int SVC_LIST = 8;
    public static final int EC_CELL_SZ = 9;
    public static final int DATA_THRESH = 10;
    public static final int REDUN_FAC = 11;
    public static final int EC_PDA = 12;
    public static final int RP_PDA = 13;
    public static final int GLOBAL_VERSION = 14;
    public static final int UPGRADE_STATUS = 15;
    public static final int SCRUB_MODE = 16;
    public static final int SCRUB_FREQ = 17;
    public static final int SCRUB_THRESH = 18;
    public static final int SVC_REDUN_FAC = 19;
    public static final int OBJ_VERSION = 20;
    public static final int PERF_DOMAIN = 21;
    public static final int CHECKPOINT_MODE = 22;
    public static final int CHECKPOINT_FREQ = 23;
    public static final int CHECKPOINT_THRESH = 24;
    public static final int REINT_MODE = 25;
    public static final int SVC_OPS_ENABLED = 26;
    public static final int SVC_OPS_ENTRY_AGE = 27;
    /** DAOS_PROP_PO_MAX: numbers are 1..27. */
    static final int MAX = 28;

    /** What a pool without a label would be called; giving it explicitly is refused, as by the engine. */
    public static final String LABEL_DEFAULT = "pool_label_not_set";
    public static final String OWNER_DEFAULT = "NOBODY@";
    static final int LABEL_MAX_LEN = 127;
    static final long SVC_REDUN_FAC_MAX = 4;
    static final long SVC_REDUN_FAC_DEFAULT = 2;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final Pattern LABEL_CHARS = Pattern.compile("[A-Za-z0-9.:_-]+");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PoolProps() {
    }

    /** A property the engine knows: its number, its name in dmg, and how a value is checked. */
    record Spec(int number, String name, boolean string, Object defaultValue, boolean settable, String rule,
                Predicate<Object> valid) {
    }

    private static final Map<Integer, Spec> SPECS = new LinkedHashMap<>();

    private static void str(int n, String name, Object def, String rule, Predicate<String> valid) {
        SPECS.put(n, new Spec(n, name, true, def, true, rule, v -> v instanceof String s && valid.test(s)));
    }

    private static void num(int n, String name, long def, boolean settable, String rule, LongPredicate valid) {
        SPECS.put(n, new Spec(n, name, false, def, settable, rule, v -> v instanceof Long l && valid.test(l)));
    }

    static {
        str(LABEL, "label", LABEL_DEFAULT, "1-127 characters of [A-Za-z0-9.:_-], not a UUID",
                l -> labelIsValid(l) && !l.equals(LABEL_DEFAULT));
        num(SPACE_RB, "space_rb", 0, true, "0-100 (percent)", v -> v >= 0 && v <= 100);
        num(SELF_HEAL, "self_heal", 1 | 2, true, "bits exclude (1), rebuild (2), delay_rebuild (4)",
                v -> v >= 0 && v <= 7);
        num(RECLAIM, "reclaim", 1, true, "disabled (0), lazy (1), snapshot (2), batch (3), time (4)",
                v -> v >= 0 && v <= 4);
        str(OWNER, "owner", OWNER_DEFAULT, "a principal name@[domain]", Acl::principalIsValid);
        str(OWNER_GROUP, "group", OWNER_DEFAULT, "a principal name@[domain]", Acl::principalIsValid);
        num(EC_CELL_SZ, "ec_cell_sz", 64 << 10, true, "4KiB-1MiB, a multiple of 32 bytes",
                v -> v >= (4 << 10) && v <= (1 << 20) && v % 32 == 0);
        num(DATA_THRESH, "data_thresh", 4096, true, "a size in bytes (32-bit)", v -> v >= 0 && v <= UINT32_MAX);
        num(REDUN_FAC, "rd_fac", 0, true, "0-4", v -> v >= 0 && v <= 4);
        num(EC_PDA, "ec_pda", 1, true, "1-4294967295", v -> v > 0 && v <= UINT32_MAX);
        num(RP_PDA, "rp_pda", UINT32_MAX, true, "1-4294967295", v -> v > 0 && v <= UINT32_MAX);
        num(GLOBAL_VERSION, "global_version", 3, false, "set by pool upgrade only", v -> false);
        num(UPGRADE_STATUS, "upgrade_status", 0, false, "set by pool upgrade only", v -> false);
        num(SCRUB_MODE, "scrub", 0, true, "off (0), lazy (1), timed (2)", v -> v >= 0 && v <= 2);
        num(SCRUB_FREQ, "scrub_freq", 604800, true, "seconds", v -> v >= 0);
        num(SCRUB_THRESH, "scrub_thresh", 0, true, "a count", v -> v >= 0);
        num(SVC_REDUN_FAC, "svc_rf", SVC_REDUN_FAC_DEFAULT, true, "0-4", v -> v >= 0 && v <= SVC_REDUN_FAC_MAX);
        num(OBJ_VERSION, "obj_version", 2, false, "set by pool upgrade only", v -> false);
        num(PERF_DOMAIN, "perf_domain", 255, true, "root (255) or group (3)", v -> v == 255 || v == 3);
        num(CHECKPOINT_MODE, "checkpoint", 1, true, "disabled (0), timed (1), lazy (2)", v -> v >= 0 && v <= 2);
        num(CHECKPOINT_FREQ, "checkpoint_freq", 5, true, "1-1048576 seconds", v -> v >= 1 && v <= (1 << 20));
        num(CHECKPOINT_THRESH, "checkpoint_thresh", 50, true, "10-75 percent", v -> v >= 10 && v <= 75);
        num(REINT_MODE, "reintegration", 0, true, "data_sync (0) or no_data_sync (1)", v -> v == 0 || v == 1);
        num(SVC_OPS_ENABLED, "svc_ops_enabled", 1, true, "0 or 1", v -> v == 0 || v == 1);
        num(SVC_OPS_ENTRY_AGE, "svc_ops_entry_age", 300, true, "60-600 seconds", v -> v >= 60 && v <= 600);
    }

    /** daos_label_is_valid: 1-127 characters of letters, digits and {@code .:_-}, and not something UUID-shaped. */
    public static boolean labelIsValid(String label) {
        return label != null && !label.isEmpty() && label.length() <= LABEL_MAX_LEN
                && LABEL_CHARS.matcher(label).matches() && !UUID_FORM.matcher(label).matches();
    }

    /** The properties every pool has unless created or set otherwise (label, owner and group excluded). */
    public static List<Prop> defaults() {
        List<Prop> out = new ArrayList<>();
        for (Spec s : SPECS.values()) {
            if (s.number() == OWNER || s.number() == OWNER_GROUP) {
                continue;
            }
            out.add(s.string() ? Prop.newBuilder().setNumber(s.number()).setStr((String) s.defaultValue()).build()
                    : Prop.newBuilder().setNumber(s.number()).setNum((Long) s.defaultValue()).build());
        }
        return out;
    }

    /** Whether the engine knows the number at all (1..27). */
    public static boolean known(int number) {
        return number > 0 && number < MAX;
    }

    /**
     * Checks values given on create or set-prop and turns them into the stored form. DER_INVAL for an unknown number,
     * one given twice, a value of the wrong kind or out of range, and for the properties that have their own calls or
     * are not settable (ACL, service list, versions).
     */
    public static List<Prop> check(Collection<PoolProperty> given) throws Der.Failure {
        List<Prop> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (PoolProperty p : given) {
            int n = p.getNumber();
            if (!known(n)) {
                throw new Der.Failure(Der.INVAL, "unknown pool property number " + n);
            }
            if (!seen.add(n)) {
                throw new Der.Failure(Der.INVAL, "pool property " + n + " given more than once");
            }
            Spec spec = SPECS.get(n);
            if (spec == null || !spec.settable()) {
                throw new Der.Failure(Der.INVAL, "pool property " + n + (spec == null ? "" : " (" + spec.name() + ")")
                        + " cannot be set this way");
            }
            Object value = switch (p.getValueCase()) {
                case STRVAL -> p.getStrval();
                case NUMVAL -> p.getNumval();
                default -> null;
            };
            if (!spec.valid().test(value)) {
                throw new Der.Failure(Der.INVAL, "invalid value " + value + " for pool property " + spec.name()
                        + " (" + n + "): " + (spec.string() ? "a string, " : "a number, ") + spec.rule());
            }
            out.add(spec.string() ? Prop.newBuilder().setNumber(n).setStr((String) value).build()
                    : Prop.newBuilder().setNumber(n).setNum((Long) value).build());
        }
        return out;
    }

    /** The stored list with {@code changes} applied (same number replaced, new numbers added), in number order. */
    public static List<Prop> merge(List<Prop> current, List<Prop> changes) {
        Map<Integer, Prop> byNumber = new java.util.TreeMap<>();
        current.forEach(p -> byNumber.put(p.getNumber(), p));
        changes.forEach(p -> byNumber.put(p.getNumber(), p));
        return List.copyOf(byNumber.values());
    }

    public static PoolProperty toWire(Prop p) {
        PoolProperty.Builder b = PoolProperty.newBuilder().setNumber(p.getNumber());
        if (p.getValueCase() == Prop.ValueCase.STR) {
            b.setStrval(p.getStr());
        } else {
            b.setNumval(p.getNum());
        }
        return b.build();
    }

    static long number(List<Prop> props, int number, long fallback) {
        return props.stream().filter(p -> p.getNumber() == number && p.getValueCase() == Prop.ValueCase.NUM)
                .mapToLong(Prop::getNum).findFirst().orElse(fallback);
    }

    static String string(List<Prop> props, int number, String fallback) {
        return props.stream().filter(p -> p.getNumber() == number && p.getValueCase() == Prop.ValueCase.STR)
                .map(Prop::getStr).findFirst().orElse(fallback);
    }
}
