package dev.dockmaster.dmg;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.testing.ScriptedInvoker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs dmg in-process against a scripted invoker and captures what it printed. */
final class DmgHarness {
    final ScriptedInvoker invoker;
    final List<ControlConfig> configsSeen = new ArrayList<>();

    DmgHarness(ScriptedInvoker invoker) {
        this.invoker = invoker;
    }

    static DmgHarness scripted() {
        return new DmgHarness(new ScriptedInvoker(ControlConfig.defaults().withAllowInsecure(true)));
    }

    record Result(int exitCode, String out, String err) {
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Dmg.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                path -> ControlConfig.defaults(),
                config -> {
                    configsSeen.add(config);
                    return new ScriptedInvokerView(invoker, config);
                });
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
