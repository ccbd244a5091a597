package org.fairsend.feedback.internal;

import org.fairsend.feedback.SmsReplyRecorded;
import org.fairsend.feedback.SmsReplyTexts;
import org.fairsend.feedback.UnsubscribeSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.InboundSmsReceived;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.delivery.SmsTemplate;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mobile-originated SMS (over SMPP, or posted by an aggregator's signed webhook): each is kept ({@code sms_reply}, in
 * the evidence pack) and read for keywords. A STOP unsubscribes the number from SMS at once, for the accounts
 * that wrote to it only (docs/ARCHITECTURE.md, "Trust boundaries"): the account named by the webhook if it sent an SMS to the number,
 * else (the platform's shared short code) every account that sent an SMS to the number within {@link #STOP_REACH};
 * each is an unsubscribe like any other (suppression first, so the last-mile gate stops every later SMS; consent
 * withdrawn; {@code UnsubscribeRecorded} on channel SMS). A CONTACT reply is answered with the identity of the account
 * that last wrote, only to a number that account messaged, and at most once per number and account within
 * {@code fairsend.feedback.sms-replies.contact-interval}: a reply webhook cannot make an account text arbitrary numbers
 * (no SMS pumping, issue 13).
 */
@Service
class SmsReplies implements SmsReplyTexts {

    private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);
    /** How far back a STOP to the shared short code looks for the accounts it is meant for. */
    static final Duration STOP_REACH = Duration.ofDays(90);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;
    private final AccountDirectory accounts;
    private final Deliveries deliveries;
    private final SmsReplyProperties props;

    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final org.springframework.context.ApplicationEventPublisher events;

    SmsReplies(JdbcClient jdbc, Clock clock, SentMessages messages, FeedbackRecorder recorder, AccountDirectory accounts,
            Deliveries deliveries, SmsReplyProperties props, org.fairsend.platform.Pseudonyms pseudonyms,
            org.springframework.context.ApplicationEventPublisher events) {
        this.pseudonyms = pseudonyms;
        this.events = events;
        this.props = props;
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.recorder = recorder;
        this.accounts = accounts;
        this.deliveries = deliveries;
    }

    /** What was done with a reply. */
    record Outcome(long replyId, String keyword, String result, List<UUID> accounts) {}

    /** An MO message from an SMPP session: synchronous, so the SMSC is acknowledged only once it is recorded. */
    @EventListener
    @Transactional
    void on(InboundSmsReceived e) {
        handle(null, e.from(), e.to(), e.text(), "smpp:" + e.smsc());
    }

    /**
     * @param accountId the account the reply is for (a webhook's), or null to find it from the messages sent
     */
    @Transactional
    Outcome handle(UUID accountId, String from, String to, String text, String source) {
        Instant now = clock.instant();
        String number = Addresses.phoneOrEmpty(from, "FR").map(Addresses.Phone::e164).orElse(from);
        MoKeywords.Kind kind = MoKeywords.read(text);
        List<SentMessage> latest = new ArrayList<>();
        if (accountId != null) {
            // only if this account messaged the number: the webhook proves who posted, not who the number belongs to
            messages.latestTo(accountId, Channel.SMS, number).ifPresent(latest::add);
        } else if (number != null) {
            latest.addAll(messages.latestPerAccountTo(Channel.SMS, number, now.minus(STOP_REACH)));
        }
        String result;
        List<UUID> affected = new ArrayList<>();
        switch (kind) {
            case STOP -> {
                for (SentMessage m : latest) {
                    recorder.unsubscribeFromAccount(m.accountId(), m.id(), m.campaignId(), Channel.SMS, number, UnsubscribeSource.SMS_STOP, null, null, now);
                    affected.add(m.accountId());
                }
                result = affected.isEmpty() ? "stop-no-account" : "unsubscribed";
            }
            case CONTACT -> {
                if (latest.isEmpty()) {
                    result = "contact-no-account";
                } else if (answeredSince(latest.getFirst().accountId(), number, now.minus(props.contactInterval()))) {
                    affected.add(latest.getFirst().accountId());
                    result = "contact-already-answered";
                } else {
                    Account a = accounts.get(latest.getFirst().accountId());
                    deliveries.sendTransactional(a.id(), new SmsTemplate(identity(a), null, false), number, Map.of(), "other");
                    affected.add(a.id());
                    result = "contact-answered";
                }
            }
            default -> result = "kept";
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        UUID owner = accountId != null ? accountId : affected.isEmpty() ? (latest.isEmpty() ? null : latest.getFirst().accountId())
                : affected.getFirst();
        jdbc.sql("""
                insert into sms_reply (account_id, from_number, from_hash, to_number, text, keyword, result, accounts, source, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(owner, number, number == null ? "" : pseudonyms.address(number), to, cut(text, 2000), kind.name().toLowerCase(java.util.Locale.ROOT),
                        result, affected.stream().map(UUID::toString).reduce((x, y) -> x + "," + y).orElse(null), cut(source, 100),
                        Timestamp.from(now))
                .update(keys, "id");
        long replyId = keys.getKey().longValue();
        // issue 20: the reply, tied to its accounts, for their webhooks (in this transaction: never lost). The accounts
        // a STOP unsubscribed, else the owner; the message replied to is that account's latest SMS to the number
        List<UUID> tied = !affected.isEmpty() ? affected : owner == null ? List.of() : List.of(owner);
        String keyword = kind.name().toLowerCase(java.util.Locale.ROOT);
        for (UUID account : tied) {
            SentMessage replied = latest.stream().filter(m -> m.accountId().equals(account)).findFirst().orElse(null);
            events.publishEvent(new SmsReplyRecorded(replyId, account, replied == null ? null : replied.id(),
                    replied == null ? null : replied.campaignId(), keyword, now));
        }
        log.info("SMS reply from {} via {}: {} ({})", number == null ? "?" : pseudonyms.address(number).substring(0, 12), source, kind, result);
        return new Outcome(replyId, kind.name().toLowerCase(java.util.Locale.ROOT), result, affected);
    }

    /**
     * The reply's text for an account it was tied to: its owner, or one of the accounts its STOP reached; empty once
     * erased (X-5 sets it to null).
     */
    @Override
    public java.util.Optional<String> text(UUID accountId, long replyId) {
        return jdbc.sql("select account_id, accounts, text from sms_reply where id = ?").param(replyId).query((rs, i) -> {
            UUID owner = rs.getObject(1, UUID.class);
            String reached = rs.getString(2);
            boolean tied = accountId.equals(owner)
                    || (reached != null && java.util.Arrays.asList(reached.split(",")).contains(accountId.toString()));
            return tied ? rs.getString(3) : null;
        }).optional().filter(t -> t != null);
    }

    /** Whether the account already answered a CONTACT from this number since {@code since}. */
    private boolean answeredSince(UUID accountId, String number, Instant since) {
        return jdbc.sql("""
                select count(*) from sms_reply where account_id = ? and from_hash = ? and result = 'contact-answered' and received_at >= ?""")
                .params(accountId, pseudonyms.address(number), Timestamp.from(since)).query(Long.class).single() > 0;
    }

    /** who sends, and how to object. */
    static String identity(Account a) {
        StringBuilder s = new StringBuilder("Ces SMS vous sont envoyes par ").append(a.legalName());
        if (a.tradeName() != null && !a.tradeName().isBlank() && !a.tradeName().equals(a.legalName())) s.append(" (").append(a.tradeName()).append(")");
        if (a.contactEmail() != null && !a.contactEmail().isBlank()) s.append(", ").append(a.contactEmail());
        if (a.mainPhone() != null && !a.mainPhone().isBlank()) s.append(", ").append(a.mainPhone());
        return s.append(". Repondez STOP pour ne plus en recevoir.").toString();
    }

    private static String cut(String s, int n) {
        return org.fairsend.platform.Texts.storable(s, n);
    }
}
