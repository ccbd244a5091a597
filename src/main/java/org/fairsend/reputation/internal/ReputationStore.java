package org.fairsend.reputation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.reputation.Indicator;
import org.fairsend.reputation.ReputationViews.AuditAction;
import org.fairsend.reputation.ReputationViews.IncidentStatus;
import org.fairsend.reputation.ReputationViews.LineKind;
import org.fairsend.reputation.ReputationViews.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The reputation tables: incidents, the billing ledger, the audit trail, the stored tallies and time series. */
@Component
class ReputationStore {

    /** An incriminated campaign. */
    record Incident(long id, UUID accountId, UUID campaignId, Channel channel, Indicator indicator, double value, double threshold,
            long sample, long numerator, Trigger trigger, Double lowerBound, int policyVersion, int rung, long spamtraps,
            boolean campaignSuspended, IncidentStatus status, Instant crossedAt, Instant decidedAt, Instant reversedAt, String reversedBy,
            String reversalReason) {}

    /** A billing ledger line: amounts in minor units excluding tax; a reversal is negative and names its line. */
    record LedgerLine(long id, UUID accountId, UUID campaignId, Long incidentId, String rule, String description, long quantity,
            long unitCents, long amountCents, String currency, LocalDate bookedOn, Long reversesId, Instant createdAt, LineKind kind) {}

    /** A termination of the account's contract (issue 19); {@code chargeLineId} the months of subscription charged, if any. */
    record Termination(long id, UUID accountId, Long incidentId, Instant terminatedAt, String terminatedBy, String reason,
            int policyVersion, Long chargeLineId, Instant reversedAt, String reversedBy, String reversalReason) {}

    /** One step of the ladder or an operator's action on it. */
    record AuditEntry(long id, UUID accountId, UUID campaignId, Long incidentId, AuditAction action, String actor, String reason,
            String detail, int policyVersion, Instant at) {}

    /** A point of a campaign's time series. */
    record Sample(Instant at, Totals totals) {}

    private final JdbcClient jdbc;

    ReputationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long standingIncidents(UUID accountId) {
        return jdbc.sql("select count(*) from reputation_incident where account_id = ? and status = ?")
                .params(accountId, IncidentStatus.STANDING.code()).query(Long.class).single();
    }

    long insertIncident(UUID accountId, UUID campaignId, Channel channel, Breaker.Crossing x, int policyVersion, int rung,
            long spamtraps, boolean suspended, Instant crossedAt, Instant at) {
        return insert("""
                insert into reputation_incident (account_id, campaign_id, channel, indicator, indicator_value, threshold, sample, numerator,
                    trigger_rule, lower_bound, policy_version, rung, spamtraps, campaign_suspended, status, crossed_at, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                accountId, campaignId, channel.code(), x.indicator().code(), x.value(), x.threshold(), x.sample(), x.numerator(),
                x.trigger().code(), x.lowerBound(), policyVersion, rung, spamtraps, suspended, IncidentStatus.STANDING.code(),
                Timestamp.from(crossedAt), Timestamp.from(at));
    }

    Optional<Incident> incident(long id) {
        return jdbc.sql("select * from reputation_incident where id = ?").param(id).query(ReputationStore::incident).optional();
    }

    Optional<Incident> incidentOf(UUID campaignId) {
        return jdbc.sql("select * from reputation_incident where campaign_id = ?").param(campaignId).query(ReputationStore::incident)
                .optional();
    }

    List<Incident> incidents(UUID accountId) {
        return jdbc.sql("select * from reputation_incident where account_id = ? order by decided_at, id").param(accountId)
                .query(ReputationStore::incident).list();
    }

    List<Incident> allIncidents(int limit) {
        return jdbc.sql("select * from reputation_incident order by decided_at desc, id desc limit ?").param(limit)
                .query(ReputationStore::incident).list();
    }

    void markReversed(long id, String actor, String reason, Instant at) {
        jdbc.sql("update reputation_incident set status = ?, reversed_at = ?, reversed_by = ?, reversal_reason = ? where id = ?")
                .params(IncidentStatus.REVERSED.code(), Timestamp.from(at), actor, reason, id).update();
    }

    /** A penalty line (per spamtrap). */
    long addLine(UUID accountId, UUID campaignId, Long incidentId, String rule, String description, long quantity, long unitCents,
            String currency, LocalDate bookedOn, Long reverses, Instant at) {
        return addLine(accountId, campaignId, incidentId, rule, LineKind.PENALTY, description, quantity, unitCents, currency, bookedOn,
                reverses, at);
    }

    long addLine(UUID accountId, UUID campaignId, Long incidentId, String rule, LineKind kind, String description, long quantity,
            long unitCents, String currency, LocalDate bookedOn, Long reverses, Instant at) {
        return insert("""
                insert into reputation_ledger (account_id, campaign_id, incident_id, rule, kind, description, quantity, unit_cents,
                    amount_cents, currency, booked_on, reverses_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                accountId, campaignId, incidentId, rule, kind.code(), cut(description, 500), quantity, unitCents, quantity * unitCents,
                currency, bookedOn, reverses, Timestamp.from(at));
    }

    /**
     * The incriminated campaigns that make up the step of incident {@code incidentId}: the account's standing
     * incidents up to it, oldest first.
     */
    List<Incident> stepOf(UUID accountId, long incidentId) {
        return jdbc.sql("select * from reputation_incident where account_id = ? and status = ? and id <= ? order by id")
                .params(accountId, IncidentStatus.STANDING.code(), incidentId).query(ReputationStore::incident).list();
    }

    /** The account's standing incidents from {@code incidentId} on (the steps that count its campaign), oldest first. */
    List<Incident> standingFrom(UUID accountId, long incidentId) {
        return jdbc.sql("select * from reputation_incident where account_id = ? and status = ? and id >= ? order by id")
                .params(accountId, IncidentStatus.STANDING.code(), incidentId).query(ReputationStore::incident).list();
    }

    /** Spamtraps of a campaign charged at a rung, net of the credits (reversals carry negative quantities). */
    long chargedAt(UUID campaignId, int rung) {
        return jdbc.sql("""
                select coalesce(sum(l.quantity), 0) from reputation_ledger l join reputation_incident i on i.id = l.incident_id
                where l.campaign_id = ? and l.kind = ? and i.rung = ?""")
                .params(campaignId, LineKind.PENALTY.code(), rung).query(Long.class).single();
    }

    /** A spamtrap observed after the decision counts as observed on the incident's campaign. */
    void addSpamtrap(long incidentId) {
        jdbc.sql("update reputation_incident set spamtraps = spamtraps + 1 where id = ?").param(incidentId).update();
    }

    /** Penalty lines charging a campaign's spamtraps, under any step. */
    List<LedgerLine> penaltiesOfCampaign(UUID campaignId) {
        return jdbc.sql("select * from reputation_ledger where campaign_id = ? and kind = ? order by id")
                .params(campaignId, LineKind.PENALTY.code()).query(ReputationStore::line).list();
    }

    Optional<LedgerLine> line(long id) {
        return jdbc.sql("select * from reputation_ledger where id = ?").param(id).query(ReputationStore::line).optional();
    }

    /** Whether a credit already reverses the line. */
    boolean isReversed(long lineId) {
        return jdbc.sql("select count(*) from reputation_ledger where reverses_id = ?").param(lineId).query(Long.class).single() > 0;
    }

    long insertTermination(UUID accountId, Long incidentId, Instant at, String actor, String reason, int policyVersion, Long chargeLineId) {
        return insert("""
                insert into reputation_termination (account_id, incident_id, terminated_at, terminated_by, reason, policy_version, charge_line_id)
                values (?, ?, ?, ?, ?, ?, ?)""", accountId, incidentId, Timestamp.from(at), cut(actor, 100), cut(reason, 2000), policyVersion,
                chargeLineId);
    }

    /** The termination in force (not reversed), if any. */
    Optional<Termination> terminationInForce(UUID accountId) {
        return jdbc.sql("select * from reputation_termination where account_id = ? and reversed_at is null order by id desc")
                .param(accountId).query(ReputationStore::termination).stream().findFirst();
    }

    List<Termination> terminations(UUID accountId) {
        return jdbc.sql("select * from reputation_termination where account_id = ? order by terminated_at, id").param(accountId)
                .query(ReputationStore::termination).list();
    }

    void reverseTermination(long id, String actor, String reason, Instant at) {
        jdbc.sql("update reputation_termination set reversed_at = ?, reversed_by = ?, reversal_reason = ? where id = ? and reversed_at is null")
                .params(Timestamp.from(at), cut(actor, 100), cut(reason, 2000), id).update();
    }

    List<LedgerLine> lines(UUID accountId, LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("select * from reputation_ledger where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        if (from != null) {
            sql.append(" and booked_on >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" and booked_on <= ?");
            params.add(to);
        }
        return jdbc.sql(sql.append(" order by booked_on, id").toString()).params(params).query(ReputationStore::line).list();
    }

    List<LedgerLine> linesOf(long incidentId) {
        return jdbc.sql("select * from reputation_ledger where incident_id = ? order by id").param(incidentId)
                .query(ReputationStore::line).list();
    }

    void audit(UUID accountId, UUID campaignId, Long incidentId, AuditAction action, String actor, String reason, String detail,
            int policyVersion, Instant at) {
        jdbc.sql("""
                insert into reputation_audit (account_id, campaign_id, incident_id, action, actor, reason, detail, policy_version, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, campaignId, incidentId, action.code(), cut(actor, 100), cut(reason, 2000), cut(detail, 4000), policyVersion,
                        Timestamp.from(at))
                .update();
    }

    List<AuditEntry> auditOf(UUID accountId) {
        return jdbc.sql("select * from reputation_audit where account_id = ? order by occurred_at, id").param(accountId)
                .query(ReputationStore::audit).list();
    }

    Optional<Totals> campaignTotals(UUID campaignId, Channel channel) {
        return jdbc.sql("select " + Counter.columns() + " from reputation_campaign_tally where campaign_id = ? and channel = ?")
                .params(campaignId, channel.code()).query((rs, n) -> new Totals(TallyStore.row(rs, n))).optional();
    }

    record DayRow(LocalDate day, Channel channel, Totals totals) {}

    List<DayRow> days(UUID accountId, LocalDate from, LocalDate to) {
        return jdbc.sql("select on_day, channel, " + Counter.columns() + " from reputation_account_day where account_id = ?"
                + " and on_day >= ? and on_day <= ? order by on_day, channel").params(accountId, from, to)
                .query((rs, n) -> {
                    long[] v = new long[Counter.N];
                    for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 3);
                    return new DayRow(rs.getObject(1, LocalDate.class), Channel.of(rs.getString(2)), new Totals(v));
                }).list();
    }

    /** Every account's totals on a day and channel (the operator's "closest to a threshold"). */
    record AccountDay(UUID accountId, Totals totals) {}

    List<AccountDay> accountsOn(LocalDate day, Channel channel) {
        return jdbc.sql("select account_id, " + Counter.columns() + " from reputation_account_day where on_day = ? and channel = ?")
                .params(day, channel.code())
                .query((rs, n) -> {
                    long[] v = new long[Counter.N];
                    for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 2);
                    return new AccountDay(rs.getObject(1, UUID.class), new Totals(v));
                }).list();
    }

    List<Sample> samples(UUID campaignId, Channel channel, int limit) {
        return jdbc.sql("""
                select sampled_at, sent, attempted, blocked, hard_bounces, complaints, unsubscribes, clicks, spamtraps, unjustified
                from reputation_campaign_sample where campaign_id = ? and channel = ? order by sampled_at desc limit ?""")
                .params(campaignId, channel.code(), limit)
                .query((rs, n) -> {
                    long[] v = new long[Counter.N];
                    v[Counter.SENT.ordinal()] = rs.getLong(2);
                    v[Counter.ATTEMPTED.ordinal()] = rs.getLong(3);
                    v[Counter.BLOCKED.ordinal()] = rs.getLong(4);
                    v[Counter.HARD.ordinal()] = rs.getLong(5);
                    v[Counter.COMPLAINTS.ordinal()] = rs.getLong(6);
                    v[Counter.UNSUBSCRIBES.ordinal()] = rs.getLong(7);
                    v[Counter.CLICKS.ordinal()] = rs.getLong(8);
                    v[Counter.SPAMTRAPS.ordinal()] = rs.getLong(9);
                    v[Counter.UNJUSTIFIED.ordinal()] = rs.getLong(10);
                    return new Sample(rs.getTimestamp(1).toInstant(), new Totals(v));
                }).list().reversed();
    }

    /** Overwrites a stored tally with recomputed totals (reconcile --fix). */
    void replaceCampaign(UUID campaignId, Channel channel, UUID accountId, Totals t, Instant at) {
        jdbc.sql("delete from reputation_campaign_tally where campaign_id = ? and channel = ?").params(campaignId, channel.code()).update();
        List<Object> values = new ArrayList<>(List.of(campaignId, channel.code(), accountId));
        for (long v : t.values()) values.add(v);
        values.add(Timestamp.from(at));
        jdbc.sql("insert into reputation_campaign_tally (campaign_id, channel, account_id, " + Counter.columns() + ", updated_at) values ("
                + "?, ".repeat(values.size() - 1) + "?)").params(values).update();
    }

    void replaceDay(UUID accountId, LocalDate day, Channel channel, Totals t, Instant at) {
        jdbc.sql("delete from reputation_account_day where account_id = ? and on_day = ? and channel = ?").params(accountId, day, channel.code())
                .update();
        List<Object> values = new ArrayList<>(List.of(accountId, day, channel.code()));
        for (long v : t.values()) values.add(v);
        values.add(Timestamp.from(at));
        jdbc.sql("insert into reputation_account_day (account_id, on_day, channel, " + Counter.columns() + ", updated_at) values ("
                + "?, ".repeat(values.size() - 1) + "?)").params(values).update();
    }

    record StoredCampaign(UUID campaignId, Channel channel, UUID accountId, Totals totals) {}

    List<StoredCampaign> storedCampaigns(UUID accountId, UUID campaignId) {
        StringBuilder sql = new StringBuilder("select campaign_id, channel, account_id, " + Counter.columns()
                + " from reputation_campaign_tally where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (accountId != null) { sql.append(" and account_id = ?"); params.add(accountId); }
        if (campaignId != null) { sql.append(" and campaign_id = ?"); params.add(campaignId); }
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            long[] v = new long[Counter.N];
            for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 4);
            return new StoredCampaign(rs.getObject(1, UUID.class), Channel.of(rs.getString(2)), rs.getObject(3, UUID.class), new Totals(v));
        }).list();
    }

    record StoredDay(UUID accountId, LocalDate day, Channel channel, Totals totals) {}

    List<StoredDay> storedDays(UUID accountId) {
        StringBuilder sql = new StringBuilder("select account_id, on_day, channel, " + Counter.columns() + " from reputation_account_day");
        List<Object> params = new ArrayList<>();
        if (accountId != null) { sql.append(" where account_id = ?"); params.add(accountId); }
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            long[] v = new long[Counter.N];
            for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 4);
            return new StoredDay(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), Channel.of(rs.getString(3)), new Totals(v));
        }).list();
    }

    private long insert(String sql, Object... params) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static Incident incident(ResultSet rs, int n) throws SQLException {
        Timestamp rev = rs.getTimestamp("reversed_at");
        return new Incident(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                Channel.of(rs.getString("channel")), Indicator.of(rs.getString("indicator")), rs.getDouble("indicator_value"),
                rs.getDouble("threshold"), rs.getLong("sample"), rs.getLong("numerator"), Trigger.of(rs.getString("trigger_rule")), (Double) rs.getObject("lower_bound", Double.class),
                rs.getInt("policy_version"), rs.getInt("rung"), rs.getLong("spamtraps"), rs.getBoolean("campaign_suspended"),
                IncidentStatus.of(rs.getString("status")), rs.getTimestamp("crossed_at").toInstant(), rs.getTimestamp("decided_at").toInstant(), rev == null ? null : rev.toInstant(),
                rs.getString("reversed_by"), rs.getString("reversal_reason"));
    }

    private static LedgerLine line(ResultSet rs, int n) throws SQLException {
        return new LedgerLine(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                (Long) rs.getObject("incident_id", Long.class), rs.getString("rule"), rs.getString("description"), rs.getLong("quantity"),
                rs.getLong("unit_cents"), rs.getLong("amount_cents"), rs.getString("currency"), rs.getObject("booked_on", LocalDate.class),
                (Long) rs.getObject("reverses_id", Long.class), rs.getTimestamp("created_at").toInstant(), LineKind.of(rs.getString("kind")));
    }

    private static Termination termination(ResultSet rs, int n) throws SQLException {
        Timestamp rev = rs.getTimestamp("reversed_at");
        return new Termination(rs.getLong("id"), rs.getObject("account_id", UUID.class), (Long) rs.getObject("incident_id", Long.class),
                rs.getTimestamp("terminated_at").toInstant(), rs.getString("terminated_by"), rs.getString("reason"), rs.getInt("policy_version"),
                (Long) rs.getObject("charge_line_id", Long.class), rev == null ? null : rev.toInstant(), rs.getString("reversed_by"),
                rs.getString("reversal_reason"));
    }

    private static AuditEntry audit(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                (Long) rs.getObject("incident_id", Long.class), AuditAction.of(rs.getString("action")), rs.getString("actor"), rs.getString("reason"),
                rs.getString("detail"), rs.getInt("policy_version"), rs.getTimestamp("occurred_at").toInstant());
    }

    static String cut(String s, int max) {
        return org.fairsend.platform.Texts.storable(s, max);
    }
}
