package dev.dockmaster.client.response;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.dockmaster.client.hostlist.HostSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Collects per-host results and groups identical ones (order-insensitively, via {@link ProtoCanonical}) under one
 * ranged host set, as DAOS's {@code HostStorageMap} and {@code HostFabricMap} do. Groups come out sorted by their
 * ranged host string.
 */
public final class HostGrouper<T> {
    private final Function<T, Message> identity;
    private final Map<ByteString, Entry<T>> groups = new LinkedHashMap<>();

    private static final class Entry<T> {
        final T value;
        HostSet hosts = HostSet.empty();

        Entry(T value) {
            this.value = value;
        }
    }

    /** @param identity the message whose canonical form decides which results are the same */
    public HostGrouper(Function<T, Message> identity) {
        this.identity = identity;
    }

    public HostGrouper<T> add(String host, T value) {
        Entry<T> entry = groups.computeIfAbsent(ProtoCanonical.key(identity.apply(value)), k -> new Entry<>(value));
        entry.hosts = entry.hosts.plus(host);
        return this;
    }

    public List<HostGroup<T>> groups() {
        List<HostGroup<T>> out = new ArrayList<>();
        for (Map.Entry<ByteString, Entry<T>> e : groups.entrySet()) {
            out.add(new HostGroup<>(e.getValue().hosts, e.getValue().value, keyOf(e.getKey())));
        }
        out.sort(Comparator.comparing(g -> g.hosts().toRangedString()));
        return List.copyOf(out);
    }

    private static String keyOf(ByteString bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.asReadOnlyByteBuffer());
        return Long.toUnsignedString(crc.getValue() << 32 | (bytes.size() & 0xFFFF_FFFFL));
    }
}
