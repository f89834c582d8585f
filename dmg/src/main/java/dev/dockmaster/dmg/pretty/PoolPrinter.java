package dev.dockmaster.dmg.pretty;

import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.pool.Acl;
import dev.dockmaster.client.pool.PoolCreateResult;
import dev.dockmaster.client.pool.PoolInfo;
import dev.dockmaster.client.pool.PoolProperty;
import dev.dockmaster.client.pool.PoolQueryMask;
import dev.dockmaster.client.pool.PoolRanksResult;
import dev.dockmaster.client.pool.TierRatio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** dmg's pool printouts, laid out as DAOS 2.6's ({@code cmd/dmg/pretty/pool.go}, {@code cmd/daos/pretty/pool.go}). */
public final class PoolPrinter {
    public static final String NO_POOLS = "No pools in system";

    private PoolPrinter() {
    }

    /** The create summary: UUID, service leader and ranks, storage ranks, total and per-tier sizes. */
    public static String create(PoolCreateResult r) {
        if (r.tierBytes().isEmpty()) {
            throw new IllegalStateException("create response had 0 storage tiers");
        }
        if (r.targetRanks().isEmpty()) {
            throw new IllegalStateException("create response had 0 target ranks");
        }
        long total = 0;
        for (long b : r.tierBytes()) {
            total += b;
        }
        long ranks = r.targetRanks().size();
        List<String> ratios = new ArrayList<>();
        for (long b : r.tierBytes()) {
            ratios.add(TierRatio.print(total == 0 ? 0 : (double) b / (double) total));
        }
        EntityTable t = new EntityTable("Pool created with " + String.join(",", ratios) + " storage tier ratio")
                .row("UUID", r.uuid())
                .row("Service Leader", Long.toString(r.serviceLeader()))
                .row("Service Ranks", SystemPrinter.ranged(RankSet.of(toArray(r.serviceReplicas()))))
                .row("Storage Ranks", SystemPrinter.ranged(RankSet.of(toArray(r.targetRanks()))))
                .row("Total Size", Humanize.bytes(total * ranks));
        for (int i = 0; i < r.tierBytes().size(); i++) {
            long b = r.tierBytes().get(i);
            t.row("Storage tier " + i + " (" + (i == 0 ? "SCM" : "NVMe") + ")",
                    Humanize.bytes(b * ranks) + " (" + Humanize.bytes(b) + " / rank)");
        }
        return t.render() + "\n";
    }

    /** The pool list: a summary row per pool, or with {@code verbose} UUIDs, replicas and per-tier usage. */
    public static String list(List<PoolInfo> pools, boolean verbose) {
        if (pools.isEmpty()) {
            return NO_POOLS + "\n";
        }
        return (verbose ? verboseList(pools) : summaryList(pools)) + "\n";
    }

    private static String summaryList(List<PoolInfo> pools) {
        boolean upgrade = pools.stream().anyMatch(PoolInfo::upgradeNeeded);
        List<String> titles = new ArrayList<>(List.of("Pool", "Size", "State", "Used", "Imbalance", "Disabled"));
        if (upgrade) {
            titles.add("UpgradeNeeded?");
        }
        TextTable table = new TextTable(titles.toArray(String[]::new));
        for (PoolInfo p : pools) {
            List<PoolInfo.TierUsage> usage = p.usage();
            long size = 0;
            for (int i = usage.size() - 1; i >= 0; i--) {
                if (usage.get(i).size() != 0) {
                    size = usage.get(i).size();
                    break;
                }
            }
            long used = 0;
            long imbalance = 0;
            for (PoolInfo.TierUsage u : usage) {
                if (u.size() != 0) {
                    long percent = (long) ((double) (u.size() - u.free()) / (double) u.size() * 100);
                    used = Math.max(used, percent);
                }
                imbalance = Math.max(imbalance, u.imbalance());
            }
            List<String> row = new ArrayList<>(List.of(p.name(), Humanize.bytes(size), p.state(), used + "%",
                    imbalance + "%", p.disabledTargets() + "/" + p.totalTargets()));
            if (upgrade) {
                row.add(p.upgradeNeeded() ? p.poolLayoutVersion() + "->" + p.upgradeLayoutVersion() : "None");
            }
            table.row(row.toArray(String[]::new));
        }
        return table.render();
    }

    private static String verboseList(List<PoolInfo> pools) {
        boolean space = pools.stream().anyMatch(p -> PoolQueryMask.has(p.queryMask(), PoolQueryMask.SPACE));
        boolean rebuild = pools.stream().anyMatch(p -> PoolQueryMask.has(p.queryMask(), PoolQueryMask.REBUILD));
        List<String> titles = new ArrayList<>(List.of("Label", "UUID", "State", "SvcReps"));
        if (space) {
            for (PoolInfo.TierUsage u : pools.get(0).usage()) {
                titles.add(u.tierName() + " Size");
                titles.add(u.tierName() + " Used");
                titles.add(u.tierName() + " Imbalance");
            }
            titles.add("Disabled");
            titles.add("UpgradeNeeded?");
        }
        if (rebuild) {
            titles.add("Rebuild State");
        }
        TextTable table = new TextTable(titles.toArray(String[]::new));
        for (PoolInfo p : pools) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("Label", p.label().isEmpty() ? "-" : p.label());
            row.put("UUID", p.uuid());
            row.put("State", p.state());
            row.put("SvcReps", p.serviceReplicas().isEmpty() ? "N/A"
                    : SystemPrinter.ranged(RankSet.of(toArray(p.serviceReplicas()))));
            if (space) {
                row.put("Disabled", p.disabledTargets() + "/" + p.totalTargets());
                row.put("UpgradeNeeded?", p.upgradeNeeded() ? p.poolLayoutVersion() + "->"
                        + p.upgradeLayoutVersion() : "None");
                for (PoolInfo.TierUsage u : p.usage()) {
                    row.put(u.tierName() + " Size", Humanize.bytes(u.size()));
                    row.put(u.tierName() + " Used", Humanize.bytes(u.size() - u.free()));
                    row.put(u.tierName() + " Imbalance", u.imbalance() + "%");
                }
            }
            if (rebuild) {
                row.put("Rebuild State", p.rebuildState());
            }
            table.row(titles.stream().map(t -> row.getOrDefault(t, "")).toArray(String[]::new));
        }
        return table.render();
    }

    /** The pool query text, as {@code daos pool query} prints it too. */
    public static String query(PoolInfo p) {
        StringBuilder out = new StringBuilder();
        out.append("Pool ").append(p.uuid()).append(", ntarget=").append(p.totalTargets()).append(", disabled=")
                .append(p.disabledTargets()).append(", leader=").append(p.serviceLeader()).append(", version=")
                .append(p.version()).append(", state=").append(p.state()).append('\n');
        if (p.upgradeNeeded()) {
            out.append("Pool layout out of date (").append(p.poolLayoutVersion()).append(" < ")
                    .append(p.upgradeLayoutVersion()).append(") -- see `dmg pool upgrade` for details.\n");
        }
        out.append("Pool health info:\n");
        p.enabledRanks().filter(r -> !r.isEmpty()).ifPresent(r -> out.append("- Enabled ranks: ").append(r)
                .append('\n'));
        p.disabledRanks().filter(r -> !r.isEmpty()).ifPresent(r -> out.append("- Disabled ranks: ").append(r)
                .append('\n'));
        if (PoolQueryMask.has(p.queryMask(), PoolQueryMask.DEAD_ENGINES)) {
            p.deadRanks().filter(r -> !r.isEmpty()).ifPresent(r -> out.append("- Dead ranks: ").append(r)
                    .append('\n'));
        }
        if (p.rebuild().isPresent()) {
            PoolInfo.Rebuild rb = p.rebuild().get();
            if (rb.status() == 0) {
                out.append("- Rebuild ").append(rb.state()).append(", ").append(rb.objects()).append(" objs, ")
                        .append(rb.records()).append(" recs\n");
            } else {
                out.append("- Rebuild failed, status=").append(rb.status()).append('\n');
            }
        } else {
            out.append("- No rebuild status available.\n");
        }
        if (PoolQueryMask.has(p.queryMask(), PoolQueryMask.SPACE) && !p.tierStats().isEmpty()) {
            out.append("Pool space info:\n");
            out.append("- Target(VOS) count:").append(p.activeTargets()).append('\n');
            for (int i = 0; i < p.tierStats().size(); i++) {
                PoolInfo.TierStats t = p.tierStats().get(i);
                String name = switch (i) {
                    case 0 -> "SCM";
                    case 1 -> "NVMe";
                    default -> "unknown";
                };
                out.append("- Storage tier ").append(i).append(" (").append(name).append("):\n");
                out.append("  Total size: ").append(Humanize.bytes(t.total())).append('\n');
                out.append("  Free: ").append(Humanize.bytes(t.free())).append(", min:")
                        .append(Humanize.bytes(t.min())).append(", max:").append(Humanize.bytes(t.max()))
                        .append(", mean:").append(Humanize.bytes(t.mean())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code Pool tank properties:} then a Name / Value table, names as "Description (key)". */
    public static String properties(String poolId, List<PoolProperty.Value> values) {
        TextTable table = new TextTable("Name", "Value");
        for (PoolProperty.Value v : values) {
            table.row(v.property().description() + " (" + v.property().key() + ")", v.print());
        }
        return "Pool " + poolId + " properties:\n" + table.render();
    }

    /** The per-rank outcome of an exclude, drain or reintegrate: ranks grouped by result, successes first. */
    public static String ranks(PoolRanksResult r) {
        if (r.results().isEmpty()) {
            return "No pool ranks processed\n";
        }
        Map<String, List<Long>> byMessage = new LinkedHashMap<>();
        TreeSet<String> messages = new TreeSet<>();
        for (PoolRanksResult.RankResult res : r.results()) {
            String msg = res.errored() ? res.msg() : "";
            byMessage.computeIfAbsent(msg, m -> new ArrayList<>()).add(res.rank());
            messages.add(msg);
        }
        TextTable table = new TextTable("Pool", "Ranks", "Result", "Reason");
        for (String msg : messages) {
            RankSet ranks = RankSet.of(toArray(byMessage.get(msg)));
            table.row(r.id(), ranks.toString(), msg.isEmpty() ? "OK" : "FAIL", msg.isEmpty() ? "-" : msg);
        }
        return table.render() + "\n";
    }

    public static String acl(Acl acl, boolean verbose) {
        return acl.format(verbose);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
