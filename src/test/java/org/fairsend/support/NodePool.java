package org.fairsend.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A connection pool of its own against the test database, standing for another node in cluster tests (issue 18):
 * what one node writes through it, the others see only through PostgreSQL.
 */
public final class NodePool {

    private NodePool() {}

    /** A pool of {@code size} connections to the database {@code app} is connected to, named {@code name}. */
    public static HikariDataSource against(DataSource app, String name, int size) throws SQLException {
        String url;
        try (var c = app.getConnection()) {
            url = c.getMetaData().getURL();
        }
        var ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(System.getenv().getOrDefault("FAIRSEND_TEST_DB_USER", "postgres"));
        ds.setMaximumPoolSize(size);
        ds.setPoolName(name);
        return ds;
    }
}
