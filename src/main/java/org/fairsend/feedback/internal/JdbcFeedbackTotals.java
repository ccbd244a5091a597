package org.fairsend.feedback.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.feedback.BounceKind;
import org.fairsend.feedback.EngagementType;
import org.fairsend.feedback.FeedbackTotals;
import org.fairsend.feedback.FeedbackTotals.Type;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts the feedback tables by type and the policy's day, one grouped scan per table (campaign indexes). */
@Component
class JdbcFeedbackTotals implements FeedbackTotals {

    private final JdbcClient jdbc;
    private final PolicyTime time;

    JdbcFeedbackTotals(JdbcClient jdbc, PolicyTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    @Override
    public List<FeedbackCount> counts(UUID accountId, UUID campaignId) {
        List<FeedbackCount> out = new ArrayList<>();
        // bounce: kind, reason and source are columns; the others are fixed per table (PostgreSQL groups by columns only)
        query(out, "bounce", "received_at", "channel", "kind, reason, source", "1 = 1", accountId, campaignId,
                r -> Type.BOUNCE);
        query(out, "complaint", "received_at", "channel", "complaint_kind", "1 = 1", accountId, campaignId,
                r -> "unjustified-use".equals(r) ? Type.UNJUSTIFIED_USE : Type.COMPLAINT); // complaint_kind column
        query(out, "unsubscribe", "received_at", "channel", null, "1 = 1", accountId, campaignId, r -> Type.UNSUBSCRIBE);
        query(out, "engagement", "occurred_at", null, "event_type", "counted = true", accountId, campaignId,
                r -> EngagementType.of(r) == EngagementType.CLICK ? Type.CLICK : Type.OPEN);
        query(out, "spamtrap_hit", "hit_at", null, null, "1 = 1", accountId, campaignId, r -> Type.SPAMTRAP);
        return out;
    }

    /**
     * One grouped scan. {@code extra} are up to three more grouping columns: for bounces kind, reason and source;
     * otherwise one column whose value {@code type} maps to the count's type.
     */
    private void query(List<FeedbackCount> out, String table, String at, String channel, String extra, String where,
            UUID accountId, UUID campaignId, java.util.function.Function<String, Type> type) {
        String day = time.daySql(at); // the policy's day, the same on PostgreSQL and H2
        String keys = "account_id, campaign_id, " + day + (channel == null ? "" : ", " + channel) + (extra == null ? "" : ", " + extra);
        StringBuilder sql = new StringBuilder("select " + keys + ", count(*) as n from " + table + " where " + where);
        List<Object> params = new ArrayList<>();
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        if (campaignId != null) {
            sql.append(" and campaign_id = ?");
            params.add(campaignId);
        }
        sql.append(" group by ").append(keys);
        jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            int i = 4;
            Channel ch = channel == null ? Channel.EMAIL : Channel.of(rs.getString(i++));
            String first = extra == null ? null : rs.getString(i++);
            Type t = type.apply(first);
            boolean bounce = t == Type.BOUNCE;
            BounceKind kind = bounce ? BounceKind.of(first) : null;
            String reason = bounce ? rs.getString(i++) : null;
            String source = bounce ? rs.getString(i++) : null;
            return out.add(new FeedbackCount(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), ch,
                    rs.getObject(3, LocalDate.class), t, kind, reason, source, rs.getLong("n")));
        }).list();
    }
}
