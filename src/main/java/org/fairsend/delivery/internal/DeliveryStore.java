package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The queries of {@link DeliveryService}: the audience (over {@link AudienceSql}'s classification), its
 * materialisation into the send queue, a run's counts, its cancellation, and the transactional queue.
 */
@Repository
class DeliveryStore {

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact of the audience classified as a message it would get (or why not). */
    record ClassCount(String cls, long count, long neverEngaged, long unknownKept) {}

    /** A message recorded as blocked when its campaign started. */
    record Blocked(long id, String recipient) {}

    List<UUID> sampleEligible(String classified, Map<String, Object> params, int n) {
        var q = jdbc.sql("select t.contact_id from (" + classified + ") t where t.cls = 'eligible' order by t.contact_id limit :n");
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        return q.param("n", n).query(UUID.class).list();
    }

    /** Contact columns a template can print, by the name the recipient's bindings give them. */
    private static final java.util.Set<String> TEXT_COLUMNS = java.util.Set.of("first_name", "last_name", "email", "phone");

    /**
     * How many contacts of the audience would get the message and lack {@code field} (empty or blank): a column of the
     * contact, else a key of its attributes (PostgreSQL only: -1 on the embedded database, where the caller counts
     * on its sample instead).
     */
    long eligibleLacking(String classified, Map<String, Object> params, String field, boolean postgres) {
        String lacking;
        if (TEXT_COLUMNS.contains(field)) lacking = "coalesce(trim(c." + field + "), '') = ''";
        else if (field.equals("customer_since")) lacking = "c.customer_since is null";
        else if (postgres) lacking = "coalesce(trim(case when c.attributes is null or trim(c.attributes) = '' then null"
                + " else c.attributes::jsonb ->> :lacking_field end), '') = ''";
        else return -1;
        var q = jdbc.sql("select count(*) from (" + classified + ") t join contact c on c.id = t.contact_id where t.cls = 'eligible' and " + lacking);
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        if (lacking.contains(":lacking_field")) q = q.param("lacking_field", field);
        return q.query(Long.class).single();
    }

    List<UUID> inClass(String classified, Map<String, Object> params, String cls, int n) {
        var q = jdbc.sql("select t.contact_id from (" + classified + ") t where t.cls = :cls order by t.contact_id limit :n");
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        return q.param("cls", cls).param("n", n).query(UUID.class).list();
    }

    List<ClassCount> classes(String classified, Map<String, Object> params) {
        var q = jdbc.sql("select t.cls, count(*), sum(case when t.cls = 'eligible' and t.engaged = 0 then 1 else 0 end),"
                + " sum(case when t.cls = 'eligible' and t.engagement = 'unknown' then 1 else 0 end)"
                + " from (" + classified + ") t group by t.cls");
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        return q.query((rs, n) -> new ClassCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
    }

    /**
     * One set-based statement: the eligible are queued, the suppressed recorded as blocked. The classification's
     * parameters plus {@code account}, {@code channel} (set by {@link AudienceSql}), {@code campaign} and {@code now}.
     */
    void materialise(String classified, Map<String, Object> params, UUID campaignId, Instant now) {
        var insert = jdbc.sql("""
                insert into outbound_message (account_id, campaign_id, channel, contact_id, recipient, status, attempts,
                    next_attempt_at, last_result, created_at, finished_at)
                select :account, :campaign, :channel, t.contact_id, t.address,
                       case when t.cls = 'eligible' then 'queued' else 'blocked' end, 0, :now,
                       case when t.cls = 'eligible' then null else 'suppressed' end, :now,
                       case when t.cls = 'eligible' then cast(null as timestamp with time zone) else cast(:now as timestamp with time zone) end
                from (""" + classified + ") t where t.cls in ('eligible', 'suppressed')");
        for (var e : params.entrySet()) insert = insert.param(e.getKey(), e.getValue());
        insert.param("campaign", campaignId).param("now", Timestamp.from(now)).update();
    }

    List<Blocked> blocked(UUID campaignId) {
        return jdbc.sql("select id, recipient from outbound_message where campaign_id = ? and status = 'blocked'").param(campaignId)
                .query((rs, n) -> new Blocked(rs.getLong(1), rs.getString(2))).list();
    }

    long queued(UUID campaignId) {
        return jdbc.sql("select count(*) from outbound_message where campaign_id = ? and status = 'queued'").param(campaignId)
                .query(Long.class).single();
    }

    /** Fresh planner statistics after a large audience changed the queue's shape (PostgreSQL only). */
    void analyzeQueue() {
        jdbc.sql("analyze outbound_message").update();
    }

    void cancelWaiting(UUID campaignId, Instant at) {
        jdbc.sql("update outbound_message set status = 'cancelled', finished_at = ? where campaign_id = ? and status in ('queued', 'held')")
                .params(Timestamp.from(at), campaignId).update();
    }

    /** A run's messages by queue status. */
    Map<QueueStatus, Long> byStatus(UUID campaignId) {
        Map<QueueStatus, Long> counts = new java.util.EnumMap<>(QueueStatus.class);
        jdbc.sql("select status, count(*) from outbound_message where campaign_id = ? group by status").param(campaignId)
                .query((rs, n) -> counts.put(QueueStatus.of(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /** A run's messages by delivery receipt (SMS), sorted by status. */
    Map<String, Long> byReceipt(UUID campaignId) {
        Map<String, Long> receipts = new TreeMap<>();
        jdbc.sql("select receipt_status, count(*) from outbound_message where campaign_id = ? and receipt_status is not null group by receipt_status")
                .param(campaignId).query((rs, n) -> receipts.put(rs.getString(1), rs.getLong(2))).list();
        return receipts;
    }

    /** Queues a transactional message; returns its id. */
    long queueTransactional(UUID accountId, String channel, String address, String payload, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into outbound_message (account_id, channel, recipient, status, attempts, next_attempt_at, payload, created_at)
                values (?, ?, ?, 'queued', 0, ?, ?, ?)""")
                .params(accountId, channel, address, Timestamp.from(now), payload, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }
}
