package dev.dockmaster.dmg;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.invoke.RequestHosts;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.invoke.UnaryResponse;
import dev.dockmaster.client.testing.ScriptedInvoker;

/**
 * Passes calls to a shared scripted invoker but resolves hosts with the configuration dmg built (so -l and the
 * configured host list are honoured), by making every request carry its resolved hosts explicitly.
 */
final class ScriptedInvokerView implements Invoker {
    private final ScriptedInvoker delegate;
    private final ControlConfig config;

    ScriptedInvokerView(ScriptedInvoker delegate, ControlConfig config) {
        this.delegate = delegate;
        this.config = config;
    }

    @Override
    public <Q, R> UnaryResponse<R> invoke(UnaryRequest<Q, R> request) {
        return delegate.invoke(new UnaryRequest<>(request.name(), request.method(), request.message(),
                RequestHosts.resolve(config, request.hosts()), request.timeout()));
    }

    @Override
    public ControlConfig config() {
        return config;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
