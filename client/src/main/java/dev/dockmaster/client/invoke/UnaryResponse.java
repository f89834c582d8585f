package dev.dockmaster.client.invoke;

import java.util.List;

/** Every host's answer to one fan-out, in the order of the request's hosts. */
public record UnaryResponse<R>(List<HostResponse<R>> responses) {
    public UnaryResponse {
        responses = List.copyOf(responses);
    }
}
