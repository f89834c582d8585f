package dev.dockmaster.client.hostlist;

import dev.dockmaster.client.ClientFaults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, de-duplicated, naturally ordered set of hosts ({@code name[:port]}), parsed from and printed in the
 * slurm-style ranged notation DAOS uses: {@code wolf-[71-72]:10001}, {@code 10.0.0.[1-4]}, {@code host[001-010]}.
 *
 * <p>Input is a list separated by commas, spaces or tabs; each entry may hold one bracketed group of numbers and
 * {@code lo-hi} ranges (at most {@value #MAX_RANGE} hosts per range). Zero padding is kept: the width of a range is
 * the width of its low bound, as in DAOS. Malformed input raises a client fault that says what is wrong.
 */
public final class HostSet {
    /** The largest number of hosts one bracketed range may expand to. */
    public static final int MAX_RANGE = 16384;

    private static final HostSet EMPTY = new HostSet(List.of());

    private final List<HostName> hosts; // sorted by HostName.NATURAL_ORDER, unique by text

    private HostSet(List<HostName> sortedUnique) {
        this.hosts = List.copyOf(sortedUnique);
    }

    public static HostSet empty() {
        return EMPTY;
    }

    /** Parses a host list such as {@code "wolf-[71-72],10.0.0.[1-4]:10001 host[001-010]"}. */
    public static HostSet parse(String text) {
        return build(HostListParser.expand(text));
    }

    /** Parses and merges several host list strings (as a repeated {@code -l} or a YAML list gives them). */
    public static HostSet parse(Collection<String> texts) {
        List<HostName> all = new ArrayList<>();
        for (String text : texts) {
            all.addAll(HostListParser.expand(text));
        }
        return build(all);
    }

    /** The set of the given single hosts or host lists. */
    public static HostSet of(String... texts) {
        return parse(List.of(texts));
    }

    private static HostSet build(Collection<HostName> names) {
        if (names.isEmpty()) {
            return EMPTY;
        }
        Map<String, HostName> unique = new TreeMap<>();
        for (HostName name : names) {
            unique.putIfAbsent(name.text(), name);
        }
        List<HostName> sorted = new ArrayList<>(unique.values());
        sorted.sort(HostName.NATURAL_ORDER);
        return new HostSet(sorted);
    }

    /** This set with {@code :port} appended to every host that has none. */
    public HostSet withDefaultPort(int port) {
        if (port < 1 || port > 65535) {
            throw ClientFaults.badControlPort(port);
        }
        List<HostName> out = new ArrayList<>(hosts.size());
        for (HostName host : hosts) {
            out.add(host.port().isPresent() ? host : reparse(host.text() + ":" + port));
        }
        return build(out);
    }

    /** This set with every {@code :port} removed (hosts that then coincide collapse into one). */
    public HostSet withoutPorts() {
        List<HostName> out = new ArrayList<>(hosts.size());
        for (HostName host : hosts) {
            out.add(host.port().isPresent() ? reparse(host.name()) : host);
        }
        return build(out);
    }

    public HostSet union(HostSet other) {
        if (other.isEmpty()) {
            return this;
        }
        List<HostName> all = new ArrayList<>(hosts);
        all.addAll(other.hosts);
        return build(all);
    }

    /** This set plus the hosts of {@code text}. */
    public HostSet plus(String text) {
        return union(parse(text));
    }

    public boolean contains(String host) {
        StringBuilder problem = new StringBuilder();
        HostName name = HostName.parse(host, problem);
        return name != null && hosts.stream().anyMatch(h -> h.text().equals(name.text()));
    }

    public int size() {
        return hosts.size();
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    /** Every host, expanded, in natural order. */
    public List<String> hosts() {
        return hosts.stream().map(HostName::text).toList();
    }

    /** The compressed form, e.g. {@code wolf-[71-72]:10001,10.0.0.[1-4]:10001}. */
    public String toRangedString() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < hosts.size()) {
            HostName first = hosts.get(i);
            int end = i + 1;
            if (first.hasNumber()) {
                while (end < hosts.size() && sameGroup(first, hosts.get(end))) {
                    end++;
                }
            }
            if (out.length() > 0) {
                out.append(',');
            }
            appendGroup(out, hosts.subList(i, end));
            i = end;
        }
        return out.toString();
    }

    /** Every host, comma separated, as DAOS's {@code DerangedString}. */
    public String toExpandedString() {
        return String.join(",", hosts());
    }

    private static boolean sameGroup(HostName a, HostName b) {
        return b.hasNumber() && a.prefix().equals(b.prefix()) && a.suffix().equals(b.suffix());
    }

    private static void appendGroup(StringBuilder out, List<HostName> group) {
        HostName first = group.get(0);
        if (group.size() == 1) {
            out.append(first.text());
            return;
        }
        List<String> ranges = new ArrayList<>();
        int start = 0;
        while (start < group.size()) {
            HostName lo = group.get(start);
            int width = lo.digits().length();
            int end = start;
            // Extend while the next host is the next number and prints the same way inside this range's width.
            while (end + 1 < group.size()
                    && group.get(end + 1).number() == group.get(end).number() + 1
                    && HostName.pad(group.get(end + 1).number(), width).equals(group.get(end + 1).digits())) {
                end++;
            }
            HostName hi = group.get(end);
            ranges.add(start == end ? lo.digits()
                    : HostName.pad(lo.number(), width) + "-" + HostName.pad(hi.number(), width));
            start = end + 1;
        }
        out.append(first.prefix()).append('[').append(String.join(",", ranges)).append(']').append(first.suffix());
    }

    private static HostName reparse(String text) {
        StringBuilder problem = new StringBuilder();
        HostName name = HostName.parse(text, problem);
        if (name == null) {
            throw ClientFaults.invalidHostList(text, problem.toString());
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostSet other && hosts().equals(other.hosts());
    }

    @Override
    public int hashCode() {
        return hosts().hashCode();
    }

    /** The ranged form. */
    @Override
    public String toString() {
        return toRangedString();
    }
}
