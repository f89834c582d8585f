package dev.dockmaster.client.telemetry;

import dev.dockmaster.client.ClientFaults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** {@code GET /metrics} over plain HTTP (DAOS's exporter has no TLS), with one timeout for the whole request. */
public final class HttpMetricsFetcher implements MetricsFetcher {
    /** DAOS's HTTP telemetry request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Duration timeout;
    private final HttpClient client;

    public HttpMetricsFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String get(URI uri) {
        String address = uri.getHost() + ":" + uri.getPort();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw ClientFaults.telemetryTimedOut(uri, timeout);
        } catch (HttpTimeoutException e) {
            throw ClientFaults.telemetryTimedOut(uri, timeout);
        } catch (ConnectException e) {
            if (rootCause(e) instanceof UnresolvedAddressException || rootCause(e) instanceof UnknownHostException) {
                throw ClientFaults.badHost(uri.getHost());
            }
            throw ClientFaults.telemetryRefused(address);
        } catch (IOException e) {
            if (rootCause(e) instanceof UnresolvedAddressException || rootCause(e) instanceof UnknownHostException) {
                throw ClientFaults.badHost(uri.getHost());
            }
            throw ClientFaults.telemetryFailed(uri, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClientFaults.telemetryFailed(uri, "interrupted");
        }
        if (response.statusCode() != 200) {
            throw ClientFaults.telemetryFailed(uri, "HTTP status " + response.statusCode());
        }
        return response.body();
    }

    /** The failure in words an operator can read: a gRPC port answers binary HTTP/2 frames, not a status line. */
    static String describe(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("status line")) {
            return "the endpoint does not answer HTTP/1.1 (is -p the gRPC control port instead of 'telemetry_port'?)";
        }
        String printable = message.replaceAll("[^\\x20-\\x7e]", "");
        return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
