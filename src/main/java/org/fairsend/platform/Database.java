package org.fairsend.platform;

import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which database Fairsend runs on. PostgreSQL in production and the tests; H2 (PostgreSQL mode) for the
 * zero-setup run. The few statements that differ (COPY, ANALYZE, JSON operators) ask here.
 */
@Component
public class Database {

    private final boolean postgres;

    Database(DataSource dataSource) throws SQLException {
        try (var c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }
}
