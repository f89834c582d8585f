package dev.dockmaster.core.cli;

import dev.dockmaster.core.DaosServer;
import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.spi.Fault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "config", description = "Work with the server configuration",
        subcommands = ConfigCommand.Validate.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: validate");
    }

    @Command(name = "validate",
            description = "Check a configuration file, including every plugin's block, without starting anything")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--config"}, paramLabel = "CONFIG", description = "Server config file")
        Path config;

        @Override
        public Integer call() {
            try {
                ServerConfig serverConfig = ConfigFiles.load(config, Map.of());
                Logging.quiet();
                DaosServer.validate(serverConfig, ConfigFiles.home());
                spec.commandLine().getOut().println("configuration " + serverConfig.origin() + " is valid");
                return 0;
            } catch (InvalidConfigException e) {
                spec.commandLine().getErr().println("ERROR: daos_server: invalid configuration:\n" + e.getMessage());
                return 1;
            } catch (Fault fault) {
                spec.commandLine().getErr().println("ERROR: daos_server: " + fault.describe());
                return 1;
            }
        }
    }
}
