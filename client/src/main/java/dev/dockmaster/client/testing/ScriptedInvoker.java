package dev.dockmaster.client.testing;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.invoke.HostResponse;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.invoke.RequestHosts;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.invoke.UnaryResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording fake {@link Invoker} (the counterpart of DAOS's {@code MockInvoker}): scripts each host's answer by
 * host and response type, resolves hosts exactly as the real invoker does, and remembers every request it got.
 *
 * <pre>{@code
 * ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
 *         .respond("host1", scanResp)
 *         .fail("host2", ClientFaults.refused("host2:10001"));
 * }</pre>
 * A host with nothing scripted for the method's response type fails with an error saying so.
 */
public final class ScriptedInvoker implements Invoker {
    private final ControlConfig config;
    private final Map<String, List<Object>> answers = new LinkedHashMap<>();
    private final Map<String, Throwable> failures = new LinkedHashMap<>();
    /** Failures of one request name (such as {@code SystemQuery}) by host. */
    private final Map<String, Map<String, Throwable>> methodFailures = new LinkedHashMap<>();
    /** Answers (messages or throwables) given in turn, by request name and host; the last one repeats. */
    private final Map<String, Map<String, Deque<Object>>> turns = new LinkedHashMap<>();
    private final List<UnaryRequest<?, ?>> requests = new CopyOnWriteArrayList<>();
    private boolean closed;

    public ScriptedInvoker(ControlConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Scripts {@code response} for every host of {@code hosts} (a host list; default port added). */
    public ScriptedInvoker respond(String hosts, Object response) {
        for (String host : expand(hosts)) {
            answers.computeIfAbsent(host, h -> new ArrayList<>()).add(response);
        }
        return this;
    }

    /** Makes every host of {@code hosts} fail with {@code error}, whatever the method. */
    public ScriptedInvoker fail(String hosts, Throwable error) {
        for (String host : expand(hosts)) {
            failures.put(host, error);
        }
        return this;
    }

    /** Makes every host of {@code hosts} fail with {@code error} for the request named {@code requestName} only. */
    public ScriptedInvoker fail(String hosts, String requestName, Throwable error) {
        for (String host : expand(hosts)) {
            methodFailures.computeIfAbsent(requestName, n -> new LinkedHashMap<>()).put(host, error);
        }
        return this;
    }

    /**
     * Scripts the answers every host of {@code hosts} gives to the request named {@code requestName}, one per call, in
     * turn: each is a response message or a {@link Throwable} (the host's error). The last answer repeats. These
     * answers come before anything scripted with {@link #respond} or {@link #fail}.
     */
    public ScriptedInvoker inTurn(String hosts, String requestName, Object... answersInTurn) {
        if (answersInTurn.length == 0) {
            throw new IllegalArgumentException("script at least one answer");
        }
        for (String host : expand(hosts)) {
            Deque<Object> queue = turns.computeIfAbsent(requestName, n -> new LinkedHashMap<>())
                    .computeIfAbsent(host, h -> new ArrayDeque<>());
            queue.addAll(List.of(answersInTurn));
        }
        return this;
    }

    private List<String> expand(String hosts) {
        return HostSet.parse(hosts).withDefaultPort(config.port()).hosts();
    }

    @Override
    public ControlConfig config() {
        return config;
    }

    /** Every request received, in order. */
    public List<UnaryRequest<?, ?>> requests() {
        return List.copyOf(requests);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized <Q, R> UnaryResponse<R> invoke(UnaryRequest<Q, R> request) {
        requests.add(request);
        List<HostResponse<R>> out = new ArrayList<>();
        for (String host : RequestHosts.resolve(config, request.hosts()).hosts()) {
            out.add(answer(request, host));
        }
        return new UnaryResponse<>(out);
    }

    @SuppressWarnings("unchecked")
    private <Q, R> HostResponse<R> answer(UnaryRequest<Q, R> request, String host) {
        Deque<Object> queue = turns.getOrDefault(request.name(), Map.of()).get(host);
        if (queue != null && !queue.isEmpty()) {
            Object next = queue.size() > 1 ? queue.poll() : queue.peek();
            return next instanceof Throwable t ? HostResponse.failure(host, t) : HostResponse.success(host, (R) next);
        }
        if (failures.containsKey(host)) {
            return HostResponse.failure(host, failures.get(host));
        }
        Throwable methodFailure = methodFailures.getOrDefault(request.name(), Map.of()).get(host);
        if (methodFailure != null) {
            return HostResponse.failure(host, methodFailure);
        }
        Object prototype = responsePrototype(request);
        for (Object candidate : answers.getOrDefault(host, List.of())) {
            // A method without a message prototype (raw bytes) only takes scripted byte arrays.
            if (prototype == null ? candidate instanceof byte[] : prototype.getClass().isInstance(candidate)) {
                return HostResponse.success(host, (R) candidate);
            }
        }
        return HostResponse.failure(host, new IllegalStateException(
                "no scripted " + request.name() + " response for host " + host));
    }

    private static Object responsePrototype(UnaryRequest<?, ?> request) {
        if (request.method().getResponseMarshaller() instanceof io.grpc.MethodDescriptor.PrototypeMarshaller<?> pm) {
            return pm.getMessagePrototype();
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
    }
}
