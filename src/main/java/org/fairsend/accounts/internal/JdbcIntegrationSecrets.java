package org.fairsend.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Integration;
import org.fairsend.accounts.IntegrationEndpoint;
import org.fairsend.accounts.IntegrationSecrets;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The integration secrets, sealed at rest ({@link Secrets}, AES-GCM, the purpose binding each value to its scope and
 * integration so a sealed value copied to another row does not open). Read on every webhook call: no cache, so a
 * rotation counts on every node at once.
 */
@Service
class JdbcIntegrationSecrets implements IntegrationSecrets {

    private static final Logger log = LoggerFactory.getLogger(JdbcIntegrationSecrets.class);
    static final String PLATFORM = "platform";
    private static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = 1000;

    private record Row(String current, String previous, Instant previousValidUntil, Instant rotatedAt, String rotatedBy) {}

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final Clock clock;
    private final IntegrationProperties props;
    private final ObjectProvider<IntegrationEndpoint> declared;
    private volatile Map<Integration, IntegrationEndpoint> endpoints;

    /** The endpoints are looked up at first use: the webhooks that declare them depend on this service. */
    JdbcIntegrationSecrets(JdbcClient jdbc, Secrets secrets, Clock clock, IntegrationProperties props,
            ObjectProvider<IntegrationEndpoint> declared) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.props = props;
        this.declared = declared;
    }

    private IntegrationEndpoint endpoint(Integration integration) {
        Map<Integration, IntegrationEndpoint> m = endpoints;
        if (m == null) {
            m = new EnumMap<>(Integration.class);
            for (IntegrationEndpoint e : declared.orderedStream().toList()) {
                if (m.put(e.integration(), e) != null) throw new IllegalStateException("two endpoints for " + e.integration());
            }
            endpoints = m;
        }
        return m.get(integration);
    }

    @Override
    public Accepted accepted(Integration integration, UUID accountId) {
        if (accountId != null && integration.has(Integration.Scope.ACCOUNT)) {
            Optional<Row> own = row(accountId.toString(), integration);
            if (own.isPresent()) return new Accepted(valid(accountId.toString(), integration, own.get()), Source.ACCOUNT);
        }
        if (!integration.has(Integration.Scope.PLATFORM)) return Accepted.NONE;
        Optional<Row> platform = row(PLATFORM, integration);
        if (platform.isPresent()) return new Accepted(valid(PLATFORM, integration, platform.get()), Source.PLATFORM);
        List<String> configured = configured(integration);
        return configured.isEmpty() ? Accepted.NONE : new Accepted(configured, Source.CONFIGURATION);
    }

    @Override
    @Transactional
    public Rotated rotate(Integration integration, UUID accountId, String given, String actor) {
        Integration.Scope scope = accountId == null ? Integration.Scope.PLATFORM : Integration.Scope.ACCOUNT;
        checkScope(integration, scope);
        String secret = given == null || given.isBlank() ? null : given.strip();
        boolean generated = secret == null;
        if (generated) {
            if (integration.issuer() == Integration.Issuer.PROVIDER) {
                throw new RuleViolation("secret", "integration-secret", integration.key()
                        + " issues its own secret: give the one its console shows as \"secret\"");
            }
            secret = "fsw_" + Hashing.randomToken(32);
        } else {
            String why = refusal(integration, secret);
            if (why != null) throw new RuleViolation("secret", "integration-secret", why);
        }
        String key = accountId == null ? PLATFORM : accountId.toString();
        Instant now = clock.instant();
        Optional<Row> old = jdbc.sql("""
                select current_secret, previous_secret, previous_valid_until, rotated_at, rotated_by from integration_secret
                where scope = ? and integration = ? for update""").params(key, integration.key()).query(JdbcIntegrationSecrets::map).optional();
        List<String> previous = new ArrayList<>();
        if (old.isPresent()) previous.add(open(key, integration, old.get().current()));
        else if (accountId == null) previous.addAll(configured(integration));
        String fresh = secret;
        previous.removeIf(p -> p.equals(fresh));
        Instant until = previous.isEmpty() || props.secretGrace().isZero() ? null : now.plus(props.secretGrace());
        String sealedPrevious = until == null ? null : seal(key, integration, String.join("\n", previous));
        String who = actor == null ? "unknown" : actor.length() > 320 ? actor.substring(0, 320) : actor;
        if (old.isPresent()) {
            jdbc.sql("""
                    update integration_secret set current_secret = ?, previous_secret = ?, previous_valid_until = ?, rotated_at = ?,
                        rotated_by = ? where scope = ? and integration = ?""")
                    .params(seal(key, integration, secret), sealedPrevious, until == null ? null : Timestamp.from(until),
                            Timestamp.from(now), who, key, integration.key())
                    .update();
        } else {
            try {
                jdbc.sql("""
                        insert into integration_secret (scope, integration, account_id, current_secret, previous_secret,
                            previous_valid_until, rotated_at, rotated_by) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(key, integration.key(), accountId, seal(key, integration, secret), sealedPrevious,
                                until == null ? null : Timestamp.from(until), Timestamp.from(now), who)
                        .update();
            } catch (DuplicateKeyException raced) {
                throw new RuleViolation(409, "integration", "integration-secret", "another rotation of this secret ran at the same time: retry");
            }
        }
        log.info("integration secret rotated: {} {} by {} (previous valid until {})", integration.key(), key, who, until);
        return new Rotated(integration, scope, generated ? secret : null, now, until);
    }

    /** Ends the grace period now: only the current secret authenticates from here on (a leaked previous secret). */
    @Transactional
    boolean endGrace(Integration integration, UUID accountId) {
        checkScope(integration, accountId == null ? Integration.Scope.PLATFORM : Integration.Scope.ACCOUNT);
        return jdbc.sql("""
                update integration_secret set previous_secret = null, previous_valid_until = null
                where scope = ? and integration = ? and previous_secret is not null""")
                .params(accountId == null ? PLATFORM : accountId.toString(), integration.key()).update() > 0;
    }

    /** Each integration of the scope (an account's, or the platform's with {@code accountId} null), as it stands. */
    List<Status> status(UUID accountId) {
        Integration.Scope scope = accountId == null ? Integration.Scope.PLATFORM : Integration.Scope.ACCOUNT;
        Instant now = clock.instant();
        List<Status> out = new ArrayList<>();
        for (Integration i : Integration.values()) {
            if (!i.has(scope)) continue;
            Optional<Row> r = row(accountId == null ? PLATFORM : accountId.toString(), i);
            Source source = r.isPresent() ? (accountId == null ? Source.PLATFORM : Source.ACCOUNT) : accepted(i, accountId).source();
            Instant until = r.map(Row::previousValidUntil).filter(now::isBefore).orElse(null);
            out.add(new Status(i, scope, source, r.map(Row::rotatedAt).orElse(null), r.map(Row::rotatedBy).orElse(null), until));
        }
        return out;
    }

    static void checkScope(Integration integration, Integration.Scope scope) {
        if (!integration.has(scope)) {
            throw new RuleViolation(400, "integration", "integration-scope", scope == Integration.Scope.ACCOUNT
                    ? integration.key() + " is the operator's integration: its secret is rotated under /api/operator/integrations"
                    : integration.key() + " is an account's own integration: each account rotates its secret under /api/integrations");
        }
    }

    private String refusal(Integration integration, String secret) {
        if (secret.length() > MAX_LENGTH) return "at most " + MAX_LENGTH + " characters";
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) return "printable ASCII characters only, no spaces";
        IntegrationEndpoint e = endpoint(integration);
        String why = e == null ? null : e.refusal(secret);
        if (why != null) return why;
        return secret.length() < MIN_LENGTH ? "at least " + MIN_LENGTH + " characters" : null;
    }

    private List<String> valid(String key, Integration integration, Row r) {
        List<String> out = new ArrayList<>();
        out.add(open(key, integration, r.current()));
        if (r.previous() != null && r.previousValidUntil() != null && clock.instant().isBefore(r.previousValidUntil())) {
            out.addAll(Arrays.asList(open(key, integration, r.previous()).split("\n")));
        }
        return out;
    }

    private List<String> configured(Integration integration) {
        IntegrationEndpoint e = endpoint(integration);
        if (e == null) return List.of();
        return e.configured().stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    }

    private Optional<Row> row(String key, Integration integration) {
        return jdbc.sql("""
                select current_secret, previous_secret, previous_valid_until, rotated_at, rotated_by from integration_secret
                where scope = ? and integration = ?""").params(key, integration.key()).query(JdbcIntegrationSecrets::map).optional();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp until = rs.getTimestamp(3);
        return new Row(rs.getString(1), rs.getString(2), until == null ? null : until.toInstant(), rs.getTimestamp(4).toInstant(),
                rs.getString(5));
    }

    private String seal(String key, Integration integration, String secret) {
        return secrets.seal(purpose(key, integration), secret.getBytes(StandardCharsets.UTF_8));
    }

    private String open(String key, Integration integration, String sealed) {
        return new String(secrets.open(purpose(key, integration), sealed), StandardCharsets.UTF_8);
    }

    private static String purpose(String key, Integration integration) {
        return "integration-secret:" + key + ":" + integration.key();
    }
}
