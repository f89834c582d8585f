package dev.dockmaster.dmg;

import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.pool.Acl;
import dev.dockmaster.client.pool.PoolCreateResult;
import dev.dockmaster.client.pool.PoolInfo;
import dev.dockmaster.client.pool.PoolList;
import dev.dockmaster.client.pool.PoolProperty;
import dev.dockmaster.client.pool.PoolQueryMask;
import dev.dockmaster.client.pool.PoolRanksResult;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code response} of the pool commands' {@code -j}, with the keys and order DAOS's Go types marshal to. */
final class PoolJson {
    private PoolJson() {
    }

    /** control.PoolCreateResp. */
    static Map<String, Object> create(PoolCreateResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", r.uuid());
        out.put("svc_ldr", r.serviceLeader());
        out.put("svc_reps", r.serviceReplicas());
        out.put("tgt_ranks", r.targetRanks());
        out.put("tier_bytes", r.tierBytes().stream().map(PoolJson::unsigned).toList());
        return out;
    }

    /** control.ListPoolsResp: the status and the pools (null when there are none, a nil slice in Go). */
    static Map<String, Object> list(PoolList list) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", 0);
        out.put("pools", list.pools().isEmpty() ? null : list.pools().stream().map(PoolJson::info).toList());
        return out;
    }

    /** daos.PoolInfo with its computed usage. */
    static Map<String, Object> info(PoolInfo p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query_mask", PoolQueryMask.toString(p.queryMask()));
        out.put("state", p.state());
        out.put("uuid", p.uuid());
        if (!p.label().isEmpty()) {
            out.put("label", p.label());
        }
        out.put("total_targets", p.totalTargets());
        out.put("active_targets", p.activeTargets());
        out.put("total_engines", p.totalEngines());
        out.put("disabled_targets", p.disabledTargets());
        out.put("version", p.version());
        out.put("svc_ldr", p.serviceLeader());
        if (!p.serviceReplicas().isEmpty()) {
            out.put("svc_reps", p.serviceReplicas());
        }
        out.put("rebuild", p.rebuild().map(rb -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", rb.status());
            m.put("state", rb.state());
            m.put("objects", unsigned(rb.objects()));
            m.put("records", unsigned(rb.records()));
            m.put("total_objects", 0);
            return (Object) m;
        }).orElse(null));
        List<Object> tiers = new ArrayList<>();
        for (PoolInfo.TierStats t : p.tierStats()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", unsigned(t.total()));
            m.put("free", unsigned(t.free()));
            m.put("min", unsigned(t.min()));
            m.put("max", unsigned(t.max()));
            m.put("mean", unsigned(t.mean()));
            m.put("media_type", t.mediaType());
            tiers.add(m);
        }
        out.put("tier_stats", tiers.isEmpty() ? null : tiers);
        ranks(out, "enabled_ranks", p.enabledRanks());
        ranks(out, "disabled_ranks", p.disabledRanks());
        ranks(out, "dead_ranks", p.deadRanks());
        out.put("pool_layout_ver", p.poolLayoutVersion());
        out.put("upgrade_layout_ver", p.upgradeLayoutVersion());
        List<Object> usage = new ArrayList<>();
        for (PoolInfo.TierUsage u : p.usage()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tier_name", u.tierName());
            m.put("size", unsigned(u.size()));
            m.put("free", unsigned(u.free()));
            m.put("imbalance", u.imbalance());
            usage.add(m);
        }
        if (!usage.isEmpty()) {
            out.put("usage", usage);
        }
        return out;
    }

    private static void ranks(Map<String, Object> out, String key, Optional<RankSet> ranks) {
        ranks.ifPresent(r -> out.put(key, r.ranks()));
    }

    /** A list of daos.PoolProperty: name, description, value (a number for the numeric properties). */
    static List<Object> properties(List<PoolProperty.Value> values) {
        List<Object> out = new ArrayList<>();
        for (PoolProperty.Value v : values) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.property().key());
            m.put("description", v.property().description());
            m.put("value", v.json());
            out.add(m);
        }
        return out;
    }

    /** The ACL responses: {@code {"ACL": {"entries", "owner_user", "owner_group"}}}. */
    static Map<String, Object> acl(Acl acl) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("entries", acl.entries().isEmpty() ? null : acl.entries());
        inner.put("owner_user", acl.ownerUser());
        inner.put("owner_group", acl.ownerGroup());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ACL", inner);
        return out;
    }

    /** control.PoolRanksResp. */
    static Map<String, Object> ranks(PoolRanksResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        List<Object> results = new ArrayList<>();
        for (PoolRanksResult.RankResult res : r.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", res.rank());
            m.put("errored", res.errored());
            m.put("msg", res.msg());
            results.add(m);
        }
        out.put("results", results);
        return out;
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }
}
