package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.delivery.SentMessage;
import org.fairsend.feedback.BounceKind;
import org.fairsend.feedback.BounceRecorded;
import org.fairsend.feedback.EngagementClass;
import org.fairsend.feedback.EngagementType;
import org.fairsend.feedback.UnsubscribeSource;
import org.fairsend.feedback.ComplaintRecorded;
import org.fairsend.feedback.EngagementRecorded;
import org.fairsend.feedback.SpamtrapHit;
import org.fairsend.feedback.UnjustifiedUseReported;
import org.fairsend.feedback.UnsubscribeRecorded;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place feedback is recorded and acted on. Each method, in one transaction: suppresses first
 * (through {@link Suppressions}, so the last-mile gate of every node learns it at once, R-16, R-10), then
 * writes the row, updates the contact and publishes the event (inside the transaction, so the event
 * publication registry keeps it for the reputation module).
 */
@Service
class FeedbackRecorder {

    private static final Logger log = LoggerFactory.getLogger(FeedbackRecorder.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Suppressions suppressions;
    private final ContactDirectory contacts;
    private final ConsentLedger ledger;
    private final FeedbackProperties props;

    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final org.fairsend.contacts.ContactHygiene hygiene;

    FeedbackRecorder(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, Suppressions suppressions,
            ContactDirectory contacts, ConsentLedger ledger, FeedbackProperties props, org.fairsend.platform.Pseudonyms pseudonyms,
            org.fairsend.contacts.ContactHygiene hygiene) {
        this.pseudonyms = pseudonyms;
        this.hygiene = hygiene;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.suppressions = suppressions;
        this.contacts = contacts;
        this.ledger = ledger;
        this.props = props;
    }

    /** A hard or soft bounce of a message (its recipient is the message's). */
    @Transactional
    public long bounce(SentMessage m, Classification c, String source, Long inboundId) {
        if (!c.isBounce()) throw new IllegalArgumentException("not a bounce: " + c.kind());
        Instant now = clock.instant();
        String recipient = m.recipient();
        String hash = pseudonyms.address(recipient);
        BounceKind kind = c.kind() == Kind.HARD ? BounceKind.HARD : BounceKind.SOFT;
        String reason = c.reason() == null ? "undefined" : c.reason();
        if (c.kind() == Kind.HARD) {
            suppressions.suppress(m.accountId(), m.channel(), recipient, SuppressionReason.HARD_BOUNCE, "bounce:" + source,
                    detail(c));
        }
        String reported = c.recipient() != null && !c.recipient().equalsIgnoreCase(recipient) ? cut(c.recipient(), 320) : null;
        long id = insert("""
                insert into bounce (message_id, account_id, campaign_id, channel, recipient, recipient_hash, reported_recipient,
                  kind, status_code, reply_code, reason, diagnostic, source, inbound_id, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                m.id(), m.accountId(), m.campaignId(), m.channel().code(), recipient, hash, reported, kind.code(), cut(c.status(), 16),
                c.replyCode(), cut(reason, 40), cut(c.diagnostic(), 2000), source, inboundId, Timestamp.from(now));
        if (c.kind() == Kind.HARD) {
            contacts.setStatus(m.accountId(), m.channel(), recipient, SubscriptionState.BOUNCED);
        } else {
            long recent = jdbc.sql("select count(*) from bounce where account_id = ? and recipient_hash = ? and kind = 'soft' and received_at >= ?")
                    .params(m.accountId(), hash, Timestamp.from(now.minus(props.softBounceWindow()))).query(Long.class).single();
            if (recent >= props.softBounceLimit()) {
                suppressions.suppress(m.accountId(), m.channel(), recipient, SuppressionReason.REPEATED_SOFT_BOUNCE,
                        "bounce:" + source, recent + " soft bounces within " + props.softBounceWindow().toDays() + " days; last: " + detail(c));
                contacts.setStatus(m.accountId(), m.channel(), recipient, SubscriptionState.BOUNCED);
            }
        }
        events.publishEvent(new BounceRecorded(id, m.id(), m.accountId(), m.campaignId(), m.channel(), hash, kind, reason,
                c.status(), source, now));
        log.info("bounce {} ({}) of message {} recorded from {}", kind.code(), reason, m.id(), source);
        return id;
    }

    /** A complaint row: its id, and whether this call wrote it (false: it was already recorded). */
    record Recorded(long id, boolean fresh) {}

    /**
     * A feedback-loop complaint about a message, for the message's own recipient: idempotent per message and
     * recipient (the unique index {@code complaint_once}). Only the first report suppresses, updates the contact and
     * publishes {@link ComplaintRecorded}; a repeat changes nothing.
     */
    @Transactional
    public Recorded complaint(SentMessage m, String feedbackType, String source, Long inboundId) {
        Instant now = clock.instant();
        String recipient = m.recipient();
        String hash = pseudonyms.address(recipient);
        Recorded r = insertComplaint(m, hash, "feedback-loop", cut(feedbackType, 40), cut(source, 40), null, inboundId, now);
        if (!r.fresh()) return r;
        suppressions.suppress(m.accountId(), m.channel(), recipient, SuppressionReason.COMPLAINT, "complaint:" + source,
                feedbackType == null ? null : "feedback type " + feedbackType);
        contacts.setStatus(m.accountId(), m.channel(), recipient, SubscriptionState.COMPLAINED);
        events.publishEvent(new ComplaintRecorded(r.id(), m.id(), m.accountId(), m.campaignId(), m.channel(), hash, feedbackType,
                source, now));
        log.info("complaint ({}) about message {} recorded from {}", feedbackType, m.id(), source);
        return r;
    }

    /**
     * The operator's record of a complaint of unjustified use against a campaign (the recipient never opted in); once
     * per message like any complaint.
     */
    @Transactional
    public Recorded unjustified(SentMessage m, String note, String reportedBy) {
        Instant now = clock.instant();
        String recipient = m.recipient();
        String hash = pseudonyms.address(recipient);
        Recorded r = insertComplaint(m, hash, "unjustified-use", "not-opted-in", cut(reportedBy, 40), cut(note, 2000), null, now);
        if (!r.fresh()) return r;
        suppressions.suppress(m.accountId(), m.channel(), recipient, SuppressionReason.COMPLAINT, "unjustified-use:" + reportedBy,
                cut(note, 2000));
        contacts.setStatus(m.accountId(), m.channel(), recipient, SubscriptionState.COMPLAINED);
        events.publishEvent(new UnjustifiedUseReported(r.id(), m.id(), m.accountId(), m.campaignId(), hash, note, reportedBy, now));
        return r;
    }

    /** Insert-if-absent on (message, recipient, kind): concurrent reports about one message make one row. */
    private Recorded insertComplaint(SentMessage m, String hash, String kind, String feedbackType, String source, String note,
            Long inboundId, Instant now) {
        int inserted = jdbc.sql("""
                insert into complaint (message_id, account_id, campaign_id, channel, recipient, recipient_hash, complaint_kind,
                  feedback_type, source, note, inbound_id, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(m.id(), m.accountId(), m.campaignId(), m.channel().code(), m.recipient(), hash, kind, feedbackType, source, note,
                        inboundId, Timestamp.from(now))
                .update();
        long id = jdbc.sql("select id from complaint where message_id = ? and recipient_hash = ? and complaint_kind = ?")
                .params(m.id(), hash, kind).query(Long.class).single();
        return new Recorded(id, inserted > 0);
    }

    /**
     * An unsubscribe: idempotent per message and channel; the suppression comes first so that no
     * message leaves for the address after this call.
     *
     * @return false when this message's recipient had already unsubscribed through it
     */
    @Transactional
    public boolean unsubscribe(SentMessage m, Channel channel, UnsubscribeSource source, String ip, String userAgent) {
        Instant now = clock.instant();
        String recipient = channel == m.channel() ? m.recipient() : null;
        if (recipient == null) return false; // another channel of the contact: the caller resolves its address
        return unsubscribeAddress(m, channel, recipient, source, ip, userAgent, now);
    }

    @Transactional
    public boolean unsubscribeAddress(SentMessage m, Channel channel, String recipient, UnsubscribeSource source, String ip, String userAgent,
            Instant now) {
        return unsubscribeFromAccount(m.accountId(), m.id(), m.campaignId(), channel, recipient, source, ip, userAgent, now);
    }

    /**
     * An unsubscribe from an account's messages on a channel, naming the message it answers when known (a STOP
     * reply, R-17); the suppression comes first, then the row, the consent withdrawal, the contact and the event.
     */
    @Transactional
    public boolean unsubscribeFromAccount(UUID accountId, Long messageId, UUID campaignId, Channel channel, String recipient,
            UnsubscribeSource source, String ip, String userAgent, Instant now) {
        suppressions.suppress(accountId, channel, recipient, SuppressionReason.UNSUBSCRIBED, source.code(),
                messageId == null ? source.code() : "message " + messageId);
        String hash = pseudonyms.address(recipient);
        boolean already = messageId != null && jdbc.sql("select count(*) from unsubscribe where message_id = ? and channel = ? and recipient_hash = ?")
                .params(messageId, channel.code(), hash).query(Long.class).single() > 0;
        if (already) return false;
        long id = insert("""
                insert into unsubscribe (message_id, account_id, campaign_id, channel, recipient, recipient_hash, source, ip,
                  user_agent, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                messageId, accountId, campaignId, channel.code(), recipient, hash, source.code(), cut(ip, 64), cut(userAgent, 500),
                Timestamp.from(now));
        ledger.withdraw(accountId, channel, recipient, "unsubscribe:" + source.code(), now);
        contacts.setStatus(accountId, channel, recipient, SubscriptionState.UNSUBSCRIBED);
        events.publishEvent(new UnsubscribeRecorded(id, messageId, accountId, campaignId, channel, hash, source, now));
        log.info("unsubscribe from {} on {} recorded ({})", messageId == null ? "account " + accountId : "message " + messageId,
                channel.code(), source.code());
        return true;
    }

    /**
     * An open or click with its verdict: a person's counts as the contact's engagement; a machine's (a privacy
     * proxy, a scanner: {@code signal} says which) is recorded and does not count; a machine's open makes the
     * contact's engagement unknown rather than inactive. {@code signal} is the rule that decided (null: nothing machine-like was seen).
     */
    @Transactional
    public long engagement(SentMessage m, EngagementType type, String target, String ip, String userAgent, EngagementClass cls,
            String signal) {
        Instant now = clock.instant();
        boolean counted = cls == EngagementClass.HUMAN;
        long id = insert("""
                insert into engagement (message_id, account_id, campaign_id, contact_id, recipient_hash, event_type, target, ip,
                  user_agent, counted, flag, classification, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                m.id(), m.accountId(), m.campaignId(), m.contactId(), pseudonyms.address(m.recipient()), type.code(), cut(target, 2000),
                cut(ip, 64), cut(userAgent, 500), counted, signal, cls.code(), Timestamp.from(now));
        if (m.contactId() != null) {
            // a machine's open (a prefetching proxy) hides whether the person opens: engagement unknown. A scanner's
            // click hides nothing (the person's own click still comes from their browser): recorded, no effect
            if (!counted && type == EngagementType.OPEN) hygiene.recordMachineOpen(m.accountId(), m.contactId(), now);
            else if (counted && type == EngagementType.OPEN) contacts.recordOpen(m.accountId(), m.contactId(), now);
            else if (counted) contacts.recordClick(m.accountId(), m.contactId(), now);
        }
        events.publishEvent(new EngagementRecorded(id, m.id(), m.accountId(), m.campaignId(), m.contactId(), type, counted, signal, now));
        return id;
    }

    /** A message reached a spamtrap: the hit counts against its campaign and the address is suppressed for the account. */
    @Transactional
    public long spamtrapHit(long messageId, UUID accountId, UUID campaignId, Channel channel, String addressHash) {
        Instant now = clock.instant();
        suppressions.suppressHashed(accountId, channel, addressHash, SuppressionReason.SPAMTRAP, "spamtrap");
        long id = insert("insert into spamtrap_hit (message_id, account_id, campaign_id, address_hash, hit_at) values (?, ?, ?, ?, ?)",
                messageId, accountId, campaignId, addressHash, Timestamp.from(now));
        events.publishEvent(new SpamtrapHit(id, messageId, accountId, campaignId, addressHash, now));
        log.warn("spamtrap hit: message {} of campaign {}", messageId, campaignId);
        return id;
    }

    private long insert(String sql, Object... params) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static String detail(Classification c) {
        StringBuilder s = new StringBuilder(c.reason() == null ? "undefined" : c.reason());
        if (c.status() != null) s.append(' ').append(c.status());
        if (c.diagnostic() != null) s.append(": ").append(c.diagnostic());
        return cut(s.toString(), 2000);
    }

    static String cut(String s, int max) {
        return org.fairsend.platform.Texts.storable(s, max);
    }
}
