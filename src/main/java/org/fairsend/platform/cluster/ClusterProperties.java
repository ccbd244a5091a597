package org.fairsend.platform.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node's place in the cluster (issue 18).
 *
 * @param nodeId this process's name in claims, the send log, logs and metrics ({@code FAIRSEND_NODE_ID}); when unset,
 *     the host name, the process id and a random suffix: unique per process, so two nodes on one host (or two
 *     containers with one host name) never take each other's claims for their own, and a restarted node is a new node
 * @param heartbeat how often the node renews its row in {@code cluster_node}
 * @param nodeTimeout how long without a heartbeat before the other nodes hold this node dead and take back what it
 *     claimed (queued messages, SMPP binds); a node whose own renewals have failed for this long stops sending first
 */
@ConfigurationProperties("fairsend.cluster")
public record ClusterProperties(String nodeId, Duration heartbeat, Duration nodeTimeout) {

    public ClusterProperties {
        if (nodeId != null && nodeId.isBlank()) nodeId = null;
        if (heartbeat == null) heartbeat = Duration.ofSeconds(5);
        if (nodeTimeout == null) nodeTimeout = Duration.ofSeconds(30);
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("fairsend.cluster.node-timeout must be at least three heartbeats (" + heartbeat.multipliedBy(3) + ")");
        }
        if (nodeId != null && nodeId.length() > 100) throw new IllegalArgumentException("fairsend.cluster.node-id: at most 100 characters");
    }
}
