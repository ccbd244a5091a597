package org.fairsend.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A full Fairsend on a real PostgreSQL (database from {@code -Dfairsend.test.db.url}, by default
 * {@code fairsend_test} on 127.0.0.1:5432, created by {@code .ci/run}), serving real HTTP on a random port.
 * The schema is cleaned and migrated once per test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("pgtest")
@Import({TestInfrastructure.class, Fixtures.class})
public @interface PostgresTest {}
