package dev.dockmaster.dmg;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.LeaderQueryRequest;
import dev.dockmaster.client.api.LeaderQueryResponse;
import dev.dockmaster.client.api.MemberState;
import dev.dockmaster.client.api.SystemQueryRequest;
import dev.dockmaster.client.api.SystemQueryResponse;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.dmg.pretty.SystemPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code dmg system ...}: requests to the management service. Like DAOS 2.6 they take no {@code -l}: the candidates
 * come from the configured host list (or the deprecated global {@code -l}).
 */
final class SystemCommands {
    private SystemCommands() {
    }

    /**
     * A command's failure, prefixed as DAOS's dmg wraps it ({@code system query failed: ...}); the cause keeps its
     * fault code and resolution.
     */
    static final class CommandFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandFailed(String prefix, Throwable cause) {
            super(prefix + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }

        CommandFailed(String prefix, String message) {
            super(prefix + ": " + message);
        }
    }

    @Command(name = "system", description = "Perform distributed tasks related to DAOS system")
    static final class SystemGroup implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> names = new ArrayList<>(new TreeSet<>(spec.subcommands().keySet()));
            String last = names.remove(names.size() - 1);
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Please specify one command of: " + String.join(", ", names) + " or " + last);
        }
    }

    abstract static class MsCommand implements Callable<Integer> {
        final Dmg dmg;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message")
        boolean help;

        MsCommand(Dmg dmg) {
            this.dmg = dmg;
        }

        <T> T withInvoker(Function<Invoker, T> action) {
            ControlConfig config = dmg.config(null);
            try (Invoker invoker = dmg.invoker(config)) {
                return action.apply(invoker);
            }
        }
    }

    @Command(name = "query", description = "Query DAOS system status")
    static final class Query extends MsCommand {
        static final String FAILED = "system query failed";

        @Option(names = {"-r", "--ranks"}, paramLabel = "RANKS",
                description = "Comma separated ranges or individual system ranks to operate on")
        String ranks;

        @Option(names = "--rank-hosts", paramLabel = "HOSTS",
                description = "Hostlist representing hosts whose managed ranks are to be operated on")
        String rankHosts;

        @Option(names = {"-v", "--verbose"}, description = "Display more member details")
        boolean verbose;

        @Option(names = "--not-ok", description = "Display components in need of administrative investigation")
        boolean notOk;

        @Option(names = "--with-states", paramLabel = "STATES",
                description = "Only show engines in one of a set of comma-separated states")
        String withStates;

        Query(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            SystemQueryResponse resp;
            try {
                SystemQueryRequest request = new SystemQueryRequest(HostSet.empty(),
                        ranks == null ? RankSet.empty() : RankSet.parse(ranks),
                        rankHosts == null ? HostSet.empty() : HostSet.parse(rankHosts), states(), notOk,
                        Optional.empty());
                dmg.debug("system query request: " + request);
                resp = withInvoker(invoker -> Control.systemQuery(invoker, request));
            } catch (RuntimeException e) {
                throw new CommandFailed(FAILED, e);
            }
            Optional<String> errors = resp.errors();
            if (dmg.json()) {
                dmg.outputJson(JsonViews.systemQuery(resp), errors.orElse(null), errors.isPresent() ? Dmg.DER_MISC : 0);
            } else {
                SystemPrinter.Output printed = SystemPrinter.systemQuery(resp, verbose);
                dmg.info(printed.out());
                if (!printed.err().isEmpty()) {
                    dmg.error(printed.err());
                }
            }
            if (errors.isPresent()) {
                throw new CommandFailed(FAILED, errors.get());
            }
            return 0;
        }

        private Set<MemberState> states() {
            if (withStates == null || withStates.isBlank()) {
                return Set.of();
            }
            Set<MemberState> states = EnumSet.noneOf(MemberState.class);
            Arrays.stream(withStates.split(",")).map(MemberState::parse).forEach(states::add);
            return states;
        }
    }

    @Command(name = "leader-query", description = "Query for current Management Service leader")
    static final class LeaderQuery extends MsCommand {
        @Option(names = {"-N", "--down-replicas"}, description = "Show Down Replicas only")
        boolean downReplicas;

        LeaderQuery(Dmg dmg) {
            super(dmg);
        }

        @Override
        public Integer call() {
            LeaderQueryResponse resp;
            try {
                resp = withInvoker(invoker -> Control.leaderQuery(invoker, LeaderQueryRequest.any()));
            } catch (RuntimeException e) {
                throw new CommandFailed("leader query failed", e);
            }
            if (dmg.json()) {
                dmg.outputJson(JsonViews.leaderQuery(resp), null, 0);
            } else {
                dmg.info(SystemPrinter.leaderQuery(resp, downReplicas));
            }
            return 0;
        }
    }
}
