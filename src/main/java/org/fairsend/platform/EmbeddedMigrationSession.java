package org.fairsend.platform;

import java.util.Locale;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * On the embedded H2 database (the zero-setup run), the migrations run on a connection of their own that stays open as
 * long as Fairsend runs, outside the pool.
 * <p>
 * Why: H2 (2.4) compiles a {@code check (x in ('a', 'b'))} constraint in the session that creates it, and its set of
 * constants keeps that session to compare values. Once that session is closed, every insert the constraint checks fails
 * with "Check constraint invalid ... The database has been closed" (issue 20: the pool recycled the connection that had
 * run the migrations after its 30-minute lifetime, and creating a console user answered 500 from then on). A restart hid
 * it, because a database opened afresh reads its constraints in H2's own system session, which lives as long as the
 * database. Keeping the session that created them open for the life of the process gives the same guarantee from the
 * first start, whatever the pool does with its connections.
 * <p>
 * PostgreSQL is untouched: Flyway uses the pool there, as Spring Boot configures it.
 */
@Component
class EmbeddedMigrationSession implements FlywayConfigurationCustomizer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMigrationSession.class);

    private final Environment env;
    private volatile SingleConnectionDataSource session;

    EmbeddedMigrationSession(Environment env) {
        this.env = env;
    }

    /** True for a JDBC URL of H2 (file or in-memory). */
    static boolean embedded(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        String url = env.getProperty("spring.flyway.url", env.getProperty("spring.datasource.url"));
        if (!embedded(url)) return;
        String user = env.getProperty("spring.flyway.user", env.getProperty("spring.datasource.username", "sa"));
        String password = env.getProperty("spring.flyway.password", env.getProperty("spring.datasource.password", ""));
        // suppressClose: Flyway's close() leaves the connection open; destroy() closes it when Fairsend stops
        var ds = new SingleConnectionDataSource(url, user, password, true);
        session = ds;
        configuration.dataSource(ds);
        log.debug("embedded database: migrations run on a session kept open for the life of the process");
    }

    @Override
    public void destroy() {
        var ds = session;
        if (ds != null) ds.destroy();
    }
}
