package dev.dockmaster.core.plugin;

import java.util.List;

/**
 * The packages a plugin sees from the core rather than from its own jars: the SPI, the wire API, and the libraries
 * those expose in their signatures (grpc-java, protobuf, the Google RPC status types, Guava's futures used by gRPC
 * stubs, SLF4J for logging, pf4j's own types). Everything else a plugin uses must be in its own {@code lib/}, which
 * is what lets it bundle library versions that differ from the core's.
 */
final class SharedPackages {

    static final List<String> PREFIXES = List.of(
            "dev.dockmaster.spi.",
            "dev.dockmaster.proto.",
            "io.grpc.",
            "com.google.protobuf.",
            "com.google.rpc.",
            "com.google.common.",
            "org.slf4j.",
            "org.pf4j.");

    private SharedPackages() {
    }

    static boolean isShared(String className) {
        for (String prefix : PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** For resource names such as {@code io/grpc/foo.properties}. */
    static boolean isSharedResource(String resourceName) {
        return isShared(resourceName.replace('/', '.'));
    }
}
