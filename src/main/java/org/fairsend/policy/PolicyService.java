package org.fairsend.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and versions the policy. Version 1 is the defaults of docs/RULES.md, written at first use. The current
 * version is cached and re-read when a newer one is saved (by this node, or seen on the next read after
 * {@link #refresh()}).
 */
@Service
public class PolicyService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile PolicySnapshot current;
    /** When this node last asked the database for a newer version (System.nanoTime). */
    private volatile long checkedAt;
    /** How long a node trusts its cached version before it looks for one saved by another node. */
    private static final long RECHECK_NANOS = java.time.Duration.ofSeconds(2).toNanos();

    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    PolicyService(JdbcClient jdbc, Clock clock, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public PolicySnapshot current() {
        PolicySnapshot c = current;
        if (c == null) return refresh();
        long now = System.nanoTime();
        if (now - checkedAt > RECHECK_NANOS) {
            // another node may have saved a newer version: one indexed look-up every couple of seconds per node
            checkedAt = now;
            Integer newest = jdbc.sql("select max(version) from policy_version").query(Integer.class).single();
            if (newest == null || newest != c.version()) return refresh();
        }
        return c;
    }

    /** Re-reads the newest version from the database (other nodes may have saved one). */
    public synchronized PolicySnapshot refresh() {
        Optional<PolicySnapshot> latest = latest();
        if (latest.isEmpty()) {
            try {
                // in its own transaction: the first reader may be inside one that rolls back (a refused request),
                // which must not take version 1 away from under the cached copy
                ownTransaction.executeWithoutResult(t -> insert(1, Policy.defaults(), "fairsend", "defaults (docs/RULES.md)"));
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another node wrote version 1
            }
            latest = latest();
        }
        current = latest.orElseThrow();
        checkedAt = System.nanoTime();
        return current;
    }

    @Transactional
    public PolicySnapshot update(Policy policy, String who, String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the policy changes");
        List<RuleViolation.Violation> problems = policy.problems();
        if (!problems.isEmpty()) throw new RuleViolation(422, problems);
        int next = jdbc.sql("select coalesce(max(version), 0) from policy_version").query(Integer.class).single() + 1;
        insert(next, policy, who, reason);
        return refresh();
    }

    public List<PolicySnapshot> versions() {
        current();
        return jdbc.sql("select * from policy_version order by version desc").query(PolicyService::map).list();
    }

    public Optional<PolicySnapshot> version(int v) {
        return jdbc.sql("select * from policy_version where version = ?").param(v).query(PolicyService::map).optional();
    }

    private Optional<PolicySnapshot> latest() {
        return jdbc.sql("select * from policy_version order by version desc limit 1").query(PolicyService::map).optional();
    }

    private void insert(int version, Policy policy, String who, String reason) {
        jdbc.sql("insert into policy_version (version, document, created_by, reason, created_at) values (?, ?, ?, ?, ?)")
                .params(version, JSON.writeValueAsString(policy), who, reason, Timestamp.from(clock.instant())).update();
    }

    private static PolicySnapshot map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PolicySnapshot(rs.getInt("version"), JSON.readValue(rs.getString("document"), Policy.class),
                rs.getString("created_by"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
    }
}
