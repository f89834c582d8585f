package dev.dockmaster.plugins.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The exporter's HTTP endpoint, plain HTTP as DAOS's: {@code GET /metrics} is the Prometheus text exposition,
 * {@code GET /} a small page pointing at it, anything else 404. One thread serves: scrapes are rare and cheap.
 */
final class MetricsHttpServer implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String INDEX = """
            <html>
            <head><title>Dockmaster Control Plane Telemetry</title></head>
            <body>
            <h1>Dockmaster Control Plane Telemetry</h1>
            <p><a href="/metrics">Metrics</a></p>
            </body>
            </html>
            """;

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code address:port} and starts serving.
     *
     * @throws dev.dockmaster.spi.Fault ({@link TelemetryFaults#PORT_UNAVAILABLE}) when the port cannot be bound
     */
    static MetricsHttpServer start(String address, int port, Supplier<String> scrape) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw TelemetryFaults.portUnavailable(address, port, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "telemetry-http-" + port);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, scrape));
        server.start();
        return new MetricsHttpServer(server, executor);
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> {
                    String body;
                    try {
                        body = scrape.get();
                    } catch (RuntimeException e) {
                        send(exchange, 500, "text/plain; charset=utf-8", "scrape failed: " + e + "\n");
                        return;
                    }
                    send(exchange, 200, CONTENT_TYPE, body);
                }
                case "/" -> send(exchange, 200, "text/html; charset=utf-8", INDEX);
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found; metrics are at /metrics\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting and ends the serving thread; a scrape in flight is cut (JDK 17 would wait the full delay). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
