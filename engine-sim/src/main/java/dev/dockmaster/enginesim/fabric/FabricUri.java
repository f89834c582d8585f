package dev.dockmaster.enginesim.fabric;

import java.net.InetSocketAddress;

/** A CaRT primary URI of the tcp provider, {@code ofi+tcp://<address>:<port>} (or {@code ofi+tcp;ofi_rxm://...}). */
public record FabricUri(String provider, String host, int port) {

    public static FabricUri parse(String uri) {
        int sep = uri == null ? -1 : uri.indexOf("://");
        int colon = uri == null ? -1 : uri.lastIndexOf(':');
        if (sep <= 0 || colon <= sep + 3) {
            throw new IllegalArgumentException("not a fabric URI: " + uri);
        }
        int port;
        try {
            port = Integer.parseInt(uri.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no port in fabric URI " + uri);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in fabric URI " + uri);
        }
        return new FabricUri(uri.substring(0, sep), uri.substring(sep + 3, colon), port);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return provider + "://" + host + ":" + port;
    }
}
