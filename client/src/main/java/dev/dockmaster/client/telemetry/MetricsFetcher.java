package dev.dockmaster.client.telemetry;

import java.net.URI;

/** Fetches the body of a telemetry endpoint; the seam between the HTTP transport and the metrics requests. */
@FunctionalInterface
public interface MetricsFetcher {

    /**
     * @return the body of a 200 answer to {@code GET uri}
     * @throws dev.dockmaster.spi.Fault when the endpoint cannot be reached or does not answer 200
     */
    String get(URI uri);
}
