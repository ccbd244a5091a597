package org.fairsend.reputation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.reputation.Indicator;
import org.fairsend.reputation.ReputationViews.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the account-level pauses (R-14, {@code reputation_account_pause}, V101): what crossed on which day, the
 * campaigns the pause suspended, and the operator's resume with the day's judged counters at that moment.
 */
@Repository
class AccountPauseStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One pause of an account's marketing on a channel. */
    record Pause(long id, UUID accountId, Channel channel, LocalDate day, Indicator indicator, double value, double threshold, long sample,
            long numerator, Trigger trigger, int policyVersion, String reason, List<UUID> suspendedCampaigns, Instant pausedAt,
            Instant resumedAt, String resumedBy, String resumeReason, LocalDate baselineDay, Totals baseline) {

        boolean open() {
            return resumedAt == null;
        }
    }

    private final JdbcClient jdbc;

    AccountPauseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(UUID accountId, Channel channel, LocalDate day, Breaker.Crossing x, int policyVersion, String reason, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into reputation_account_pause (account_id, channel, on_day, indicator, indicator_value, threshold, sample, numerator,
                    trigger_rule, policy_version, reason, paused_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, channel.code(), day, x.indicator().code(), x.value(), x.threshold(), x.sample(), x.numerator(),
                        x.trigger().code(), policyVersion, ReputationStore.cut(reason, 2000), Timestamp.from(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void addSuspended(long id, UUID campaignId) {
        jdbc.sql("insert into reputation_account_pause_campaign (pause_id, campaign_id) select ?, ? where not exists"
                + " (select 1 from reputation_account_pause_campaign where pause_id = ? and campaign_id = ?)")
                .params(id, campaignId, id, campaignId).update();
    }

    /** Records the operator's resume; false when the pause was resumed already. */
    boolean resume(long id, String actor, String reason, LocalDate baselineDay, Totals baseline, Instant at) {
        return jdbc.sql("""
                update reputation_account_pause set resumed_at = ?, resumed_by = ?, resume_reason = ?, baseline_day = ?, resume_baseline = ?
                where id = ? and resumed_at is null""")
                .params(Timestamp.from(at), ReputationStore.cut(actor, 100), ReputationStore.cut(reason, 2000), baselineDay,
                        JSON.writeValueAsString(baseline.asMap()), id)
                .update() > 0;
    }

    Optional<Pause> open(UUID accountId, Channel channel) {
        return jdbc.sql("select * from reputation_account_pause where account_id = ? and channel = ? and resumed_at is null"
                + " order by paused_at desc, id desc limit 1")
                .params(accountId, channel.code()).query(this::map).optional().map(this::withCampaigns);
    }

    /** The latest resume on {@code day} of the account's channel: the day's judged counters start again from its baseline. */
    Optional<Pause> lastResumedOn(UUID accountId, Channel channel, LocalDate day) {
        return jdbc.sql("""
                select * from reputation_account_pause where account_id = ? and channel = ? and baseline_day = ?
                order by resumed_at desc limit 1""")
                .params(accountId, channel.code(), day).query(this::map).optional();
    }

    List<Pause> of(UUID accountId) {
        return jdbc.sql("select * from reputation_account_pause where account_id = ? order by paused_at, id").param(accountId)
                .query(this::map).list().stream().map(this::withCampaigns).toList();
    }

    private Pause withCampaigns(Pause p) {
        List<UUID> campaigns = jdbc.sql("select campaign_id from reputation_account_pause_campaign where pause_id = ? order by campaign_id")
                .param(p.id()).query(UUID.class).list();
        return new Pause(p.id(), p.accountId(), p.channel(), p.day(), p.indicator(), p.value(), p.threshold(), p.sample(), p.numerator(),
                p.trigger(), p.policyVersion(), p.reason(), List.copyOf(campaigns), p.pausedAt(), p.resumedAt(), p.resumedBy(),
                p.resumeReason(), p.baselineDay(), p.baseline());
    }

    private Pause map(ResultSet rs, int n) throws SQLException {
        Timestamp resumed = rs.getTimestamp("resumed_at");
        List<UUID> campaigns = List.of();
        String b = rs.getString("resume_baseline");
        return new Pause(rs.getLong("id"), rs.getObject("account_id", UUID.class), Channel.of(rs.getString("channel")),
                rs.getObject("on_day", LocalDate.class), Indicator.of(rs.getString("indicator")), rs.getDouble("indicator_value"),
                rs.getDouble("threshold"), rs.getLong("sample"), rs.getLong("numerator"), Trigger.of(rs.getString("trigger_rule")),
                rs.getInt("policy_version"), rs.getString("reason"), campaigns, rs.getTimestamp("paused_at").toInstant(),
                resumed == null ? null : resumed.toInstant(), rs.getString("resumed_by"), rs.getString("resume_reason"),
                rs.getObject("baseline_day", LocalDate.class), b == null ? Totals.ZERO : totals(b));
    }

    private static Totals totals(String json) {
        Map<String, Long> m = JSON.readValue(json, new TypeReference<Map<String, Long>>() {});
        long[] v = new long[Counter.N];
        for (Counter c : Counter.ALL) v[c.ordinal()] = m.getOrDefault(Totals.camel(c.column), 0L);
        return new Totals(v);
    }
}
