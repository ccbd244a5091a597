package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fairsend.platform.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.fairsend.delivery.MessageDelivered;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS message-id mappings and delivery receipts, for the SMPP transport. Each submitted segment's SMSC id is
 * written (in groups, a few milliseconds after its submit_sm_resp) to {@code sms_message_ref}; each receipt is
 * written to {@code sms_receipt} before the SMSC gets its deliver_sm_resp (group commit: the receiving thread
 * waits for its group's insert), so neither is lost on a restart. Receipts are then applied to their message
 * (status, receipt time, a send-log row) once their mapping is known: a
 * receipt that overtook its mapping waits for it. (Applying them in the acknowledging transaction instead
 * was measured slower: the receiving threads are also those that process submit responses.) A failure overrides an earlier "delivered" of another
 * segment; "delivered" never overrides a failure. A message's first "delivered" is published as {@link MessageDelivered}
 * in the transaction that applies it (issue 20: the accounts' {@code delivered} webhooks).
 */
@Component
public class SmsReceipts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmsReceipts.class);

    private record Ref(String smsc, String smscId, long messageId, int segment, int segments, Instant at) {}

    private record Receipt(String smsc, String smscId, String state, String error, Instant doneAt, Instant at,
            CompletableFuture<Void> written) {}

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SendLog sendLog;
    private final Clock clock;
    private final LinkedBlockingQueue<Ref> refs = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Receipt> receipts = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Thread receiptWriter;
    private volatile boolean running = true;

    private final org.fairsend.platform.cluster.NodeIdentity node;
    private final ApplicationEventPublisher events;

    SmsReceipts(JdbcTemplate template, JdbcClient jdbc, TransactionTemplate tx, SendLog sendLog, Clock clock,
            org.fairsend.platform.cluster.NodeIdentity node, ApplicationEventPublisher events) {
        this.node = node;
        this.events = events;
        this.template = template;
        this.jdbc = jdbc;
        this.tx = tx;
        this.sendLog = sendLog;
        this.clock = clock;
        this.writer = Thread.ofVirtual().name("sms-refs-writer").start(this::writeRefsLoop);
        this.receiptWriter = Thread.ofVirtual().name("sms-receipts-writer").start(this::writeReceiptsLoop);
    }

    /** A segment was accepted by the SMSC under {@code smscId}. */
    public void mapped(String smsc, String smscId, long messageId, int segment, int segments) {
        refs.add(new Ref(smsc, smscId, messageId, segment, segments, clock.instant()));
    }

    /**
     * A delivery receipt arrived; returns once it is stored (acknowledge the SMSC after this).
     *
     * @param state the receipt's {@code stat} (DELIVRD, EXPIRED, UNDELIV, REJECTD, DELETED, ACCEPTD, ENROUTE, UNKNOWN)
     */
    public void received(String smsc, String smscId, String state, String error, Instant doneAt) {
        Receipt r = new Receipt(smsc, smscId, state, error, doneAt, clock.instant(), new CompletableFuture<>());
        receipts.add(r);
        try {
            r.written().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("receipt not stored: " + e, e);
        }
    }

    /** What a receipt's state means for the message; null for intermediate states. */
    static ReceiptStatus status(String state) {
        return switch (state == null ? "" : state.toUpperCase(java.util.Locale.ROOT)) {
            case "DELIVRD" -> ReceiptStatus.DELIVERED;
            case "EXPIRED" -> ReceiptStatus.EXPIRED;
            case "UNDELIV", "DELETED" -> ReceiptStatus.UNDELIVERABLE;
            case "REJECTD" -> ReceiptStatus.REJECTED;
            default -> null; // ACCEPTD, ENROUTE, UNKNOWN: not final
        };
    }

    /**
     * Receipts on their own writer (issue 17): the SMPP threads wait for them, so their group commit never waits
     * behind a group of mappings (which only {@link #apply()} needs).
     */
    private void writeReceiptsLoop() {
        while (running || !receipts.isEmpty()) {
            try {
                List<Receipt> rs = new ArrayList<>();
                Receipt first = receipts.poll(10, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                rs.add(first);
                receipts.drainTo(rs, 999);
                writeReceipts(rs);
            } catch (InterruptedException e) {
                if (!running) continue;
            } catch (RuntimeException e) {
                log.warn("writing SMS receipts: {}", e.toString());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ignored) {
                    // stopping
                }
            }
        }
    }

    private void writeRefsLoop() {
        while (running || !refs.isEmpty()) {
            try {
                List<Ref> fs = new ArrayList<>();
                Ref first = refs.poll(10, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                fs.add(first);
                refs.drainTo(fs, 1999);
                writeRefs(fs);
            } catch (InterruptedException e) {
                if (!running) continue;
            } catch (RuntimeException e) {
                log.warn("writing SMS mappings: {}", e.toString());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ignored) {
                    // stopping
                }
            }
        }
    }

    private void writeRefs(List<Ref> fs) {
        try {
            template.batchUpdate("insert into sms_message_ref (smsc, smsc_message_id, message_id, segment, segments, submitted_at)"
                    + " values (?, ?, ?, ?, ?, ?)", fs.stream().map(f -> new Object[] {f.smsc(), f.smscId(), f.messageId(), f.segment(),
                        f.segments(), Timestamp.from(f.at())}).toList());
        } catch (org.springframework.dao.DataAccessException e) {
            // one duplicate id (an SMSC reusing ids) must not lose the others
            for (Ref f : fs) {
                try {
                    jdbc.sql("delete from sms_message_ref where smsc = ? and smsc_message_id = ?").params(f.smsc(), f.smscId()).update();
                    jdbc.sql("insert into sms_message_ref (smsc, smsc_message_id, message_id, segment, segments, submitted_at)"
                            + " values (?, ?, ?, ?, ?, ?)").params(f.smsc(), f.smscId(), f.messageId(), f.segment(), f.segments(),
                                    Timestamp.from(f.at())).update();
                } catch (RuntimeException x) {
                    log.warn("SMS mapping {} -> {} not written: {}", f.smscId(), f.messageId(), x.toString());
                }
            }
        }
    }

    /**
     * One group of receipts, stored in one statement; the receiving threads wait for it (they share jSMPP's
     * processing pool with the submit responses, so the wait is kept to one insert; applying them to their
     * messages happens in {@link #apply()}).
     */
    private void writeReceipts(List<Receipt> rs) {
        try {
            template.batchUpdate("insert into sms_receipt (smsc, smsc_message_id, state, error, done_at, received_at) values (?, ?, ?, ?, ?, ?)",
                    rs.stream().map(r -> new Object[] {r.smsc(), r.smscId(), cut(r.state(), 16), cut(r.error(), 16),
                        r.doneAt() == null ? null : Timestamp.from(r.doneAt()), Timestamp.from(r.at())}).toList());
            rs.forEach(r -> r.written().complete(null));
        } catch (RuntimeException e) {
            rs.forEach(r -> r.written().completeExceptionally(e));
        }
    }

    /** Applies the stored receipts whose message is known. */
    @Scheduled(fixedDelayString = "${fairsend.sms.receipt-poll:200ms}")
    public void apply() {
        for (int round = 0; round < 20; round++) {
            if (applyOnce(1000) < 1000) return;
        }
    }

    record Pending(long receiptId, String state, String error, Instant doneAt, long messageId) {}

    int applyOnce(int limit) {
        Integer n = tx.execute(s -> {
            List<Pending> pending = jdbc.sql("""
                    select r.id, r.state, r.error, r.done_at, m.message_id from sms_receipt r
                    join sms_message_ref m on m.smsc = r.smsc and m.smsc_message_id = r.smsc_message_id
                    where r.applied_at is null order by r.id limit ? for update skip locked""")
                    .param(limit).query((rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getLong(5))).list();
            if (pending.isEmpty()) return 0;
            Instant now = clock.instant();
            applyTo(pending, now);
            template.batchUpdate("update sms_receipt set applied_at = ?, message_id = ? where id = ?",
                    pending.stream().map(p -> new Object[] {Timestamp.from(now), p.messageId(), p.receiptId()}).toList());
            return pending.size();
        });
        return n == null ? 0 : n;
    }

    /** Applies receipts to their messages in the caller's transaction. */
    private void applyTo(List<Pending> pending, Instant now) {
        record Msg(UUID accountId, UUID campaignId, String recipient, ReceiptStatus receipt) {}
        Map<Long, Msg> messages = new HashMap<>();
        List<Long> ids = pending.stream().map(Pending::messageId).distinct().toList();
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        jdbc.sql("select id, account_id, campaign_id, recipient, receipt_status from outbound_message where id in (" + in + ")")
                .params(ids.toArray()).query((rs, i) -> messages.put(rs.getLong(1), new Msg(rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5) == null ? null : ReceiptStatus.of(rs.getString(5))))).list();
        List<Object[]> updates = new ArrayList<>();
        List<SendLog.Entry> entries = new ArrayList<>();
        List<MessageDelivered> delivered = new ArrayList<>();
        for (Pending p : pending) {
            ReceiptStatus status = status(p.state());
            Msg m = messages.get(p.messageId());
            if (status == null || m == null) continue;
            ReceiptStatus current = m.receipt();
            // a failure overrides an earlier "delivered" of another segment; "delivered" never overrides a failure
            if (status == current || (current != null && current != ReceiptStatus.DELIVERED && status == ReceiptStatus.DELIVERED)) continue;
            Instant at = p.doneAt() == null ? now : p.doneAt();
            updates.add(new Object[] {status.code(), Timestamp.from(at), p.messageId()});
            messages.put(p.messageId(), new Msg(m.accountId(), m.campaignId(), m.recipient(), status));
            String detail = "receipt stat " + p.state() + (p.error() == null ? "" : " err " + p.error());
            entries.add(new SendLog.Entry(p.messageId(), m.accountId(), m.campaignId(), Channel.SMS.code(), m.recipient(), status.code(),
                    "receipt", detail, 0, now, node.id()));
            // the skip above leaves a "delivered" only on a message without a final receipt yet: once per message
            if (status == ReceiptStatus.DELIVERED) delivered.add(new MessageDelivered(p.messageId(), m.accountId(), m.campaignId(), Channel.SMS, at));
        }
        // rows locked in ascending id order, as the engine's batch commit locks them: a receipt applied while its
        // batch is being committed waits for it instead of deadlocking with it
        updates.sort(java.util.Comparator.comparingLong(u -> (Long) u[2]));
        if (!updates.isEmpty()) template.batchUpdate("update outbound_message set receipt_status = ?, receipt_at = ? where id = ?", updates);
        sendLog.append(entries);
        delivered.forEach(events::publishEvent);
    }

    private static String cut(String s, int n) {
        return org.fairsend.platform.Texts.storable(s, n);
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.interrupt();
        receiptWriter.interrupt();
        writer.join(5000);
        receiptWriter.join(5000);
    }
}
