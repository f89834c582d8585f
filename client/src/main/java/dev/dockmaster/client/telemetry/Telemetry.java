package dev.dockmaster.client.telemetry;

import dev.dockmaster.client.ClientFaults;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The telemetry requests of the control API: scrape one server's Prometheus exporter and present its families as DAOS
 * does ({@code dmg telemetry metrics list|query}).
 */
public final class Telemetry {
    /** DAOS's default (and recommended) {@code telemetry_port}. */
    public static final int DEFAULT_PORT = 9191;

    /** {@code metrics list}: every family with its type and help, no values. */
    public record ListResponse(List<MetricSet> availableMetricSets) {
        public ListResponse {
            availableMetricSets = List.copyOf(availableMetricSets);
        }
    }

    /** {@code metrics query}: the requested families (all when none was named) with their values. */
    public record QueryResponse(List<MetricSet> metricSets) {
        public QueryResponse {
            metricSets = List.copyOf(metricSets);
        }
    }

    private Telemetry() {
    }

    /** The exporter URL of {@code host:port}. */
    public static URI metricsUri(String host, int port) {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port + "/metrics");
    }

    public static ListResponse list(MetricsFetcher fetcher, String host, int port) {
        SortedMap<String, MetricSet> scraped = scrape(fetcher, host, port, "list");
        return new ListResponse(scraped.values().stream().map(MetricSet::withoutMetrics).toList());
    }

    /**
     * @param names the families to report, in this order; all of them, sorted by name, when empty
     * @throws dev.dockmaster.spi.Fault when a named family is not exported by the host
     */
    public static QueryResponse query(MetricsFetcher fetcher, String host, int port, List<String> names) {
        SortedMap<String, MetricSet> scraped = scrape(fetcher, host, port, "query");
        if (names.isEmpty()) {
            return new QueryResponse(List.copyOf(scraped.values()));
        }
        List<MetricSet> sets = new ArrayList<>();
        for (String name : names) {
            MetricSet set = scraped.get(name);
            if (set == null) {
                throw ClientFaults.metricNotFound(name, host);
            }
            sets.add(set);
        }
        return new QueryResponse(sets);
    }

    private static SortedMap<String, MetricSet> scrape(MetricsFetcher fetcher, String host, int port, String verb) {
        if (host == null || host.isBlank()) {
            throw ClientFaults.telemetryBadRequest("host must be specified");
        }
        if (port <= 0 || port > 65535) {
            throw ClientFaults.telemetryBadRequest("invalid telemetry port " + port);
        }
        URI uri = metricsUri(host, port);
        String body = fetcher.get(uri);
        try {
            return PrometheusTextParser.parse(body);
        } catch (PrometheusTextException e) {
            throw ClientFaults.notPrometheusText(uri, verb, e.getMessage());
        }
    }
}
