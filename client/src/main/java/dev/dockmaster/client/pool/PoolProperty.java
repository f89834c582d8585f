package dev.dockmaster.client.pool;

import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.spi.Fault;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * DAOS 2.6's pool properties as dmg names them ({@code lib/daos/pool_property.go}), with their {@code daos_prop.h}
 * numbers (the wire's {@code PoolProperty.number}), how a value given on the command line is checked and encoded
 * (a number or a string), and how a value read back is printed. Declared in name order, the order of
 * {@code get-prop}'s table.
 */
public enum PoolProperty {
    CHECKPOINT("checkpoint", 22, "WAL checkpointing behavior",
            choices("checkpoint", "disabled", 0, "timed", 1, "lazy", 2)),
    CHECKPOINT_FREQ("checkpoint_freq", 23, "WAL checkpointing frequency, in seconds",
            number(s -> unsigned(s, 64, "invalid Checkpointing Frequency value " + s))),
    CHECKPOINT_THRESH("checkpoint_thresh", 24, "WAL checkpoint threshold, in percentage",
            number(s -> unsigned(s, 32, "invalid Checkpointing threshold value " + s))),
    DATA_THRESH("data_thresh", 10, "Data bdev threshold size",
            sizes(s -> {
                long b = sizeOrFail(s, "invalid data threshold size " + PoolInputs.quote(s));
                if (Long.compareUnsigned(b, 0xFFFF_FFFFL) > 0) {
                    throw bad("invalid data threshold size " + PoolInputs.quote(s));
                }
                return b;
            })),
    EC_CELL_SZ("ec_cell_sz", 9, "EC cell size",
            sizes(s -> {
                long b = sizeOrFail(s, "invalid EC Cell size " + PoolInputs.quote(s));
                // daos_ec_cs_valid: 4 KiB to 1 MiB, a multiple of 32 bytes
                if (b < 4 << 10 || b > 1 << 20 || b % 32 != 0) {
                    throw bad("invalid EC Cell size " + PoolInputs.quote(s));
                }
                return b;
            })),
    EC_PDA("ec_pda", 12, "Performance domain affinity level of EC",
            number(s -> positive32(s, "invalid ec_pda value " + PoolInputs.quote(s)))),
    GLOBAL_VERSION("global_version", 14, "Global Version",
            number(s -> unsigned(s, 32, "invalid global version " + PoolInputs.quote(s)))),
    LABEL("label", 1, "Pool label", new Codec(s -> {
        if (!PoolLabels.isValid(s)) {
            throw bad("invalid label " + PoolInputs.quote(s));
        }
        return s;
    }, PoolProperty::raw, false)),
    PERF_DOMAIN("perf_domain", 21, "Pool performance domain", choices("perf_domain", "root", 255, "group", 3)),
    RD_FAC("rd_fac", 11, "Pool redundancy factor",
            number(s -> max(s, 4, "invalid redun fac value " + s + " (valid values: 0-4)"))),
    RECLAIM("reclaim", 5, "Reclaim strategy", choices("reclaim", "disabled", 0, "lazy", 1, "time", 4)),
    REINTEGRATION("reintegration", 25, "Reintegration mode",
            choices("reintegration", "data_sync", 0, "no_data_sync", 1)),
    RP_PDA("rp_pda", 13, "Performance domain affinity level of RP",
            number(s -> positive32(s, "invalid rp_pda value " + PoolInputs.quote(s)))),
    SCRUB("scrub", 16, "Checksum scrubbing mode", choices("scrub", "off", 0, "lazy", 1, "timed", 2)),
    SCRUB_FREQ("scrub_freq", 17, "Checksum scrubbing frequency",
            number(s -> unsigned(s.replace("%", ""), 64, "invalid Scrubbing Frequency value " + s))),
    SCRUB_THRESH("scrub_thresh", 18, "Checksum scrubbing threshold",
            number(s -> unsigned(s.replace("%", ""), 64, "invalid Scrubbing Threshold value "
                    + PoolInputs.quote(s)))),
    SELF_HEAL("self_heal", 4, "Self-healing policy", selfHeal()),
    SPACE_RB("space_rb", 3, "Rebuild space ratio", new Codec(
            s -> max(s.replace("%", ""), 100, "invalid space_rb value " + s + " (valid values: 0-100)"),
            v -> v instanceof Long n ? Long.toUnsignedString(n) + "%" : "not set", true)),
    SVC_LIST("svc_list", 8, "Pool service replica list", new Codec(s -> {
        throw bad("cannot set pool service replica list");
    }, PoolProperty::raw, false)),
    SVC_OPS_ENABLED("svc_ops_enabled", 26, "Metadata duplicate operations detection enabled",
            number(s -> {
                long v = unsigned(s, 32, "invalid svc_ops_enabled value " + s + " (valid values: 0-1)");
                if (v > 1) {
                    throw bad("value supplied is greater than 1: invalid svc_ops_enabled value " + s
                            + " (valid values: 0-1)");
                }
                return v;
            })),
    SVC_OPS_ENTRY_AGE("svc_ops_entry_age", 27, "Metadata duplicate operations KVS max entry age, in seconds",
            number(s -> {
                String msg = "invalid svc_ops_entry_age " + s + " (valid values: 60-600)";
                long v = unsigned(s, 32, msg);
                if (v < 60 || v > 600) {
                    throw bad("value supplied is out of range: " + msg);
                }
                return v;
            })),
    SVC_RF("svc_rf", 19, "Pool service redundancy factor",
            number(s -> max(s, 4, "invalid service redundancy factor value " + s + " (valid values: 0-4)"))),
    UPGRADE_STATUS("upgrade_status", 15, "Upgrade Status",
            choices("upgrade_status", "not started", 0, "in progress", 1, "completed", 2, "failed", 3));

    /** Names dmg still takes for renamed properties. */
    private static final Map<String, PoolProperty> DEPRECATED = Map.of("rf", RD_FAC);

    /** Properties that only a create may set (DAOS's set-prop refuses them with these messages). */
    private static final Map<PoolProperty, String> CREATE_ONLY = Map.of(
            PERF_DOMAIN, "can't set perf_domain on existing pool.",
            EC_PDA, "can't set EC performance domain affinity on existing pool.",
            RP_PDA, "can't set RP performance domain affinity on existing pool.");

    private final String key;
    private final int number;
    private final String description;
    private final Codec codec;

    PoolProperty(String key, int number, String description, Codec codec) {
        this.key = key;
        this.number = number;
        this.description = description;
        this.codec = codec;
    }

    public String key() {
        return key;
    }

    /** The property's {@code daos_prop.h} number. */
    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    /** Whether JSON shows the value as a number rather than its printed text. */
    public boolean numericJson() {
        return codec.numericJson;
    }

    /** The names a value-list property takes, sorted; empty for the others. */
    public List<String> choices() {
        return codec.choices.keySet().stream().sorted().toList();
    }

    /** Why set-prop refuses this property on an existing pool, if it does. */
    public Optional<String> createOnly() {
        return Optional.ofNullable(CREATE_ONLY.get(this));
    }

    public static Optional<PoolProperty> find(String key) {
        for (PoolProperty p : values()) {
            if (p.key.equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.ofNullable(DEPRECATED.get(key));
    }

    public static Optional<PoolProperty> byNumber(int number) {
        for (PoolProperty p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** @throws Fault {@code "foo" is not a settable property (valid: checkpoint,...)} */
    public static PoolProperty parseKey(String key, String what) {
        return find(key).orElseThrow(() -> bad(PoolInputs.quote(key) + " is not a " + what + " property (valid: "
                + String.join(",", keys()) + ")"));
    }

    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (PoolProperty p : values()) {
            keys.add(p.key);
        }
        return keys;
    }

    /**
     * Checks and encodes a value given as text.
     *
     * @throws Fault with DAOS's message, e.g. {@code invalid value "fast" for reclaim (valid: disabled,lazy,time)}
     */
    public Value parse(String text) {
        return new Value(this, codec.parser.apply(text));
    }

    /** A value read from the wire: a number or a string. */
    public Value fromWire(Object raw) {
        if (!(raw instanceof Long) && !(raw instanceof String)) {
            throw new IllegalArgumentException("a property value is a Long or a String: " + raw);
        }
        return new Value(this, raw);
    }

    /** One property with its value: a {@link Long} (unsigned) or a {@link String}. */
    public record Value(PoolProperty property, Object raw) {
        public Value {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(raw, "raw");
        }

        public boolean isNumber() {
            return raw instanceof Long;
        }

        public long number() {
            return (Long) raw;
        }

        /** The value as dmg prints it ({@code lazy}, {@code 10%}, {@code 32 KiB}). */
        public String print() {
            return property.codec.printer.apply(raw);
        }

        /** The value for JSON: a number, a list of ranks (svc_list) or the printed text. */
        public Object json() {
            if (property == SVC_LIST) {
                return RankSet.parse(String.valueOf(raw)).ranks();
            }
            if (property.numericJson() && raw instanceof Long n) {
                return new BigInteger(Long.toUnsignedString(n));
            }
            return print();
        }

        /** {@code name:value}, as DAOS writes a property. */
        @Override
        public String toString() {
            return property.key + ":" + print();
        }
    }

    // ---- codecs

    private record Codec(Function<String, Object> parser, Function<Object, String> printer, boolean numericJson,
                         Map<String, Long> choices) {
        Codec(Function<String, Object> parser, Function<Object, String> printer, boolean numericJson) {
            this(parser, printer, numericJson, Map.of());
        }
    }

    private static String raw(Object v) {
        return v instanceof Long n ? Long.toUnsignedString(n) : String.valueOf(v);
    }

    private static Codec number(Function<String, Long> parser) {
        return new Codec(parser::apply, v -> v instanceof Long n ? Long.toUnsignedString(n) : "not set", true);
    }

    private static Codec sizes(Function<String, Long> parser) {
        return new Codec(parser::apply, v -> v instanceof Long n ? iBytes(n) : "not set", true);
    }

    /** A value list: names map to numbers, any case on input; an unknown number prints as itself. */
    private static Codec choices(String key, Object... pairs) {
        Map<String, Long> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
        }
        Map<Long, String> byNumber = new TreeMap<>();
        names.forEach((name, n) -> byNumber.putIfAbsent(n, name));
        return new Codec(s -> {
            Long n = names.get(s.toLowerCase(Locale.ROOT));
            if (n == null) {
                throw bad(key, s, names);
            }
            return n;
        }, v -> v instanceof Long n && byNumber.containsKey(n) ? byNumber.get(n) : raw(v), false, names);
    }

    private static Codec selfHeal() {
        long exclude = 1;
        long rebuild = 2;
        long delay = 4;
        Map<String, Long> names = new LinkedHashMap<>();
        names.put("none", 0L);
        names.put("exclude", exclude);
        names.put("rebuild", rebuild);
        names.put("delay_rebuild", delay);
        names.put("exclude;rebuild", exclude | rebuild);
        names.put("rebuild;exclude", exclude | rebuild);
        names.put("delay_rebuild;exclude", exclude | delay);
        names.put("exclude;delay_rebuild", exclude | delay);
        Map<Long, String> printed = Map.of(0L, "none", exclude, "exclude", rebuild, "rebuild", delay,
                "delay_rebuild", exclude | rebuild, "exclude;rebuild", exclude | delay, "exclude;delay_rebuild");
        return new Codec(s -> {
            Long n = names.get(s.toLowerCase(Locale.ROOT));
            if (n == null) {
                throw bad("self_heal", s, names);
            }
            return n;
        }, v -> v instanceof Long n ? printed.getOrDefault(n, "unknown") : "not set", false, names);
    }

    private static Fault bad(String key, String value, Map<String, Long> names) {
        String valid = String.join(",", names.keySet().stream().sorted().toList());
        return bad("invalid value " + PoolInputs.quote(value) + " for " + key
                + " (valid: " + valid + ")");
    }

    static Fault bad(String message) {
        return PoolInputs.invalid(message, "see 'dmg pool get-prop' for the properties and their values");
    }

    /** Go's {@code strconv.ParseUint(s, 10, bits)}: digits only, within the bit size. */
    private static long unsigned(String s, int bits, String error) {
        if (!s.matches("\\d+")) {
            throw bad(error);
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > bits) {
            throw bad(error);
        }
        return v.longValue();
    }

    private static long max(String s, long max, String error) {
        long v = unsigned(s, 64, error);
        if (Long.compareUnsigned(v, max) > 0) {
            throw bad(error);
        }
        return v;
    }

    private static long positive32(String s, String error) {
        long v = unsigned(s, 32, error);
        if (v == 0) {
            throw bad(error);
        }
        return v;
    }

    private static long sizeOrFail(String s, String error) {
        try {
            return ByteSizes.parse(s);
        } catch (Fault f) {
            throw bad(error);
        }
    }

    /** go-humanize's {@code IBytes}: {@code 32 KiB}, {@code 1.0 MiB}. */
    static String iBytes(long value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double size = value < 0 ? value + 0x1p64 : (double) value;
        if (size < 10) {
            return value + " B";
        }
        int exp = Math.min((int) Math.floor(Math.log(size) / Math.log(1024)), units.length - 1);
        double scaled = Math.floor(size / Math.pow(1024, exp) * 10 + 0.5) / 10;
        String number = new java.math.BigDecimal(scaled)
                .setScale(scaled < 10 ? 1 : 0, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return number + " " + units[exp];
    }
}
