package dev.dockmaster.dmg;

import dev.dockmaster.client.api.HostFabric;
import dev.dockmaster.client.api.LeaderQueryResponse;
import dev.dockmaster.client.api.SystemQueryResponse;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.client.api.SystemCleanupResponse;
import dev.dockmaster.client.api.SystemProperty;
import dev.dockmaster.client.api.SystemResultsResponse;
import dev.dockmaster.client.api.HostFormat;
import dev.dockmaster.client.api.StorageFormatResponse;
import dev.dockmaster.client.api.HostStorage;
import dev.dockmaster.client.api.ListPluginsResponse;
import dev.dockmaster.client.api.NetworkScanResponse;
import dev.dockmaster.client.api.StorageScanResponse;
import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.client.telemetry.Metric;
import dev.dockmaster.client.telemetry.MetricSet;
import dev.dockmaster.client.telemetry.Telemetry;
import dev.dockmaster.dmg.pretty.GoFloats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code response} objects of {@code dmg -j}, shaped as DAOS's Go types marshal: {@code host_errors} maps error
 * text to a ranged host set, result groups are keyed by a content hash with their ranged host set.
 */
final class JsonViews {
    private JsonViews() {
    }

    static Map<String, Object> hostErrors(HostErrors errors) {
        Map<String, Object> out = new TreeMap<>();
        errors.groups().forEach(g -> out.put(g.error(), g.hosts().toRangedString()));
        return out;
    }

    static Map<String, Object> storageScan(StorageScanResponse resp) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (HostGroup<HostStorage> g : resp.hostStorage()) {
            HostStorage hs = g.value();
            Map<String, Object> storage = new LinkedHashMap<>();
            storage.put("nvme_devices", hs.nvmeDevices());
            storage.put("scm_modules", hs.scmModules());
            storage.put("scm_namespaces", hs.scmNamespaces());
            storage.put("scm_mount_points", List.of());
            storage.put("smd_info", null);
            storage.put("reboot_required", false);
            storage.put("mem_info", hs.memInfo());
            groups.put(g.key(), group("storage", storage, "hosts", g));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host_errors", hostErrors(resp.errors()));
        out.put("HostStorage", groups);
        return out;
    }

    /** DAOS's StorageFormatResp: host errors, and per host set its SCM mount points and NVMe results. */
    static Map<String, Object> storageFormat(StorageFormatResponse resp) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (HostGroup<HostFormat> g : resp.hostFormats()) {
            Map<String, Object> storage = new LinkedHashMap<>();
            storage.put("nvme_devices", g.value().nvmeDevices().stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("info", d.info());
                m.put("pci_addr", d.pciAddress());
                m.put("role_bits", d.roleBits());
                return m;
            }).toList());
            storage.put("scm_mount_points", g.value().scmMounts().stream().map(mp -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("info", mp.info());
                m.put("path", mp.path());
                return m;
            }).toList());
            groups.put(g.key(), group("storage", storage, "hosts", g));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host_errors", hostErrors(resp.errors()));
        out.put("HostStorage", groups);
        return out;
    }

    static Map<String, Object> networkScan(NetworkScanResponse resp) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (HostGroup<HostFabric> g : resp.hostFabrics()) {
            HostFabric hf = g.value();
            Map<String, Object> fabric = new LinkedHashMap<>();
            fabric.put("Interfaces", hf.interfaces().stream().map(fi -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Provider", fi.getProvider());
                m.put("Device", fi.getDevice());
                m.put("NumaNode", Integer.toUnsignedLong(fi.getNumanode()));
                m.put("Priority", Integer.toUnsignedLong(fi.getPriority()));
                m.put("NetDevClass", Integer.toUnsignedLong(fi.getNetdevclass()));
                return m;
            }).toList());
            fabric.put("Providers", hf.providers());
            fabric.put("NumaCount", hf.numaCount());
            fabric.put("CoresPerNuma", hf.coresPerNuma());
            groups.put(g.key(), group("HostFabric", fabric, "HostSet", g));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host_errors", hostErrors(resp.errors()));
        out.put("HostFabrics", groups);
        return out;
    }

    static Map<String, Object> listPlugins(ListPluginsResponse resp) {
        Map<String, Object> groups = new LinkedHashMap<>();
        resp.hostPlugins().forEach(g -> groups.put(g.key(), group("plugins", g.value(), "hosts", g)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host_errors", hostErrors(resp.errors()));
        out.put("HostPlugins", groups);
        return out;
    }

    static Map<String, Object> metricsList(Telemetry.ListResponse resp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available_metric_sets", resp.availableMetricSets().stream().map(JsonViews::metricSet).toList());
        return out;
    }

    static Map<String, Object> metricsQuery(Telemetry.QueryResponse resp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric_sets", resp.metricSets().stream().map(JsonViews::metricSet).toList());
        return out;
    }

    /** DAOS's MetricSet: the type first, lower case; {@code metrics} is null when there are none (a Go nil slice). */
    private static Map<String, Object> metricSet(MetricSet set) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", set.type().jsonName());
        out.put("name", set.name());
        out.put("description", set.description());
        out.put("metrics", set.metrics().isEmpty() ? null : set.metrics().stream().map(JsonViews::metric).toList());
        return out;
    }

    private static Map<String, Object> metric(Metric metric) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", new TreeMap<>(metric.labels()));
        if (metric instanceof Metric.Simple s) {
            out.put("value", jsonFloat(s.value()));
        } else if (metric instanceof Metric.Summary s) {
            out.put("sample_count", s.sampleCount());
            out.put("sample_sum", jsonFloat(s.sampleSum()));
            // DAOS writes quantiles as a map of %g strings to %g strings; Go sorts map keys as strings.
            Map<String, Object> quantiles = new TreeMap<>();
            s.quantiles().forEach((q, v) -> quantiles.put(GoFloats.g(q), GoFloats.g(v)));
            out.put("quantiles", quantiles);
        } else if (metric instanceof Metric.Histogram h) {
            out.put("sample_count", h.sampleCount());
            out.put("sample_sum", jsonFloat(h.sampleSum()));
            out.put("buckets", h.buckets().stream().map(b -> {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("label", "");
                bucket.put("cumulative_count", b.cumulativeCount());
                bucket.put("upper_bound", jsonFloat(b.upperBound()));
                return bucket;
            }).toList());
        }
        return out;
    }

    /**
     * A float for JSON: a number, or for the values JSON has no number for, the string DAOS writes for an infinite
     * bucket bound ({@code "+Inf"}, {@code "-Inf"}, {@code "NaN"}).
     */
    private static Object jsonFloat(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? GoFloats.g(v) : v;
    }

    private static Map<String, Object> group(String valueKey, Object value, String hostsKey, HostGroup<?> g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(valueKey, value);
        out.put(hostsKey, g.hosts().toRangedString());
        return out;
    }

    /**
     * DAOS's {@code SystemQueryResp} JSON: {@code members} and {@code providers} only (the absent sets are not
     * marshalled; they make the error). Each member as {@code system.Member} marshals: address, lower-case state and
     * fault domain first, then the remaining fields in declaration order; nil slices are {@code null}.
     */
    static Map<String, Object> systemQuery(SystemQueryResponse resp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", resp.members().isEmpty() ? null : resp.members().stream().map(JsonViews::member).toList());
        out.put("providers", resp.providers().isEmpty() ? null : resp.providers());
        return out;
    }

    private static Map<String, Object> member(SystemMember m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("addr", m.getAddr());
        out.put("state", dev.dockmaster.client.api.MemberState.fromWire(m.getState()).wireName());
        out.put("fault_domain", m.getFaultDomain().isEmpty() ? "/" : m.getFaultDomain());
        out.put("rank", Integer.toUnsignedLong(m.getRank()));
        out.put("incarnation", new java.math.BigInteger(Long.toUnsignedString(m.getIncarnation())));
        out.put("uuid", m.getUuid().isEmpty() ? "00000000-0000-0000-0000-000000000000" : m.getUuid());
        out.put("fabric_uri", m.getFabricUri());
        out.put("secondary_fabric_uris", m.getSecondaryFabricUrisList().isEmpty() ? null
                : m.getSecondaryFabricUrisList());
        out.put("fabric_contexts", Integer.toUnsignedLong(m.getFabricContexts()));
        out.put("secondary_fabric_contexts", null);
        out.put("info", m.getInfo());
        out.put("last_update", m.getLastUpdate().isEmpty() ? "0001-01-01T00:00:00Z" : m.getLastUpdate());
        return out;
    }

    /**
     * DAOS's stop/start/exclude response JSON: {@code {"Results": [...]}} (the absent sets are not marshalled), each
     * {@code system.MemberResult} with its lower-case {@code state} first, then its untagged Go fields.
     */
    static Map<String, Object> systemResults(SystemResultsResponse resp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Results", resp.results().isEmpty() ? null : resp.results().stream().map(JsonViews::rankResult)
                .toList());
        return out;
    }

    private static Map<String, Object> rankResult(RankResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", dev.dockmaster.client.api.MemberState.fromWire(r.getState()).wireName());
        out.put("Addr", r.getAddr());
        out.put("Rank", Integer.toUnsignedLong(r.getRank()));
        out.put("Action", r.getAction());
        out.put("Errored", r.getErrored());
        out.put("Msg", r.getMsg());
        return out;
    }

    /** DAOS's {@code SystemCleanupResp} JSON. */
    static Map<String, Object> systemCleanup(SystemCleanupResponse resp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", resp.results().isEmpty() ? null : resp.results().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", r.getStatus());
            m.put("msg", r.getMsg());
            m.put("pool_id", r.getPoolId());
            m.put("count", Integer.toUnsignedLong(r.getCount()));
            return m;
        }).toList());
        return out;
    }

    /** DAOS's {@code SystemGetAttrResp} JSON; Go writes map keys sorted. */
    static Map<String, Object> systemGetAttr(Map<String, String> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", attributes.isEmpty() ? null : new java.util.TreeMap<>(attributes));
        return out;
    }

    /** dmg's get-prop JSON: the property list itself, each {@code key}, {@code value}, {@code description}. */
    static List<Map<String, Object>> systemGetProp(List<SystemProperty.Value> properties) {
        if (properties.isEmpty()) {
            return null;
        }
        return properties.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.property().key());
            m.put("value", p.value());
            m.put("description", p.property().description());
            return m;
        }).toList();
    }

    /** DAOS's {@code LeaderQueryResp} JSON. */
    static Map<String, Object> leaderQuery(LeaderQueryResponse resp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current_leader", resp.leader());
        out.put("replicas", resp.replicas().isEmpty() ? null : resp.replicas());
        out.put("down_replicas", resp.downReplicas().isEmpty() ? null : resp.downReplicas());
        return out;
    }
}
