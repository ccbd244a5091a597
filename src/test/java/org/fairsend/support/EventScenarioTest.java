package org.fairsend.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring Modulith module test of a module's events ({@code Scenario}: the action through the module's API, then the
 * event with its fields), on PostgreSQL like {@link PostgresTest}. Every such test boots the same context: the
 * {@code reputation} module with all its dependencies, which holds every module that publishes events (accounts,
 * campaigns, contacts, delivery, feedback, inquiries, reputation, suppression, and consent, content, policy, platform) and their
 * listeners, but not the console or call tracking. One context for all of them keeps the suite's time reasonable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// inquiries (issue 19): reputation only listens to its event, which does not bootstrap it; included so its event is tested here too
@ApplicationModuleTest(module = "reputation", mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "inquiries")
@ActiveProfiles("pgtest")
@Import(TestInfrastructure.class)
// this context stays cached for the whole suite beside the full ones: it holds few connections of the shared server
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.minimum-idle=1"})
public @interface EventScenarioTest {}
