package org.fairsend.platform.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who this process is in the cluster (issue 18). Set with {@code fairsend.cluster.node-id}; otherwise
 * {@code <host>-<pid>-<random>}, unique per process: a second node on the same host, or a container started from the
 * same image with the same host name, is another node, and a node restarted after a crash does not pass for the dead
 * one (it never takes back claims it cannot prove are its own: those come back through the dead node's timeout).
 */
public final class NodeIdentity {

    private final String id;
    private final String host;
    private final long pid;

    public NodeIdentity(String configured) {
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.id = configured != null ? configured : generated(host, pid);
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public long pid() {
        return pid;
    }

    static String generated(String host, long pid) {
        byte[] r = new byte[3];
        new SecureRandom().nextBytes(r);
        String h = host.length() > 60 ? host.substring(0, 60) : host;
        return h + "-" + pid + "-" + HexFormat.of().formatHex(r);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
