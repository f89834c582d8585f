package dev.dockmaster.client.invoke;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.spi.Fault;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Sends a request to the management service the way DAOS's control API does ({@code lib/control/rpc.go},
 * invokeUnaryRPC for MS requests):
 * <ul>
 *   <li>the candidates are the request's hosts, else up to {@value #MAX_CANDIDATES} hosts picked at random from the
 *       configured host list (the access points, in a usual {@code daos_control.yml}), all asked at once;</li>
 *   <li>of the answers, the successful one with the highest {@code data_version} wins (the freshest replica); with
 *       no success, the last host's error is the outcome;</li>
 *   <li>"not the leader" sends the next try to the leader hint (or, without one, the replicas it lists), "not a
 *       replica" to the replicas it lists; a timeout, "raft service unavailable" or "leader step-up in progress"
 *       tries again, as does any error the request itself calls retryable (back to the first candidates);
 *       UNIMPLEMENTED and every other error end the request;</li>
 *   <li>between tries DAOS's backoff: none before the first retry, then 250 ms doubling up to 8 s, plus 0-3 s of
 *       jitter in 500 ms steps; all tries share the request's deadline (5 minutes by default), after which the
 *       request fails with fault 510.</li>
 * </ul>
 */
public final class MsInvoker {
    static final int MAX_CANDIDATES = 5;
    static final Duration BASE_BACKOFF = Duration.ofMillis(250);
    static final Duration JITTER_STEP = Duration.ofMillis(500);
    static final int MAX_BACKOFF_FACTOR = 7;

    /** Waits between tries; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * One management service request.
     *
     * @param name        the request's name in messages (SystemQuery)
     * @param hosts       the hosts to ask first; empty picks candidates from the configured host list
     * @param timeout     the deadline for all tries; empty means {@link UnaryRequest#DEFAULT_TIMEOUT}
     * @param dataVersion the answer's raft data version, to prefer the freshest replica; 0 when it has none
     * @param retryable   errors this request wants retried beyond DAOS's common ones (a join retries
     *                    {@link SystemErrors#isUninitialized}, as DAOS's {@code IsNotReady})
     * @param tryTimeout  a deadline for each try within the overall one (DAOS's join: 10 s); empty: none
     */
    public record Request<Q, R>(String name, MethodDescriptor<Q, R> method, Q message, HostSet hosts,
                                Optional<Duration> timeout, ToLongFunction<R> dataVersion,
                                Predicate<Throwable> retryable, Optional<Duration> tryTimeout) {
        public Request {
            Objects.requireNonNull(tryTimeout, "tryTimeout");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hosts, "hosts");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(dataVersion, "dataVersion");
            Objects.requireNonNull(retryable, "retryable");
        }

        /** A request with no data version and only DAOS's common retries. */
        public Request(String name, MethodDescriptor<Q, R> method, Q message, HostSet hosts, Optional<Duration> timeout) {
            this(name, method, message, hosts, timeout, r -> 0L, e -> false, Optional.empty());
        }

        /** This request with a per-try deadline and more retryable errors. */
        public Request<Q, R> retrying(Predicate<Throwable> moreRetryable, Duration perTry) {
            return new Request<>(name, method, message, hosts, timeout, dataVersion, retryable.or(moreRetryable),
                    Optional.of(perTry));
        }
    }

    private static final MsInvoker STANDARD = new MsInvoker(d -> Thread.sleep(d.toMillis()), new Random(), System::nanoTime);

    private final Sleeper sleeper;
    private final Random random;
    private final LongSupplier nanoTime;

    public MsInvoker(Sleeper sleeper, Random random, LongSupplier nanoTime) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Real sleeps, a real clock. */
    public static MsInvoker standard() {
        return STANDARD;
    }

    /**
     * @return the chosen answer
     * @throws RuntimeException the error that ended the request: a fault (510 when the deadline passed), a
     *                          {@link NotLeaderException} that could not be followed, or a host's error; a
     *                          connection failure says it could not contact the management service
     */
    public <Q, R> R invoke(Invoker invoker, Request<Q, R> request) {
        return invoke(invoker, request, false);
    }

    /**
     * As {@link #invoke}, but an unavailable management service (raft not started, leader step-up) ends the request
     * at once instead of being waited for: DAOS's {@code FailOnUnavailable}, for a probe that has a use for "not
     * there yet" (system erase's pre-check).
     */
    public <Q, R> R invokeFailingOnUnavailable(Invoker invoker, Request<Q, R> request) {
        return invoke(invoker, request, true);
    }

    private <Q, R> R invoke(Invoker invoker, Request<Q, R> request, boolean failOnUnavailable) {
        Duration timeout = request.timeout().orElse(UnaryRequest.DEFAULT_TIMEOUT);
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        HostSet start = request.hosts().isEmpty() ? candidates(invoker) : request.hosts();
        HostSet hosts = start;
        Throwable lastError = null;
        for (int attempt = 0; ; attempt++) {
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                throw timedOut(request.name(), timeout, lastError);
            }
            long tryNanos = request.tryTimeout().map(t -> Math.min(t.toNanos(), remaining)).orElse(remaining);
            UnaryResponse<R> ur = invoker.invoke(new UnaryRequest<>(request.name(), request.method(),
                    request.message(), hosts, Optional.of(Duration.ofNanos(tryNanos))));
            Optional<R> best = freshest(ur, request.dataVersion());
            if (best.isPresent()) {
                return best.get();
            }
            Throwable error = lastError(ur);
            lastError = error;
            if (error instanceof NotLeaderException nl) {
                if (!nl.leaderHint().isEmpty()) {
                    hosts = HostSet.of(nl.leaderHint());
                } else if (!nl.replicas().isEmpty()) {
                    hosts = HostSet.parse(nl.replicas());
                }
            } else if (error instanceof NotReplicaException nr) {
                if (failOnUnavailable && nr.replicas().isEmpty()) {
                    throw nr; // an access point whose MS has not started: nobody to redirect to
                }
                if (!nr.replicas().isEmpty()) {
                    hosts = HostSet.parse(nr.replicas());
                }
            } else if (isTimeout(error)) {
                // the next try gets what is left of the deadline
            } else if (isUnimplemented(error)) {
                throw asRuntime(error);
            } else if (request.retryable().test(error)) {
                hosts = start;
            } else if (failOnUnavailable || !SystemErrors.isUnavailable(error)) {
                throw finalError(error);
            }
            Duration pause = backoff(attempt, random);
            if (nanoTime.getAsLong() + pause.toNanos() >= deadline) {
                throw timedOut(request.name(), timeout, lastError);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ClientFaults.rpcTimeout(request.name(), timeout);
            }
        }
    }

    /** Fault 510; saying that no leader is known when that is what every replica kept answering. */
    static Fault timedOut(String name, Duration timeout, Throwable lastError) {
        if (lastError instanceof NotLeaderException nl && nl.leaderHint().isEmpty()) {
            return ClientFaults.rpcTimeoutNoLeader(name, timeout);
        }
        return ClientFaults.rpcTimeout(name, timeout);
    }

    /** Up to {@value #MAX_CANDIDATES} distinct hosts of the configured host list, picked at random. */
    HostSet candidates(Invoker invoker) {
        List<String> all = new ArrayList<>(RequestHosts.resolve(invoker.config(), HostSet.empty()).hosts());
        if (all.size() <= MAX_CANDIDATES) {
            return HostSet.parse(all);
        }
        List<String> picked = new ArrayList<>();
        while (picked.size() < MAX_CANDIDATES) {
            picked.add(all.remove(random.nextInt(all.size())));
        }
        return HostSet.parse(picked);
    }

    /** DAOS's {@code ExpBackoff}: nothing before the first retry, then base doubling up to the limit, plus jitter. */
    static Duration backoff(int attempt, Random random) {
        if (attempt == 0) {
            return Duration.ZERO;
        }
        Duration pause = BASE_BACKOFF;
        for (int pow = Math.min(attempt, MAX_BACKOFF_FACTOR); pow > 2; pow--) {
            pause = pause.multipliedBy(2);
        }
        return pause.plus(JITTER_STEP.multipliedBy(random.nextInt(MAX_BACKOFF_FACTOR)));
    }

    /** The successful answer with the highest data version; the first of equals. */
    static <R> Optional<R> freshest(UnaryResponse<R> ur, ToLongFunction<R> dataVersion) {
        R best = null;
        for (HostResponse<R> hr : ur.responses()) {
            if (hr.failed()) {
                continue;
            }
            R message = hr.message().orElseThrow();
            if (best == null || Long.compareUnsigned(dataVersion.applyAsLong(message),
                    dataVersion.applyAsLong(best)) > 0) {
                best = message;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Throwable lastError(UnaryResponse<?> ur) {
        List<? extends HostResponse<?>> responses = ur.responses();
        if (responses.isEmpty()) {
            return new IllegalStateException("no response from the DAOS Management Service");
        }
        return responses.get(responses.size() - 1).error().orElseThrow();
    }

    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Fault f && f.domain().equals(ClientFaults.DOMAIN)
                    && (f.code() == ClientFaults.RPC_TIMEOUT || f.code() == ClientFaults.CONNECTION_TIMED_OUT)) {
                return true;
            }
            if (t instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnimplemented(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return true;
            }
        }
        return false;
    }

    /** A connection fault (504-508) means no replica could be reached: say so, as DAOS does. */
    private static RuntimeException finalError(Throwable error) {
        if (error instanceof Fault f && f.domain().equals(ClientFaults.DOMAIN)
                && f.code() >= ClientFaults.CONNECTION_BAD_HOST && f.code() <= ClientFaults.CONNECTION_TIMED_OUT) {
            return new MsUnreachableException(f);
        }
        return asRuntime(error);
    }

    private static RuntimeException asRuntime(Throwable error) {
        return error instanceof RuntimeException re ? re : new RuntimeException(error.getMessage(), error);
    }
}
