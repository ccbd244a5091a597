package org.fairsend.platform;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The platform's real token signer for benchmarks, outside Spring and without a database (src/jmh). */
public final class JmhPlatform {

    private JmhPlatform() {}

    /**
     * {@link Tokens} on the secret of {@code props} (required). With a configured secret the database is only asked
     * for an older install's copy of it; here there is no database to reach, which reads as no copy.
     */
    public static Tokens tokens(FairsendProperties props, Clock clock) {
        if (props.secret() == null) throw new IllegalArgumentException("a benchmark needs a configured secret");
        JdbcClient none = JdbcClient.create(new DriverManagerDataSource("jdbc:fairsend-jmh:no-database"));
        return new Tokens(new PlatformSecret(props, null, none), clock);
    }
}
