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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the live counters: the rows {@link Tallies} flushes its increments into, one per campaign and
 * channel ({@code reputation_campaign_tally}), one per account, policy day and channel ({@code reputation_account_day}),
 * and the campaign's time series ({@code reputation_campaign_sample}); counters in {@link Counter} order.
 */
@Repository
class TallyStore {

    private final JdbcClient jdbc;

    TallyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<long[]> campaign(UUID campaignId, Channel channel) {
        return jdbc.sql("select " + Counter.columns() + " from reputation_campaign_tally where campaign_id = ? and channel = ?")
                .params(campaignId, channel.code()).query(TallyStore::row).optional();
    }

    Optional<long[]> day(UUID accountId, LocalDate day, Channel channel) {
        return jdbc.sql("select " + Counter.columns() + " from reputation_account_day where account_id = ? and on_day = ? and channel = ?")
                .params(accountId, day, channel.code()).query(TallyStore::row).optional();
    }

    /** Whether the campaign already has an incident (it is not incriminated twice). */
    boolean incriminated(UUID campaignId) {
        return jdbc.sql("select count(*) from reputation_incident where campaign_id = ?").param(campaignId)
                .query(Long.class).single() > 0;
    }

    /** Adds the increments to the campaign's row (created on first use); answers the row as it now stands. */
    long[] addToCampaign(UUID campaignId, Channel channel, UUID accountId, long[] d, Instant now) {
        add("reputation_campaign_tally", "campaign_id = ? and channel = ?", List.of(campaignId, channel.code()),
                "campaign_id, channel, account_id", List.of(campaignId, channel.code(), accountId), d, now);
        return campaign(campaignId, channel).orElseThrow();
    }

    /** Adds the increments to the account's row of that day (created on first use); answers the row as it now stands. */
    long[] addToDay(UUID accountId, LocalDate day, Channel channel, long[] d, Instant now) {
        add("reputation_account_day", "account_id = ? and on_day = ? and channel = ?", List.of(accountId, day, channel.code()),
                "account_id, on_day, channel", List.of(accountId, day, channel.code()), d, now);
        return day(accountId, day, channel).orElseThrow();
    }

    /** A point of the campaign's time series. */
    void sample(UUID campaignId, Channel channel, Totals s, Instant at) {
        jdbc.sql("""
                insert into reputation_campaign_sample (campaign_id, channel, sampled_at, sent, attempted, blocked, hard_bounces,
                    complaints, unsubscribes, clicks, spamtraps, unjustified) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, channel.code(), Timestamp.from(at), s.sent(), s.attempted(), s.blocked(), s.hard(),
                        s.complaints(), s.unsubscribes(), s.clicks(), s.spamtraps(), s.unjustified())
                .update();
    }

    /** Adds the increments to the row, creating it on first use (a concurrent creator makes us add instead). */
    private void add(String table, String where, List<Object> key, String keyColumns, List<Object> keyValues, long[] d, Instant now) {
        StringBuilder set = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Counter c : Counter.ALL) {
            set.append(c.column).append(" = ").append(c.column).append(" + ?, ");
            params.add(d[c.ordinal()]);
        }
        set.append("updated_at = ?");
        params.add(Timestamp.from(now));
        params.addAll(key);
        String update = "update " + table + " set " + set + " where " + where;
        if (jdbc.sql(update).params(params).update() > 0) return;
        List<Object> values = new ArrayList<>(keyValues);
        for (long v : d) values.add(v);
        values.add(Timestamp.from(now));
        String marks = "?, ".repeat(values.size() - 1) + "?";
        try {
            jdbc.sql("insert into " + table + " (" + keyColumns + ", " + Counter.columns() + ", updated_at) values (" + marks + ")")
                    .params(values).update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(update).params(params).update();
        }
    }

    /** The counters of a row whose first columns are {@link Counter#columns()}. */
    static long[] row(ResultSet rs, int n) throws SQLException {
        long[] v = new long[Counter.N];
        for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 1);
        return v;
    }
}
