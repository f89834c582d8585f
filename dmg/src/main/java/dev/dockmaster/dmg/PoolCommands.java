package dev.dockmaster.dmg;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.pool.Acl;
import dev.dockmaster.client.pool.ByteSizes;
import dev.dockmaster.client.pool.PoolClient;
import dev.dockmaster.client.pool.PoolCreateRequest;
import dev.dockmaster.client.pool.PoolCreateResult;
import dev.dockmaster.client.pool.PoolInfo;
import dev.dockmaster.client.pool.PoolLabels;
import dev.dockmaster.client.pool.PoolList;
import dev.dockmaster.client.pool.PoolProperty;
import dev.dockmaster.client.pool.PoolQueryMask;
import dev.dockmaster.client.pool.PoolRanksResult;
import dev.dockmaster.client.pool.PoolSize;
import dev.dockmaster.client.pool.PoolSizing;
import dev.dockmaster.client.pool.TierRatio;
import dev.dockmaster.dmg.SystemCommands.CommandFailed;
import dev.dockmaster.dmg.SystemCommands.MsCommand;
import dev.dockmaster.dmg.pretty.Humanize;
import dev.dockmaster.dmg.pretty.PoolPrinter;
import dev.dockmaster.spi.Fault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code dmg pool create|list|query|destroy|evict|get-prop|set-prop|get-acl|overwrite-acl|update-acl|delete-acl|
 * exclude|drain|reintegrate}, with DAOS 2.6's flags ({@code cmd/dmg/pool.go}), printouts, JSON and error texts.
 */
final class PoolCommands {
    /** DAOS's MinScmToNVMeRatio: below 1 % SCM, performance suffers. */
    private static final double MIN_SCM_TO_NVME_PERCENT = 1.0;

    private PoolCommands() {
    }

    @Command(name = "pool", description = "Perform tasks related to DAOS pools")
    static final class PoolGroup implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            // names only, not aliases (ls, reint)
            List<String> names = new ArrayList<>(new TreeSet<>(spec.subcommands().entrySet().stream()
                    .filter(e -> e.getValue().getCommandName().equals(e.getKey())).map(Map.Entry::getKey).toList()));
            String last = names.remove(names.size() - 1);
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Please specify one command of: " + String.join(", ", names) + " or " + last);
        }
    }

    /** A pool command: the pool client over this run's invoker. */
    abstract static class PoolClientCommand extends MsCommand {
        PoolClientCommand(Dmg dmg) {
            super(dmg);
        }

        <T> T withPools(Function<PoolClient, T> action) {
            return withInvoker(invoker -> action.apply(dmg.pools(invoker)));
        }

        /** A client-side refusal of the input stays as it is; anything else gets DAOS's prefix. */
        static RuntimeException wrap(String prefix, RuntimeException e) {
            if (e instanceof Fault f && f.domain().equals(ClientFaults.DOMAIN) && f.code() == ClientFaults.UNKNOWN) {
                return e;
            }
            return new CommandFailed(prefix, e);
        }
    }

    /** A command on one existing pool, named by label or UUID. */
    abstract static class PoolIdCommand extends PoolClientCommand {
        @Parameters(index = "0", paramLabel = "<pool label or UUID>", description = "Pool label or UUID")
        String pool;

        PoolIdCommand(Dmg dmg) {
            super(dmg);
        }

        String poolId() {
            return PoolLabels.parseId(pool);
        }
    }

    // ---- create

    @Command(name = "create", description = "Create a DAOS pool")
    static final class Create extends PoolClientCommand {
        @Parameters(index = "0", paramLabel = "<pool label>", description = "Pool label")
        String label;

        @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
                description = "DAOS pool to be owned by given group, format name@domain")
        String group;

        @Option(names = {"-u", "--user"}, paramLabel = "USER",
                description = "DAOS pool to be owned by given user, format name@domain")
        String user;

        @Option(names = {"-P", "--properties"}, paramLabel = "PROPS", description = "Pool properties to be set")
        String properties;

        @Option(names = {"-a", "--acl-file"}, paramLabel = "FILE",
                description = "Access Control List file path for DAOS pool")
        Path aclFile;

        @Option(names = {"-z", "--size"}, paramLabel = "SIZE",
                description = "Total size of DAOS pool or its percentage ratio (auto)")
        String size;

        @Option(names = {"-t", "--tier-ratio"}, paramLabel = "RATIO",
                description = "Percentage of storage tiers for pool storage (auto; default: 6,94)")
        String tierRatio;

        @Option(names = {"-k", "--nranks"}, paramLabel = "N", description = "Number of ranks to use (auto)")
        int numRanks;

        @Option(names = {"-v", "--nsvc"}, paramLabel = "N", description = "Number of pool service replicas")
        int numSvcReps;

        @Option(names = {"-s", "--scm-size"}, paramLabel = "SIZE",
                description = "Per-engine SCM allocation for DAOS pool (manual)")
        String scmSize;

        @Option(names = {"-n", "--nvme-size"}, paramLabel = "SIZE",
                description = "Per-engine NVMe allocation for DAOS pool (manual)")
        String nvmeSize;

        @Option(names = "--meta-size", paramLabel = "SIZE",
                description = "In MD-on-SSD mode specify meta blob size to be used in DAOS pool (manual)")
        String metaSize;

        @Option(names = {"-r", "--ranks"}, paramLabel = "RANKS",
                description = "Storage engine unique identifiers (ranks) for DAOS pool")
        String ranks;

        Create(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            PoolCreateRequest request = request();
            PoolCreateResult result;
            try {
                result = withPools(pools -> pools.create(request));
            } catch (RuntimeException e) {
                throw wrap("pool create failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(PoolJson.create(result), null, 0);
            } else {
                dmg.info(PoolPrinter.create(result));
            }
            return 0;
        }

        /** Checks the flags as DAOS's dmg does, prints its "Creating DAOS pool ..." line, builds the request. */
        PoolCreateRequest request() {
            if (numRanks < 0) {
                throw usage("invalid argument for flag `-k, --nranks' (expected uint32): " + numRanks);
            }
            if (numSvcReps < 0) {
                throw usage("invalid argument for flag `-v, --nsvc' (expected uint32): " + numSvcReps);
            }
            PoolSize total = size == null ? null : PoolSize.parse(size);
            long scm = scmSize == null ? 0 : ByteSizes.parse(scmSize);
            long nvme = nvmeSize == null ? 0 : ByteSizes.parse(nvmeSize);
            long meta = metaSize == null ? 0 : ByteSizes.parse(metaSize);
            if (total != null) {
                if (scm > 0 || nvme > 0) {
                    throw incompatible("size", "scm-size", "nvme-size");
                }
                if (meta > 0) {
                    throw usage("--meta-size can only be set if --scm-size is set");
                }
            } else if (scm == 0) {
                throw usage("either --size or --scm-size must be set");
            }
            List<PoolProperty.Value> props = new ArrayList<>(parseProperties(properties).values());
            for (PoolProperty.Value v : props) {
                if (v.property() == PoolProperty.LABEL) {
                    throw usage("can't set label property with label argument");
                }
            }
            PoolLabels.check(label);
            Optional<Acl> acl = aclFile == null ? Optional.empty() : Optional.of(Acl.readFile(aclFile));
            RankSet rankSet = ranks == null ? RankSet.empty() : RankSet.parse(ranks);

            PoolSizing sizing;
            if (total != null && total.isPercentage()) {
                if (numRanks > 0) {
                    throw incompatible("size", "nranks");
                }
                if (tierRatio != null) {
                    throw incompatible("size=%", "tier-ratio");
                }
                say("Creating DAOS pool with " + total.percent() + "% of all storage");
                sizing = new PoolSizing.Percentage(total.percent());
            } else if (total != null) {
                if (numRanks > 0 && !rankSet.isEmpty()) {
                    throw incompatible("nranks", "ranks");
                }
                TierRatio ratio = tierRatio == null ? TierRatio.DEFAULT : TierRatio.parse(tierRatio);
                double percent = scmPercentage(ratio.scm(), ratio.nvme());
                String msg = "Creating DAOS pool with automatic storage allocation: " + Humanize.bytes(total.bytes())
                        + " total, " + String.format(Locale.ROOT, "%.2f%%", percent) + " ratio";
                if (numRanks > 0) {
                    msg += " with " + numRanks + " ranks";
                }
                say(msg);
                sizing = new PoolSizing.Total(total.bytes(), ratio, numRanks);
            } else {
                if (numRanks > 0) {
                    throw incompatible("nranks", "scm-size");
                }
                if (tierRatio != null) {
                    throw incompatible("tier-ratio", "scm-size");
                }
                if (meta > 0 && Long.compareUnsigned(meta, scm) < 0) {
                    throw usage("--meta-size (" + Humanize.bytes(meta) + ") can not be smaller than --scm-size ("
                            + Humanize.bytes(scm) + ")");
                }
                double percent = scmPercentage(scm, nvme);
                String msg = "Creating DAOS pool with manual per-engine storage allocation: " + Humanize.bytes(scm)
                        + " SCM, " + Humanize.bytes(nvme) + " NVMe (" + String.format(Locale.ROOT, "%.2f%%", percent)
                        + " ratio)";
                if (meta > 0) {
                    msg += " with " + Humanize.bytes(meta) + " meta-blob-size";
                }
                say(msg);
                sizing = new PoolSizing.PerRank(scm, nvme, meta);
            }
            return new PoolCreateRequest(label, sizing, rankSet, numSvcReps, props, acl,
                    user == null ? "" : principal(user), group == null ? "" : principal(group));
        }

        /** DAOS's ratio2Percentage, with its notices: SCM as a percentage of NVMe (100 without NVMe). */
        private double scmPercentage(double scm, double nvme) {
            if (nvme > 0) {
                double p = 100.0 * scm / nvme;
                if (p < MIN_SCM_TO_NVME_PERCENT) {
                    say(String.format(Locale.ROOT, "SCM:NVMe ratio is less than %.2f%%, DAOS performance will suffer!",
                            MIN_SCM_TO_NVME_PERCENT));
                }
                return p;
            }
            say("Creating DAOS pool without NVME storage");
            return 100.0;
        }

        private void say(String text) {
            if (!dmg.json()) {
                dmg.info(text);
            }
        }

        /** DAOS's ACLPrincipalFlag: a bare name gets a trailing {@code @}. */
        private static String principal(String name) {
            String p = name.contains("@") ? name : name + "@";
            if (!Acl.principalIsValid(p)) {
                throw usage("invalid ACL principal \"" + name + "\"");
            }
            return p;
        }
    }

    /** {@code -P key:val,...}: each key a known pool property, each value checked, no key twice. */
    static Map<PoolProperty, PoolProperty.Value> parseProperties(String flag) {
        Map<PoolProperty, PoolProperty.Value> out = new EnumMap<>(PoolProperty.class);
        if (flag == null) {
            return out;
        }
        PropertyFlags.parseSet(flag).forEach((key, value) -> {
            PoolProperty p = PoolProperty.parseKey(key, "settable");
            if (out.containsKey(p)) {
                throw usage("\"" + p.key() + "\": same key was specified more than once");
            }
            out.put(p, p.parse(value));
        });
        return out;
    }

    static Fault usage(String message) {
        return new Fault(ClientFaults.DOMAIN, ClientFaults.UNKNOWN, message, "see 'dmg pool <command> --help'");
    }

    /** DAOS's errIncompatFlags: {@code --size may not be mixed with --scm-size or --nvme-size}. */
    static Fault incompatible(String key, String... others) {
        return usage("--" + key + " may not be mixed with --" + String.join(" or --", others));
    }

    // ---- list

    /** {@code dmg pool list}, also {@code dmg pool ls}. */
    @Command(name = "list", aliases = "ls", description = "List DAOS pools")
    static final class ListPools extends ListCommand {
        ListPools(Dmg dmg) {
            super(dmg);
        }
    }

    /** {@code dmg system list-pools}: the same command under the system group, as in DAOS 2.6. */
    @Command(name = "list-pools", description = "List all pools in the DAOS system")
    static final class SystemListPools extends ListCommand {
        SystemListPools(Dmg dmg) {
            super(dmg);
        }
    }

    abstract static class ListCommand extends PoolClientCommand {
        @Option(names = {"-v", "--verbose"}, description = "Add pool UUIDs and service replica lists to display")
        boolean verbose;

        @Option(names = {"-n", "--no-query"}, description = "Disable query of listed pools")
        boolean noQuery;

        @Option(names = {"-r", "--rebuild-only"}, description = "List only pools which rebuild stats is not idle")
        boolean rebuildOnly;

        ListCommand(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            PoolList list;
            try {
                list = withPools(pools -> pools.list(noQuery));
            } catch (RuntimeException e) {
                throw new CommandFailed("list pools failed", e);
            }
            if (rebuildOnly) {
                List<PoolInfo> busy = list.pools().stream()
                        .filter(p -> p.rebuild().isPresent() && !p.rebuild().get().state().equals("idle")).toList();
                list = new PoolList(busy, list.queryErrors());
            }
            if (dmg.json()) {
                dmg.outputJson(PoolJson.list(list), null, 0);
                return 0;
            }
            String warnings = list.warnings();
            if (!warnings.isEmpty()) {
                dmg.error(warnings + "\n");
            }
            dmg.info(PoolPrinter.list(list.queried(), verbose));
            if (!warnings.isEmpty()) {
                throw new CommandFailed("list pools failed", warnings);
            }
            return 0;
        }
    }

    // ---- query

    @Command(name = "query", description = "Query a DAOS pool")
    static final class Query extends PoolIdCommand {
        @Option(names = {"-e", "--show-enabled"}, description = "Show engine unique identifiers (ranks) which are "
                + "enabled")
        boolean showEnabled;

        @Option(names = {"-b", "--show-disabled"}, description = "Show engine unique identifiers (ranks) which are "
                + "disabled")
        boolean showDisabled;

        @Option(names = {"-t", "--health-only"}, description = "Only perform pool health related queries")
        boolean healthOnly;

        Query(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            long mask = healthOnly ? PoolQueryMask.HEALTH_ONLY : PoolQueryMask.DEFAULT;
            if (showEnabled && showDisabled) {
                throw incompatible("show-enabled-ranks", "show-disabled-ranks");
            }
            if (showEnabled) {
                mask |= PoolQueryMask.ENABLED_ENGINES;
            }
            if (showDisabled) {
                mask |= PoolQueryMask.DISABLED_ENGINES;
            }
            long queryMask = mask;
            PoolInfo info;
            try {
                info = withPools(pools -> pools.query(id, queryMask));
            } catch (RuntimeException e) {
                if (dmg.json()) {
                    throw e; // DAOS's JSON carries the bare error
                }
                throw new CommandFailed("pool query failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(PoolJson.info(info), null, 0);
            } else {
                dmg.debug("Pool query options: " + PoolQueryMask.toString(info.queryMask()));
                dmg.info(PoolPrinter.query(info));
            }
            return 0;
        }
    }

    // ---- destroy, evict

    @Command(name = "destroy", description = "Destroy a DAOS pool")
    static final class Destroy extends PoolIdCommand {
        @Option(names = {"-r", "--recursive"}, description = "Remove pool with existing containers")
        boolean recursive;

        @Option(names = {"-f", "--force"}, description = "Forcibly remove pool with active client connections")
        boolean force;

        Destroy(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            return report(dmg, "Pool-destroy", "pool destroy failed", () -> withPools(pools -> {
                pools.destroy(id, force, recursive);
                return null;
            }));
        }
    }

    @Command(name = "evict", description = "Evict all pool connections to a DAOS pool")
    static final class Evict extends PoolIdCommand {
        Evict(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            return report(dmg, "Pool-evict", "pool evict failed", () -> withPools(pools -> pools.evict(id)));
        }
    }

    /** Destroy and evict: "Pool-destroy command succeeded" or "... failed: <error>" on stdout, the error after. */
    private static int report(Dmg dmg, String what, String prefix, java.util.function.Supplier<Object> action) {
        try {
            action.get();
        } catch (RuntimeException e) {
            RuntimeException failure = new CommandFailed(prefix, e);
            if (!dmg.json()) {
                dmg.info(what + " command failed: " + failure.getMessage());
            }
            throw failure;
        }
        if (dmg.json()) {
            dmg.outputJson(null, null, 0);
        } else {
            dmg.info(what + " command succeeded");
        }
        return 0;
    }

    // ---- properties

    @Command(name = "set-prop", description = "Set pool property")
    static final class SetProp extends PoolIdCommand {
        @Parameters(index = "1", paramLabel = "<key:val[,key:val1[;val2...]...]>",
                description = "Pool properties to set")
        String props;

        SetProp(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            List<PoolProperty.Value> values = new ArrayList<>(parseProperties(props).values());
            for (PoolProperty.Value v : values) {
                Optional<String> refusal = v.property().createOnly();
                if (refusal.isPresent()) {
                    throw usage(refusal.get());
                }
            }
            try {
                withPools(pools -> {
                    pools.setProperties(id, values);
                    return null;
                });
            } catch (RuntimeException e) {
                throw wrap("pool set-prop failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(null, null, 0);
            } else {
                dmg.info("pool set-prop succeeded");
            }
            return 0;
        }
    }

    @Command(name = "get-prop", description = "Get pool properties")
    static final class GetProp extends PoolIdCommand {
        @Parameters(index = "1", arity = "0..1", paramLabel = "[key[,key...]]", description = "Properties to get")
        String props;

        GetProp(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            List<PoolProperty> keys = new ArrayList<>();
            PropertyFlags.parseGet(props).forEach(k -> keys.add(PoolProperty.parseKey(k, "gettable")));
            List<PoolProperty.Value> values;
            try {
                values = withPools(pools -> pools.getProperties(id, keys));
            } catch (RuntimeException e) {
                if (dmg.json()) {
                    throw e;
                }
                throw new CommandFailed("pool get-prop failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(PoolJson.properties(values), null, 0);
            } else {
                dmg.info(PoolPrinter.properties(pool, values));
            }
            return 0;
        }
    }

    // ---- ACLs

    @Command(name = "get-acl", description = "Get a DAOS pool's Access Control List")
    static final class GetAcl extends PoolIdCommand {
        @Option(names = {"-o", "--outfile"}, paramLabel = "FILE", description = "Output ACL to file")
        Path file;

        @Option(names = {"-f", "--force"}, description = "Allow to clobber output file")
        boolean force;

        @Option(names = {"-v", "--verbose"}, description = "Add descriptive comments to ACL entries")
        boolean verbose;

        GetAcl(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            Acl acl;
            try {
                acl = withPools(pools -> pools.getAcl(id));
            } catch (RuntimeException e) {
                if (dmg.json()) {
                    throw e;
                }
                throw new CommandFailed("Pool-get-ACL command failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(PoolJson.acl(acl), null, 0);
                return 0;
            }
            String text = PoolPrinter.acl(acl, verbose);
            if (file == null) {
                dmg.info(text);
                return 0;
            }
            if (!force && Files.exists(file)) {
                throw usage("file already exists: " + file);
            }
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                dmg.error("Unable to create file: " + file);
                throw new RuntimeException(e.getMessage(), e);
            }
            dmg.info("Wrote ACL to output file: " + file);
            return 0;
        }
    }

    /** overwrite, update, delete: "Pool-<what>-ACL command succeeded, ID: x" then the pool's ACL after. */
    abstract static class ModifyAcl extends PoolIdCommand {
        ModifyAcl(Dmg dmg) {
            super(dmg);
        }

        int modify(String what, Function<PoolClient, Acl> action) {
            Acl after;
            try {
                after = withPools(action);
            } catch (RuntimeException e) {
                if (dmg.json() || (e instanceof Fault f && f.code() == ClientFaults.UNKNOWN
                        && f.domain().equals(ClientFaults.DOMAIN))) {
                    throw e;
                }
                throw new CommandFailed("Pool-" + what + "-ACL command failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(PoolJson.acl(after), null, 0);
            } else {
                dmg.info("Pool-" + what + "-ACL command succeeded, ID: " + pool + "\n");
                dmg.info(PoolPrinter.acl(after, false));
            }
            return 0;
        }
    }

    @Command(name = "overwrite-acl", description = "Overwrite a DAOS pool's Access Control List")
    static final class OverwriteAcl extends ModifyAcl {
        @Option(names = {"-a", "--acl-file"}, required = true, paramLabel = "FILE",
                description = "Path for new Access Control List file")
        Path aclFile;

        OverwriteAcl(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            Acl acl = Acl.readFile(aclFile);
            return modify("overwrite", pools -> pools.overwriteAcl(id, acl));
        }
    }

    @Command(name = "update-acl", description = "Update entries in a DAOS pool's Access Control List")
    static final class UpdateAcl extends ModifyAcl {
        @Option(names = {"-a", "--acl-file"}, paramLabel = "FILE", description = "Path for new Access Control List file")
        Path aclFile;

        @Option(names = {"-e", "--entry"}, paramLabel = "ACE", description = "Single Access Control Entry to add or "
                + "update")
        String entry;

        UpdateAcl(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            if ((aclFile == null) == (entry == null)) {
                throw usage("either ACL file or entry parameter is required");
            }
            Acl acl = aclFile != null ? Acl.readFile(aclFile) : Acl.parse(List.of(entry));
            return modify("update", pools -> pools.updateAcl(id, acl));
        }
    }

    @Command(name = "delete-acl", description = "Delete an entry from a DAOS pool's Access Control List")
    static final class DeleteAcl extends ModifyAcl {
        @Option(names = {"-p", "--principal"}, required = true, paramLabel = "PRINCIPAL",
                description = "Principal whose entry should be removed")
        String principal;

        DeleteAcl(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            return modify("delete", pools -> pools.deleteAcl(id, principal));
        }
    }

    // ---- exclude, drain, reintegrate

    /** {@code --ranks} (required) and {@code --target-idx}: DAOS's poolRanksCmd. */
    abstract static class RanksCommand extends PoolIdCommand {
        @Option(names = "--ranks", required = true, paramLabel = "RANKS",
                description = "Comma-separated list of rank-range strings to operate on for a single pool")
        String ranks;

        @Option(names = "--target-idx", paramLabel = "IDX",
                description = "Comma-separated list of target idx(s) to operate on for each rank")
        String targetIdx;

        RanksCommand(Dmg dmg) {
            super(dmg);
        }

        List<Integer> targets() {
            List<Integer> out = new ArrayList<>();
            if (targetIdx == null || targetIdx.isBlank()) {
                return out;
            }
            for (String part : targetIdx.split(",")) {
                String t = part.strip();
                if (!t.matches("\\d+")) {
                    throw usage("parsing target list: invalid target index \"" + t + "\"");
                }
                out.add(Integer.parseUnsignedInt(t));
            }
            return out;
        }

        int execute(Function<PoolClient, PoolRanksResult> action) {
            PoolRanksResult resp = withPools(action);
            Optional<String> errors = resp.errors();
            if (dmg.json()) {
                dmg.outputJson(PoolJson.ranks(resp), errors.orElse(null), errors.isPresent() ? Dmg.DER_MISC : 0);
            } else {
                dmg.info(PoolPrinter.ranks(resp));
            }
            if (errors.isPresent()) {
                throw new RuntimeException(errors.get());
            }
            return 0;
        }
    }

    @Command(name = "exclude", description = "Exclude targets from a set of ranks")
    static final class Exclude extends RanksCommand {
        @Option(names = {"-f", "--force"}, description = "Force the operation to continue, potentially leading to "
                + "data loss")
        boolean force;

        Exclude(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            RankSet set = RankSet.parse(ranks);
            List<Integer> idx = targets();
            return execute(pools -> pools.exclude(id, set, idx, force));
        }
    }

    @Command(name = "drain", description = "Drain targets from a set of ranks")
    static final class Drain extends RanksCommand {
        Drain(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            RankSet set = RankSet.parse(ranks);
            List<Integer> idx = targets();
            return execute(pools -> pools.drain(id, set, idx));
        }
    }

    @Command(name = "reintegrate", aliases = "reint", description = "Reintegrate targets for a set of rank")
    static final class Reintegrate extends RanksCommand {
        Reintegrate(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            String id = poolId();
            RankSet set = RankSet.parse(ranks);
            List<Integer> idx = targets();
            return execute(pools -> pools.reintegrate(id, set, idx));
        }
    }
}
