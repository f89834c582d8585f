package dev.dockmaster.plugins.management;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The management service replicas ({@code access_points}) resolved once at start, and which of them, if any, this
 * server is: a replica iff an access point resolves to a local address and its port is this server's control port,
 * so that several servers on 127.0.0.1 with distinct ports each find their own entry.
 *
 * @param accessPoints the configured entries ({@code host:port}); the first is the bootstrap replica
 * @param resolved     each entry as {@code IP:port} (the entry itself when it does not resolve)
 * @param self         this server's position in the list, when it is a replica
 */
public record Replicas(List<String> accessPoints, List<String> resolved, Optional<Integer> self) {

    public Replicas {
        accessPoints = List.copyOf(accessPoints);
        resolved = List.copyOf(resolved);
    }

    public static Replicas resolve(List<String> accessPoints, int controlPort) {
        return resolve(accessPoints, controlPort, Replicas::isLocalAddress);
    }

    static Replicas resolve(List<String> accessPoints, int controlPort, Predicate<InetAddress> isLocal) {
        List<String> resolved = new ArrayList<>();
        Optional<Integer> self = Optional.empty();
        for (int i = 0; i < accessPoints.size(); i++) {
            String ap = accessPoints.get(i);
            String host = hostOf(ap);
            int port = portOf(ap);
            InetAddress address = null;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                // an access point that does not resolve is not this host; kept as written for the replica list
            }
            resolved.add(address == null ? ap : address.getHostAddress() + ":" + port);
            if (self.isEmpty() && address != null && port == controlPort && isLocal.test(address)) {
                self = Optional.of(i);
            }
        }
        return new Replicas(accessPoints, resolved, self);
    }

    public boolean isReplica() {
        return self.isPresent();
    }

    public boolean isBootstrap() {
        return self.isPresent() && self.get() == 0;
    }

    /** This replica's access point. */
    public String selfId() {
        return accessPoints.get(self.orElseThrow());
    }

    /**
     * Replica {@code i}'s raft peer id: its access point, with {@code :} written as {@code _} because Ratis puts the
     * id into JMX object names, where a colon is not allowed.
     */
    public String peerId(int i) {
        return accessPoints.get(i).replace(':', '_');
    }

    /** The resolved address of the replica whose raft peer id is {@code peerId}; the id itself when unknown. */
    public String addressOfPeer(String peerId) {
        for (int i = 0; i < accessPoints.size(); i++) {
            if (peerId(i).equals(peerId)) {
                return resolved.get(i);
            }
        }
        return peerId;
    }

    /** The replica whose resolved control address is {@code addr}, if any. */
    public Optional<Integer> indexOfAddress(String addr) {
        int i = resolved.indexOf(addr);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /** The raft address of replica {@code i}: its resolved IP and its port plus the offset. */
    public String raftAddress(int i, int portOffset) {
        String r = resolved.get(i);
        return hostOf(r) + ":" + (portOf(r) + portOffset);
    }

    static String hostOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int portOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isLocalAddress(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
