package org.fairsend.platform.cluster;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles this process's node id before logging starts (issue 18, "node identity in logs"): {@code fairsend.cluster.node-id}
 * as configured, else the older {@code fairsend.delivery.node-id}, else a name generated once ({@link NodeIdentity}).
 * The id is put back into the environment as {@code fairsend.cluster.node-id}, so the log pattern
 * ({@code logging.pattern.level}) names the node on every line and the {@link NodeIdentity} bean is the same id.
 * Registered in {@code META-INF/spring.factories}; runs before the logging system is initialised.
 */
public class NodeIdEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "fairsendNodeId";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE)) return;
        String configured = env.getProperty("fairsend.cluster.node-id", "").strip();
        if (configured.isEmpty()) configured = env.getProperty("fairsend.delivery.node-id", "").strip();
        NodeIdentity identity = new NodeIdentity(configured.isEmpty() ? null : configured);
        // first: what was configured is the same value; a generated one now reads the same everywhere
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of("fairsend.cluster.node-id", identity.id())));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
