package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.cluster.ClusterNodes;
import org.fairsend.platform.cluster.NodeIdentity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send queue on the database. Batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of
 * nodes can claim from one campaign without waiting on each other or taking the same message; a claimed
 * message is {@code sending} under this node's name until its outcome is written.
 */
@Component
class Queue {

    /** A claimed message. */
    record Item(long id, UUID accountId, UUID campaignId, String channel, UUID contactId, String recipient, int attempt,
            String payload) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final org.fairsend.platform.Database database;
    private final NodeIdentity node;

    Queue(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock,
            org.fairsend.platform.Database database, NodeIdentity node) {
        this.database = database;
        this.node = node;
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Claims up to {@code n} ready messages of a campaign, or ({@code campaignId} null) the transactional
     * one-offs of one channel; held messages whose window has opened are ready again.
     */
    List<Item> claim(UUID campaignId, String channel, int n) {
        return tx.execute(s -> {
            Instant now = clock.instant();
            // plan matters: served by outbound_message_ready (campaign_id, status, next_attempt_at)
            List<Long> ids = campaignId == null
                    ? jdbc.sql("select id from outbound_message where campaign_id is null and channel = ? and status in ('queued', 'held')"
                            + " and next_attempt_at <= ? order by id limit ? for update skip locked")
                            .params(channel, Timestamp.from(now), n).query(Long.class).list()
                    : jdbc.sql("select id from outbound_message where campaign_id = ? and status in ('queued', 'held') and next_attempt_at <= ?"
                            + " order by id limit ? for update skip locked").params(campaignId, Timestamp.from(now), n)
                            .query(Long.class).list();
            if (ids.isEmpty()) return List.<Item>of();
            String in = String.join(",", Collections.nCopies(ids.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(node.id());
            params.add(Timestamp.from(now));
            params.addAll(ids);
            jdbc.sql("update outbound_message set status = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1"
                    + " where id in (" + in + ")").params(params).update();
            return jdbc.sql("select id, account_id, campaign_id, channel, contact_id, recipient, attempts, payload from outbound_message"
                    + " where id in (" + in + ") order by id").params(ids.toArray())
                    .query((rs, i) -> new Item(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getInt(7), rs.getString(8)))
                    .list();
        });
    }

    /** The final or next state of each processed message. */
    record Outcome(long id, QueueStatus status, Instant nextAttemptAt, String result, String providerRef) {}

    /**
     * Writes the outcomes of messages this node claimed. Fenced (issue 18): a row changes only while it is still
     * claimed under this node's name ({@code claimed_by} is set only with {@code sending} and cleared by every outcome,
     * so it alone says so); one that another node took back meanwhile (this node was held dead) keeps its newer state.
     * The condition names no indexed column but the id: with {@code status} in it, statistics taken while the campaign
     * was all queued made the planner walk every sending row's entry of {@code outbound_message_status} for each
     * update (7.8 ms a row in bench/cluster, the committer minutes behind the wire). Returns the ids whose row was not this node's any more: their send-log rows are still
     * written by the caller (the evidence of what left), their queue state is not.
     */
    List<Long> record(List<Outcome> all) {
        Instant now = clock.instant();
        // rows locked in ascending id order, as SmsReceipts.apply() locks them: a group commit arrives in the order
        // the senders finished, and a receipt applied meanwhile to two of its messages deadlocked with it (issue 17)
        all = all.stream().sorted(java.util.Comparator.comparingLong(Outcome::id)).toList();
        List<Outcome> released = all.stream().filter(o -> o.status() == QueueStatus.RELEASED).toList();
        List<Outcome> held = all.stream().filter(o -> o.status() == QueueStatus.HELD).toList();
        List<Outcome> outcomes = all.stream().filter(o -> o.status() != QueueStatus.RELEASED && o.status() != QueueStatus.HELD).toList();
        String me = node.id();
        List<Long> notMine = new ArrayList<>();
        if (!released.isEmpty()) {
            notMine(released, template.batchUpdate("update outbound_message set status = 'queued', claimed_by = null, attempts = attempts - 1"
                    + " where id = ? and claimed_by = ?",
                    released.stream().map(o -> new Object[] {o.id(), me}).toList()), notMine);
        }
        if (!held.isEmpty()) {
            // waits for its window, the hold costs no attempt
            notMine(held, template.batchUpdate("update outbound_message set status = 'held', next_attempt_at = ?, last_result = ?, claimed_by = null,"
                    + " attempts = attempts - 1 where id = ? and claimed_by = ?",
                    held.stream().map(o -> new Object[] {Timestamp.from(o.nextAttemptAt()), o.result(), o.id(), me}).toList()), notMine);
        }
        if (!outcomes.isEmpty()) {
            notMine(outcomes, template.batchUpdate("""
                    update outbound_message set status = ?, next_attempt_at = coalesce(?, next_attempt_at), last_result = ?,
                        provider_ref = coalesce(?, provider_ref), claimed_by = null, finished_at = ?
                    where id = ? and claimed_by = ?""",
                    outcomes.stream().map(o -> new Object[] {o.status().code(), o.nextAttemptAt() == null ? null : Timestamp.from(o.nextAttemptAt()),
                        o.result() == null || o.result().length() <= 2000 ? o.result() : o.result().substring(0, 2000), o.providerRef(),
                        isFinal(o.status()) ? Timestamp.from(now) : null, o.id(), me}).toList()), notMine);
        }
        return notMine;
    }

    private static void notMine(List<Outcome> written, int[] counts, List<Long> into) {
        for (int i = 0; i < counts.length; i++) {
            // a driver may answer SUCCESS_NO_INFO (-2) for a batched statement: counted as written
            if (counts[i] == 0) into.add(written.get(i).id());
        }
    }

    static boolean isFinal(QueueStatus status) {
        return switch (status) {
            case SENT, BLOCKED, FAILED, CANCELLED -> true;
            case QUEUED, SENDING, HELD, RELEASED -> false;
        };
    }

    /**
     * At start, with a configured node id taken over from a dead earlier process of the same name
     * ({@link ClusterNodes#tookOverDeadProcess()}): what that process was sending goes back to the queue. A node with a
     * generated id has nothing under its name at start; it never takes back claims it cannot prove are its own.
     */
    int reclaimFromDeadPredecessor() {
        return jdbc.sql("update outbound_message set status = 'queued', claimed_by = null where status = 'sending' and claimed_by = ?")
                .param(node.id()).update();
    }

    /**
     * Issue 18: the claims of dead nodes go back to the queue. A claim is its node's as long as the node's heartbeat
     * lives ({@link ClusterNodes#ALIVE_NODES}), however long its messages wait (a throttle, a domain's cap, an SMPP
     * window); a node whose heartbeat is older than {@code fairsend.cluster.node-timeout}, or that stopped, has stopped
     * sending (it gave up its lease first, {@link ClusterNodes#leaseValid()}), so each of its messages is sent at most
     * once more, and its late outcomes are fenced off ({@link #record}).
     */
    int reclaimFromDeadNodes(Timestamp aliveSince) {
        return jdbc.sql("update outbound_message set status = 'queued', claimed_by = null where status = 'sending'"
                + " and (claimed_by is null or (claimed_by <> ? and claimed_by not in (" + ClusterNodes.ALIVE_NODES + ")))")
                .params(node.id(), aliveSince).update();
    }

    void refreshStatisticsAfter(UUID campaignId) {
        if (!database.isPostgres()) return;
        long n = jdbc.sql("select count(*) from outbound_message where campaign_id = ?").param(campaignId).query(Long.class).single();
        if (n > 10_000) jdbc.sql("analyze outbound_message").update();
    }

    record Totals(long sent, long blocked, long failed) {}

    Totals totals(UUID campaignId) {
        long[] t = new long[3];
        jdbc.sql("select status, count(*) from outbound_message where campaign_id = ? and status in ('sent', 'blocked', 'failed') group by status")
                .param(campaignId).query((rs, n) -> {
                    t[switch (QueueStatus.of(rs.getString(1))) { case SENT -> 0; case BLOCKED -> 1; default -> 2; }] = rs.getLong(2);
                    return null;
                }).list();
        return new Totals(t[0], t[1], t[2]);
    }

    /** Whether a campaign has messages still to send (queued, sending, held for its window, or waiting for a retry). */
    boolean pending(UUID campaignId) {
        return jdbc.sql("select count(*) from outbound_message where campaign_id = ? and status in ('queued', 'sending', 'held')")
                .param(campaignId).query(Long.class).single() > 0;
    }
}
