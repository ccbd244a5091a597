package org.fairsend.support;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    /** A clean schema once per JVM, then the migrations: every run starts from what a new install has. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("fairsend.test.clean-db")
    FlywayMigrationStrategy cleanOnceThenMigrate() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) flyway.clean();
            flyway.migrate();
        };
    }
}
