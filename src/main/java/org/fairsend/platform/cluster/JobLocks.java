package org.fairsend.platform.cluster;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.fairsend.platform.Database;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job locks as the operator sees them (issue 18, "the lock visible to the operator"): one row per job that must run
 * once across the cluster (table {@code shedlock}, V120), which node took it last, when, and until when it holds it.
 * ShedLock writes the database's time without a zone: UTC on PostgreSQL ({@code timezone('utc', current_timestamp)}),
 * the session's zone on H2; "held" is decided in the database's time as well.
 * <p>
 * The lock names are stable (they are rows): {@value #CAMPAIGN_SCHEDULER}, {@value #RETENTION}, {@value #CALLTRACKING_REPORTS},
 * {@value #CONSENT_ANCHOR}, {@value #INBOUND_PURGE}, {@value #REPLAY_PURGE}, {@value #ABANDONED_IMPORTS},
 * {@value #EVENT_RESUBMISSION}, {@value #REGULATED_EXPIRY}, {@value #EVIDENCE_DEADLINES} (docs/ARCHITECTURE.md, "State shared by every node").
 */
public class JobLocks {

    public static final String CAMPAIGN_SCHEDULER = "campaigns.start-due";
    public static final String RETENTION = "contacts.retention";
    public static final String ABANDONED_IMPORTS = "contacts.abandoned-imports";
    public static final String CALLTRACKING_REPORTS = "calltracking.reports";
    public static final String CONSENT_ANCHOR = "consent.chain-anchor";
    public static final String INBOUND_PURGE = "feedback.inbound-purge";
    public static final String REPLAY_PURGE = "feedback.webhook-replay-purge";
    public static final String EVENT_RESUBMISSION = "platform.event-resubmission";
    /** Issue 19: regulated-account approvals that end (recorded as expired) or end soon (the account is warned). */
    public static final String REGULATED_EXPIRY = "accounts.regulated-expiry";

    /** Issue 19: reminders and missed deadlines of evidence requests (seed 002 §1.2). */
    public static final String EVIDENCE_DEADLINES = "inquiries.evidence-deadlines";

    /** Issue 20: the worker that posts the accounts' outbound webhooks. */
    public static final String OUTBOUND_WEBHOOKS = "webhooks.outbound";

    /** A job lock: {@code held} when {@code lockUntil} is still ahead in the database's time. */
    public record Lock(String name, String lockedBy, Instant lockedAt, Instant lockUntil, boolean held) {}

    private final JdbcClient jdbc;
    private final Database database;

    public JobLocks(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** Every job lock taken at least once, by name. */
    public List<Lock> locks() {
        String now = database.isPostgres() ? "timezone('utc', current_timestamp)" : "localtimestamp";
        ZoneId zone = database.isPostgres() ? ZoneOffset.UTC : ZoneId.systemDefault();
        return jdbc.sql("select name, locked_by, locked_at, lock_until, lock_until > " + now + " as held from shedlock order by name")
                .query((rs, i) -> new Lock(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3), zone), instant(rs.getTimestamp(4), zone),
                        rs.getBoolean(5)))
                .list();
    }

    private static Instant instant(Timestamp t, ZoneId zone) {
        LocalDateTime local = t.toLocalDateTime();
        return local.atZone(zone).toInstant();
    }
}
