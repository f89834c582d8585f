package dev.dockmaster.client.invoke;

import java.util.Objects;
import java.util.Optional;

/** One host's answer: a message, or the error that prevented one. Exactly one of the two is present. */
public record HostResponse<R>(String address, Optional<R> message, Optional<Throwable> error) {
    public HostResponse {
        Objects.requireNonNull(address, "address");
        if (message.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a host response has either a message or an error");
        }
    }

    public static <R> HostResponse<R> success(String address, R message) {
        return new HostResponse<>(address, Optional.of(message), Optional.empty());
    }

    public static <R> HostResponse<R> failure(String address, Throwable error) {
        return new HostResponse<>(address, Optional.empty(), Optional.of(error));
    }

    public boolean failed() {
        return error.isPresent();
    }
}
