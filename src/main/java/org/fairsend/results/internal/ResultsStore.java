package org.fairsend.results.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The counting, in the database (issue 20): one aggregate per figure family, over the published read models only
 * (delivery's V136, feedback's V137), each filtered by account and campaign so it runs on the views' tables' campaign
 * indexes. Nothing is counted per message in Java.
 */
@Component
class ResultsStore {

    private final JdbcClient jdbc;

    ResultsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A count keyed by two codes (e.g. status and receipt, or event type and classification). */
    record Row(String a, String b, long n) {}

    /** Messages by queue status and SMS receipt. */
    List<Row> messages(UUID account, UUID campaign) {
        return jdbc.sql("""
                select status, receipt_status, count(*) from campaign_message where account_id = ? and campaign_id = ?
                group by status, receipt_status""")
                .params(account, campaign).query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** Voice drops by the provider's outcome (distinct messages). */
    Map<String, Long> voiceOutcomes(UUID account, UUID campaign) {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("select status, count(distinct message_id) from campaign_voice_outcome where account_id = ? and campaign_id = ? group by status")
                .params(account, campaign).query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** People who bounced, by kind (hard, soft). */
    Map<String, Long> bounces(UUID account, UUID campaign) {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("select kind, count(distinct recipient_hash) from campaign_bounce where account_id = ? and campaign_id = ? group by kind")
                .params(account, campaign).query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    long complaints(UUID account, UUID campaign) {
        return jdbc.sql("select count(distinct recipient_hash) from campaign_complaint where account_id = ? and campaign_id = ?")
                .params(account, campaign).query(Long.class).single();
    }

    long unsubscribes(UUID account, UUID campaign) {
        return jdbc.sql("select count(distinct recipient_hash) from campaign_unsubscribe where account_id = ? and campaign_id = ?")
                .params(account, campaign).query(Long.class).single();
    }

    /** Distinct messages opened or clicked, by event type and who (human, machine: R-8). */
    List<Row> engagement(UUID account, UUID campaign) {
        return jdbc.sql("""
                select event_type, classification, count(distinct message_id) from campaign_engagement
                where account_id = ? and campaign_id = ? group by event_type, classification""")
                .params(account, campaign).query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** One series' count in one hour (hours since the epoch, UTC). */
    record HourCount(String series, long hour, long n) {}

    /**
     * Every series counted per hour in one statement: sent messages by when they left, people's opens and clicks,
     * bounces, complaints and unsubscribes by when they were received.
     */
    List<HourCount> hourly(UUID account, UUID campaign) {
        String hour = "cast(floor(extract(epoch from %s) / 3600) as bigint)";
        return jdbc.sql("select k, h, count(*) from ("
                        + "select 'sent' as k, " + hour.formatted("finished_at") + " as h from campaign_message"
                        + " where account_id = :a and campaign_id = :c and status = 'sent' and finished_at is not null"
                        + " union all select case when event_type = 'open' then 'opens' else 'clicks' end, " + hour.formatted("occurred_at")
                        + " from campaign_engagement where account_id = :a and campaign_id = :c and classification = 'human'"
                        + " union all select 'bounces', " + hour.formatted("received_at") + " from campaign_bounce where account_id = :a and campaign_id = :c"
                        + " union all select 'complaints', " + hour.formatted("received_at") + " from campaign_complaint where account_id = :a and campaign_id = :c"
                        + " union all select 'unsubscribes', " + hour.formatted("received_at") + " from campaign_unsubscribe where account_id = :a and campaign_id = :c"
                        + ") x group by k, h")
                .param("a", account).param("c", campaign)
                .query((rs, i) -> new HourCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Clicks per destination: people (distinct recipients with a person's click), their clicks, machines' clicks. */
    List<org.fairsend.results.CampaignResults.LinkClicks> links(UUID account, UUID campaign, int limit) {
        return jdbc.sql("""
                select target,
                       count(distinct case when classification = 'human' then recipient_hash end) as people,
                       sum(case when classification = 'human' then 1 else 0 end) as clicks,
                       sum(case when classification = 'machine' then 1 else 0 end) as machine
                from campaign_engagement where account_id = ? and campaign_id = ? and event_type = 'click' and target is not null
                group by target order by people desc, clicks desc, target limit ?""")
                .params(account, campaign, limit)
                .query((rs, i) -> new org.fairsend.results.CampaignResults.LinkClicks(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4))).list();
    }

    /** The headline counts of many campaigns, each family in one grouped statement. */
    record PageCounts(Map<UUID, Long> sent, Map<UUID, Long> receiptsDelivered, Map<UUID, Long> voiceDelivered, Map<UUID, Long> bounces,
            Map<UUID, Long> complaints, Map<UUID, Long> unsubscribes, Map<UUID, Long> peopleOpened, Map<UUID, Long> peopleClicked) {}

    PageCounts page(UUID account, Collection<UUID> campaigns) {
        List<UUID> ids = new ArrayList<>(campaigns);
        Map<UUID, Long> sent = new HashMap<>(), receipts = new HashMap<>();
        jdbc.sql("""
                select campaign_id, sum(case when status = 'sent' then 1 else 0 end),
                       sum(case when receipt_status = 'delivered' then 1 else 0 end)
                from campaign_message where account_id = :a and campaign_id in (:ids) group by campaign_id""")
                .param("a", account).param("ids", ids).query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    sent.put(id, rs.getLong(2));
                    receipts.put(id, rs.getLong(3));
                });
        Map<UUID, Long> opened = new HashMap<>(), clicked = new HashMap<>();
        jdbc.sql("""
                select campaign_id, event_type, count(distinct message_id) from campaign_engagement
                where account_id = :a and campaign_id in (:ids) and classification = 'human' group by campaign_id, event_type""")
                .param("a", account).param("ids", ids).query(rs -> {
                    ("open".equals(rs.getString(2)) ? opened : clicked).put(rs.getObject(1, UUID.class), rs.getLong(3));
                });
        return new PageCounts(sent, receipts,
                perCampaign("select campaign_id, count(distinct message_id) from campaign_voice_outcome where account_id = :a"
                        + " and campaign_id in (:ids) and status in ('delivered', 'opted_out') group by campaign_id", account, ids),
                perCampaign("select campaign_id, count(distinct recipient_hash) from campaign_bounce where account_id = :a"
                        + " and campaign_id in (:ids) group by campaign_id", account, ids),
                perCampaign("select campaign_id, count(distinct recipient_hash) from campaign_complaint where account_id = :a"
                        + " and campaign_id in (:ids) group by campaign_id", account, ids),
                perCampaign("select campaign_id, count(distinct recipient_hash) from campaign_unsubscribe where account_id = :a"
                        + " and campaign_id in (:ids) group by campaign_id", account, ids),
                opened, clicked);
    }

    private Map<UUID, Long> perCampaign(String sql, UUID account, List<UUID> ids) {
        Map<UUID, Long> out = new HashMap<>();
        jdbc.sql(sql).param("a", account).param("ids", ids).query(rs -> {
            out.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
        return out;
    }
}
