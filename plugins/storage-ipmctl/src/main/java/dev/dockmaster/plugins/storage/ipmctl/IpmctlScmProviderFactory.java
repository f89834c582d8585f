package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.storage.ProviderContext;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmProviderFactory;

import java.util.List;

/**
 * Creates the {@code ipmctl} SCM provider. libipmctl is loaded at the first scan, not here, so a host without it
 * still starts and reports a clear fault when PMem is asked for.
 */
public final class IpmctlScmProviderFactory implements ScmProviderFactory {

    public static final String NAME = "ipmctl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScmProvider create(ProviderContext context) {
        return new DcpmScmProvider(new Ipmctl(context.config().getStringList("libraries")),
                new Ndctl(context.config().getString("ndctl"), List.of()),
                context.config().getString("mount_options"), List.of());
    }
}
