package dev.dockmaster.client.invoke;

import io.grpc.ManagedChannel;

/** Opens the channel to one {@code host:port}; tests substitute in-process channels. */
@FunctionalInterface
public interface ChannelFactory {
    ManagedChannel open(String address);
}
