package dev.dockmaster.dmg;

import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.SystemCleanupRequest;
import dev.dockmaster.client.api.SystemCleanupResponse;
import dev.dockmaster.client.api.SystemEraseRequest;
import dev.dockmaster.client.api.SystemExcludeRequest;
import dev.dockmaster.client.api.SystemProperty;
import dev.dockmaster.client.api.SystemRankSelection;
import dev.dockmaster.client.api.SystemResultsResponse;
import dev.dockmaster.client.api.SystemStartRequest;
import dev.dockmaster.client.api.SystemStopRequest;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.dmg.SystemCommands.CommandFailed;
import dev.dockmaster.dmg.SystemCommands.MsCommand;
import dev.dockmaster.dmg.pretty.SystemPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * {@code dmg system stop|start|exclude|clear-exclude|erase|cleanup|set-attr|get-attr|del-attr|set-prop|get-prop}, with
 * DAOS 2.6's output ({@code cmd/dmg/system.go}, {@code cmd/dmg/pretty/system.go}) and error prefixes: each command
 * wraps its failure as DAOS does ("system stop failed: ..."), or not at all where DAOS does not (exclude, erase).
 */
final class SystemControlCommands {
    private SystemControlCommands() {
    }

    /** {@code -r} / {@code --rank-hosts}, as DAOS's rankListCmd. */
    abstract static class RankListCommand extends MsCommand {
        @Option(names = {"-r", "--ranks"}, paramLabel = "RANKS",
                description = "Comma separated ranges or individual system ranks to operate on")
        String ranks;

        @Option(names = "--rank-hosts", paramLabel = "HOSTS",
                description = "Hostlist representing hosts whose managed ranks are to be operated on")
        String rankHosts;

        RankListCommand(Dmg dmg) {
            super(dmg);
        }

        SystemRankSelection selection() {
            return new SystemRankSelection(ranks == null ? RankSet.empty() : RankSet.parse(ranks),
                    rankHosts == null ? HostSet.empty() : HostSet.parse(rankHosts));
        }

        /** Runs {@code action}, wrapping any failure with {@code prefix} (none when null). */
        <T> T run(String prefix, Supplier<T> action) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                throw prefix == null ? e : new CommandFailed(prefix, e);
            }
        }

        /** Prints a stop or start result as DAOS does, and fails on errored results and absent ranks or hosts. */
        int report(String failedPrefix, SystemResultsResponse resp) {
            Optional<String> errors = resp.errors();
            if (dmg.json()) {
                dmg.outputJson(JsonViews.systemResults(resp), errors.orElse(null), errors.isPresent() ? Dmg.DER_MISC
                        : 0);
            } else {
                SystemPrinter.Output printed = SystemPrinter.systemResults(resp);
                dmg.info(printed.out());
                if (!printed.err().isEmpty()) {
                    dmg.error(printed.err());
                }
            }
            if (errors.isPresent()) {
                throw new CommandFailed(failedPrefix, errors.get());
            }
            return 0;
        }
    }

    /** DAOS's liveRankListCmd: the ranks of a stop or start, which may skip AdminExcluded ones. */
    abstract static class LiveRankListCommand extends RankListCommand {
        @Option(names = "--ignore-admin-excluded",
                description = "Ignore requested ranks in AdminExcluded state instead of returning an error")
        boolean ignoreAdminExcluded;

        LiveRankListCommand(Dmg dmg) {
            super(dmg);
        }
    }

    @Command(name = "stop", description = "Perform controlled shutdown of DAOS system")
    static final class Stop extends LiveRankListCommand {
        static final String FAILED = "system stop failed";

        @Option(names = "--force", description = "Force stop DAOS system members")
        boolean force;

        @Option(names = "--full", description = "Attempt a graceful shutdown of DAOS system. Experimental and not "
                + "for use in production environments")
        boolean full;

        Stop(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            SystemResultsResponse resp = run(FAILED, () -> {
                SystemStopRequest request = new SystemStopRequest(HostSet.empty(), selection(), full, force,
                        ignoreAdminExcluded, Optional.empty());
                dmg.debug("system stop request: " + request);
                return withInvoker(invoker -> Control.systemStop(invoker, request));
            });
            return report(FAILED, resp);
        }
    }

    @Command(name = "start", description = "Perform start of stopped DAOS system")
    static final class Start extends LiveRankListCommand {
        static final String FAILED = "system start failed";

        Start(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            SystemResultsResponse resp = run(FAILED, () -> {
                SystemStartRequest request = new SystemStartRequest(HostSet.empty(), selection(),
                        ignoreAdminExcluded, Optional.empty());
                return withInvoker(invoker -> Control.systemStart(invoker, request));
            });
            return report(FAILED, resp);
        }
    }

    /** exclude and clear-exclude: DAOS prints the ranks updated, and its errors unprefixed. */
    abstract static class ExcludeBase extends RankListCommand {
        ExcludeBase(Dmg dmg) {
            super(dmg);
        }

        int execute(boolean clear) {
            SystemResultsResponse resp = run(null, () -> {
                SystemExcludeRequest request = new SystemExcludeRequest(HostSet.empty(), selection(), clear,
                        Optional.empty());
                return withInvoker(invoker -> Control.systemExclude(invoker, request));
            });
            Optional<String> errors = resp.resultErrors();
            if (dmg.json()) {
                dmg.outputJson(JsonViews.systemResults(resp), errors.orElse(null), errors.isPresent() ? Dmg.DER_MISC
                        : 0);
            } else {
                errors.ifPresent(e -> dmg.error("Errors: " + e));
                RankSet updated = RankSet.of(resp.results().stream()
                        .mapToLong(r -> Integer.toUnsignedLong(r.getRank())).toArray());
                dmg.info("updated ranks: " + updated);
            }
            if (errors.isPresent()) {
                throw new RuntimeException(errors.get());
            }
            return 0;
        }
    }

    @Command(name = "exclude", description = "Exclude ranks from DAOS system")
    static final class Exclude extends ExcludeBase {
        Exclude(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            return execute(false);
        }
    }

    @Command(name = "clear-exclude", description = "Clear excluded state for ranks")
    static final class ClearExclude extends ExcludeBase {
        ClearExclude(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            return execute(true);
        }
    }

    @Command(name = "erase", description = "Erase system metadata prior to reformat")
    static final class Erase extends MsCommand {
        Erase(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            SystemResultsResponse resp = withInvoker(invoker -> Control.systemErase(invoker,
                    SystemEraseRequest.any()));
            Optional<String> errors = resp.resultErrors();
            if (errors.isPresent()) {
                throw new RuntimeException(errors.get());
            }
            if (dmg.json()) {
                dmg.outputJson(null, null, 0); // DAOS's dmg writes the bare envelope for a command without output
            }
            return 0;
        }
    }

    @Command(name = "cleanup", description = "Clean up all resources associated with the specified machine")
    static final class Cleanup extends MsCommand {
        static final String FAILED = "system cleanup failed";

        @Parameters(index = "0", paramLabel = "machine to cleanup")
        String machine;

        @Option(names = {"-v", "--verbose"}, description = "Output additional cleanup information")
        boolean verbose;

        Cleanup(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            SystemCleanupResponse resp;
            try {
                SystemCleanupRequest request = new SystemCleanupRequest(HostSet.empty(), machine, Optional.empty());
                resp = withInvoker(invoker -> Control.systemCleanup(invoker, request));
            } catch (RuntimeException e) {
                throw new CommandFailed(FAILED, e);
            }
            Optional<String> errors = resp.errors();
            if (dmg.json()) {
                dmg.outputJson(JsonViews.systemCleanup(resp), errors.orElse(null),
                        errors.isPresent() ? Dmg.DER_MISC : 0);
            } else {
                errors.ifPresent(dmg::error);
                dmg.info(SystemPrinter.systemCleanup(resp, verbose));
            }
            if (errors.isPresent()) {
                throw new CommandFailed(FAILED, errors.get());
            }
            return 0;
        }
    }

    @Command(name = "set-attr", description = "Set system attributes")
    static final class SetAttr extends MsCommand {
        @Parameters(index = "0", paramLabel = "system attributes to set (key:val[,key:val...])")
        String attrs;

        SetAttr(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            Map<String, String> parsed = PropertyFlags.parseSet(attrs);
            return setAttributes(dmg, this, parsed, "system set-attr");
        }
    }

    @Command(name = "del-attr", description = "Delete system attributes")
    static final class DelAttr extends MsCommand {
        @Parameters(index = "0", paramLabel = "system attributes to delete (key[,key...])")
        String attrs;

        DelAttr(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            Map<String, String> deletions = new LinkedHashMap<>();
            PropertyFlags.parseGet(attrs).forEach(k -> deletions.put(k, "")); // an empty value deletes
            return setAttributes(dmg, this, deletions, "system del-attr");
        }
    }

    /** set-attr and del-attr: JSON carries only the error; text says "<what> succeeded". */
    private static int setAttributes(Dmg dmg, MsCommand cmd, Map<String, String> attributes, String what) {
        RuntimeException failure = null;
        try {
            cmd.withInvoker(invoker -> {
                Control.systemSetAttr(invoker, attributes);
                return null;
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        if (dmg.json()) {
            dmg.outputJson(null, failure == null ? null : failure.getMessage(), failure == null ? 0 : Dmg.DER_MISC);
        }
        if (failure != null) {
            throw new CommandFailed(what + " failed", failure);
        }
        if (!dmg.json()) {
            dmg.info(what + " succeeded");
        }
        return 0;
    }

    @Command(name = "get-attr", description = "Get system attributes")
    static final class GetAttr extends MsCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "system attributes to get (key[,key...])")
        String attrs;

        GetAttr(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            List<String> keys = PropertyFlags.parseGet(attrs);
            SortedMap<String, String> got;
            try {
                got = withInvoker(invoker -> Control.systemGetAttr(invoker, keys));
            } catch (RuntimeException e) {
                if (dmg.json()) {
                    dmg.outputJson(null, e.getMessage(), Dmg.DER_MISC);
                }
                throw new CommandFailed("system get-attr failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(JsonViews.systemGetAttr(got), null, 0);
            } else {
                dmg.info(SystemPrinter.systemAttributes(got));
            }
            return 0;
        }
    }

    @Command(name = "set-prop", description = "Set system properties")
    static final class SetProp extends MsCommand {
        @Parameters(index = "0", paramLabel = "system properties to set (key:val[,key:val...])")
        String props;

        SetProp(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            Map<SystemProperty, String> parsed = new EnumMap<>(SystemProperty.class);
            PropertyFlags.parseSet(props).forEach((k, v) -> {
                SystemProperty p = SystemProperty.parse(k);
                parsed.put(p, p.normalize(v));
            });
            RuntimeException failure = null;
            try {
                withInvoker(invoker -> {
                    Control.systemSetProp(invoker, parsed);
                    return null;
                });
            } catch (RuntimeException e) {
                failure = e;
            }
            if (dmg.json()) {
                dmg.outputJson(null, failure == null ? null : failure.getMessage(),
                        failure == null ? 0 : Dmg.DER_MISC);
            }
            if (failure != null) {
                throw new CommandFailed("system set-prop failed", failure);
            }
            if (!dmg.json()) {
                dmg.info("system set-prop succeeded");
            }
            return 0;
        }
    }

    @Command(name = "get-prop", description = "Get system properties")
    static final class GetProp extends MsCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "system properties to get (key[,key...])")
        String props;

        GetProp(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            List<SystemProperty> keys = new ArrayList<>();
            PropertyFlags.parseGet(props).forEach(k -> keys.add(SystemProperty.parse(k)));
            List<SystemProperty.Value> got;
            try {
                got = withInvoker(invoker -> Control.systemGetProp(invoker, keys));
            } catch (RuntimeException e) {
                if (dmg.json()) {
                    dmg.outputJson(null, e.getMessage(), Dmg.DER_MISC);
                }
                // DAOS 2.6 wraps a get-prop failure as "get-attr"; kept so that scripts match either.
                throw new CommandFailed("system get-attr failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(JsonViews.systemGetProp(got), null, 0);
            } else {
                dmg.info(SystemPrinter.systemProperties(got));
            }
            return 0;
        }
    }
}
