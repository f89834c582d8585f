package dev.dockmaster.core.system;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Whether this server is a management-service replica, and the control address it gives in JoinReq (DAOS 4.1 step
 * 8): an access point is this server when its host resolves to a local address and its port is this server's port
 * (the port too, so that several servers on one host, on distinct ports, are told apart). A replica joins with its
 * access-point address as {@code ip:port}; any other server with {@code 0.0.0.0:port}, and the leader substitutes the
 * caller's IP.
 *
 * @param replica        this server is one of the access points
 * @param bootstrap      this server is the first access point, the one that bootstraps raft and whose engine 0 gets
 *                       rank 0
 * @param controlAddress the JoinReq {@code addr}
 */
public record LocalReplica(boolean replica, boolean bootstrap, String controlAddress) {

    public static LocalReplica of(List<String> accessPoints, int controlPort) {
        for (int i = 0; i < accessPoints.size(); i++) {
            String entry = accessPoints.get(i);
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String host = entry.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port != controlPort) {
                continue;
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                continue;
            }
            if (isLocal(address)) {
                String ip = address.getHostAddress();
                String hostPort = ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
                return new LocalReplica(true, i == 0, hostPort);
            }
        }
        return new LocalReplica(false, false, "0.0.0.0:" + controlPort);
    }

    static boolean isLocal(InetAddress address) {
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
