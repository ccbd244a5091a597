package org.fairsend.platform.cluster;

import org.fairsend.platform.FairsendProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The node identity, the registry and its health (issue 18). A one-off command is no node: it neither registers nor beats. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

    /**
     * {@code fairsend.cluster.node-id}, or the older {@code fairsend.delivery.node-id} (still read: a setting that
     * was in use keeps naming the node), or a name unique to this process.
     */
    @Bean
    NodeIdentity nodeIdentity(ClusterProperties props, @Value("${fairsend.delivery.node-id:}") String legacy) {
        return new NodeIdentity(props.nodeId() != null ? props.nodeId() : legacy.isBlank() ? null : legacy);
    }

    @Bean
    ClusterNodes clusterNodes(JdbcClient jdbc, NodeIdentity identity, ClusterProperties props, FairsendProperties fairsend) {
        return new ClusterNodes(jdbc, identity, props, !fairsend.cli());
    }

    @Bean
    ClusterHealth clusterHealthIndicator(ClusterNodes nodes) {
        return new ClusterHealth(nodes);
    }
}
