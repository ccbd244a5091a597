package org.fairsend.platform.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health}'s {@code cluster} component (issue 18): DOWN when this node could not renew its heartbeat
 * for the timeout less one heartbeat (it has stopped sending and the others will take its work), so a load balancer
 * takes it out; the {@code db} component says the same of the database itself.
 */
class ClusterHealth implements HealthIndicator {

    private final ClusterNodes nodes;

    ClusterHealth(ClusterNodes nodes) {
        this.nodes = nodes;
    }

    @Override
    public Health health() {
        Health.Builder b = nodes.leaseValid() ? Health.up() : Health.down();
        return b.withDetail("node", nodes.self()).withDetail("heartbeatAgeMs", nodes.sinceRenewed().toMillis()).build();
    }
}
