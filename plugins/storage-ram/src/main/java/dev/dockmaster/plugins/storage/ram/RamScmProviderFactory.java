package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.ProviderContext;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmProviderFactory;

import java.util.List;
import java.util.Set;

/** Creates the {@code ram} SCM provider. */
public final class RamScmProviderFactory implements ScmProviderFactory {

    public static final String NAME = "ram";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScmProvider create(ProviderContext context) {
        String prefix = "plugin." + context.pluginId() + ".";
        String huge = context.config().getString("huge");
        if (!Set.of("always", "never", "within_size", "advise").contains(huge)) {
            throw new Fault("config", 701, "bad value for " + prefix + "huge: '" + huge + "' ("
                    + context.config().origin() + ")", "use always, never, within_size or advise");
        }
        String mode = context.config().getString("mode");
        if (!mode.matches("0?[0-7]{3}")) {
            throw new Fault("config", 701, "bad value for " + prefix + "mode: '" + mode + "' ("
                    + context.config().origin() + ")", "use an octal mode such as 0755");
        }
        return new RamScmProvider(new TmpfsOptions(huge, mode), HostFacts.LOCAL, List.of());
    }
}
