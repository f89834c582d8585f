package dev.dockmaster.core.cli;

import dev.dockmaster.core.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code daos_server}: the root of the command tree. */
@Command(name = "daos_server",
        description = "Dockmaster daos_server: the DAOS-compatible control plane of one storage host.",
        mixinStandardHelpOptions = true,
        versionProvider = DaosServerCommand.Version.class,
        subcommands = {StartCommand.class, VersionCommand.class, ConfigCommand.class, LocalScanCommands.Scm.class,
                LocalScanCommands.Nvme.class})
public final class DaosServerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (start, version, config, scm, nvme)");
    }

    /** Runs the command line and returns the exit code, writing to the given streams. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DaosServerCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("ERROR: daos_server: " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code == CommandLine.ExitCode.USAGE ? 1 : code;
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // start returns only once the server has stopped; any other command is done here.
        System.exit(code);
    }

    static String versionLine() {
        BuildInfo build = BuildInfo.current();
        return "daos_server version " + build.daosVersion() + " (Dockmaster " + build.version() + ")";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }
}
