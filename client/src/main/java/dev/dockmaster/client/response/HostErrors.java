package dev.dockmaster.client.response;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.spi.Fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-host errors grouped by their text (DAOS {@code HostErrorsMap}): one row per distinct error with the ranged set
 * of hosts that hit it, sorted by host set and then error text.
 */
public record HostErrors(List<HostErrorGroup> groups) {
    private static final HostErrors NONE = new HostErrors(List.of());

    /**
     * @param error the error text that groups hosts (a fault's full message)
     * @param hosts the hosts that reported it
     * @param cause the first host's error, for its fault code and resolution
     */
    public record HostErrorGroup(String error, HostSet hosts, Throwable cause) {
        /** What a table shows: a fault's description, otherwise the error text. */
        public String displayText() {
            return cause instanceof Fault f ? f.description() : error;
        }
    }

    public HostErrors {
        groups = List.copyOf(groups);
    }

    public static HostErrors none() {
        return NONE;
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** How many distinct hosts had at least one error. */
    public int hostCount() {
        HostSet all = HostSet.empty();
        for (HostErrorGroup g : groups) {
            all = all.union(g.hosts());
        }
        return all.size();
    }

    /** {@code "2 hosts had errors"}, DAOS's summary error, or empty when no host failed. */
    public Optional<String> summary() {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        int n = hostCount();
        return Optional.of(n + (n == 1 ? " host" : " hosts") + " had errors");
    }

    /** The text an error is grouped by. */
    public static String textOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getName() : message;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, HostSet> hosts = new LinkedHashMap<>();
        private final Map<String, Throwable> causes = new LinkedHashMap<>();

        public Builder add(String host, Throwable error) {
            String text = textOf(error);
            hosts.merge(text, HostSet.of(host), HostSet::union);
            causes.putIfAbsent(text, error);
            return this;
        }

        public HostErrors build() {
            List<HostErrorGroup> out = new ArrayList<>();
            hosts.forEach((text, set) -> out.add(new HostErrorGroup(text, set, causes.get(text))));
            out.sort(Comparator.comparing((HostErrorGroup g) -> g.hosts().toRangedString())
                    .thenComparing(HostErrorGroup::error));
            return new HostErrors(out);
        }
    }
}
