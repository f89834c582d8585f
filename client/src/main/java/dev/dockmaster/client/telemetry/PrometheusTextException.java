package dev.dockmaster.client.telemetry;

/** Text that is not in the Prometheus text exposition format; the message names the line. */
public final class PrometheusTextException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    PrometheusTextException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
