package org.fairsend.platform.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.fairsend.platform.FairsendProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

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

    /** Every metric carries the node that measured it (issue 18): tag {@code node}, the node id. */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> nodeTag(NodeIdentity identity) {
        return registry -> registry.config().commonTags("node", identity.id());
    }

    /**
     * With {@code fairsend.db.replica.url} set (issue 18), the application's data source becomes {@link ReplicaDataSource}:
     * the primary, and a read-only pool on the replica that only {@link ReadReplica#read} uses.
     */
    @Bean
    static BeanPostProcessor replicaRouting(Environment env) {
        ReplicaProperties props = new ReplicaProperties(env.getProperty(ReplicaProperties.PREFIX + ".url"),
                env.getProperty(ReplicaProperties.PREFIX + ".username"), env.getProperty(ReplicaProperties.PREFIX + ".password"),
                env.getProperty(ReplicaProperties.PREFIX + ".pool", Integer.class));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!props.configured() || !"dataSource".equals(name) || !(bean instanceof DataSource primary) || bean instanceof ReplicaDataSource) {
                    return bean;
                }
                HikariConfig config = new HikariConfig();
                config.setPoolName("fairsend-replica");
                config.setJdbcUrl(props.url());
                config.setUsername(props.username());
                config.setPassword(props.password());
                config.setMaximumPoolSize(props.pool());
                config.setMinimumIdle(0);
                config.setReadOnly(true); // every replica connection is read-only, whatever the server allows
                config.setInitializationFailTimeout(-1); // the pool starts now; a replica down at start-up does not stop the node
                config.setConnectionTimeout(5_000); // a replica out of reach: the report falls back to the primary soon (ReadReplica)
                return new ReplicaDataSource(primary, new HikariDataSource(config));
            }
        };
    }

    @Bean
    ReadReplica readReplica(DataSource dataSource, PlatformTransactionManager transactions) {
        return new ReadReplica(dataSource, transactions);
    }

    @Bean
    ClusterHealth clusterHealthIndicator(ClusterNodes nodes) {
        return new ClusterHealth(nodes);
    }
}
