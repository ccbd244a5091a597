package org.fairsend.calltracking.internal;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.fairsend.feedback.InboundMailHandler;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contacts a medium brings besides calls (R-22): form submissions to the medium's public form endpoint,
 * and emails to its inbound address ({@code ct-<token>@<email domain>}, taken by the inbound SMTP listener
 * through {@link InboundMailHandler}). Each is counted for its medium and forwarded to the account.
 */
@Component
class ContactIntake implements InboundMailHandler {

    private static final Logger log = LoggerFactory.getLogger(ContactIntake.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TrackingSetup setup;
    private final AccountMail mail;
    private final CalltrackingProperties props;
    private final TransactionTemplate tx;
    private final Reports reports;

    ContactIntake(JdbcClient jdbc, Clock clock, TrackingSetup setup, AccountMail mail, CalltrackingProperties props,
            TransactionTemplate tx, Reports reports) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.clock = clock;
        this.setup = setup;
        this.mail = mail;
        this.props = props;
        this.tx = tx;
    }

    // ---- forms

    /** Records a form contact for the medium the token names and forwards it to the account. */
    UUID form(String token, Map<String, String> fields, String remote) {
        TrackingSetup.MediumRef m = setup.byToken(token).orElseThrow(() -> new NotFound("form"));
        Map<String, String> kept = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String k = f.getKey() == null ? "" : f.getKey().strip();
            String v = f.getValue() == null ? "" : f.getValue().strip();
            if (k.isEmpty() || v.isEmpty()) continue;
            if (k.length() > 100) throw new RuleViolation(k.substring(0, 100), "length", "a field name has at most 100 characters");
            if (v.length() > 5000) throw new RuleViolation(k, "length", "a field has at most 5000 characters");
            total += k.length() + v.length();
            kept.put(k, v);
        }
        if (kept.isEmpty()) throw new RuleViolation("fields", "required", "the form is empty");
        if (kept.size() > 30 || total > 20_000) throw new RuleViolation("fields", "size", "at most 30 fields and 20000 characters");
        UUID id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("insert into ct_form_contact (id, account_id, medium_id, received_at, fields, remote) values (?, ?, ?, ?, ?, ?)")
                .params(id, m.accountId(), m.id(), Timestamp.from(now), JSON.writeValueAsString(kept), remote).update();
        StringBuilder text = new StringBuilder("A contact came through the form of your medium \"" + m.name() + "\" on "
                + reports.minute(now) + ":\n\n");
        kept.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append("\n--\nCounted by Fairsend call tracking (R-22).\n");
        String replyTo = kept.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("mail"))
                .map(Map.Entry::getValue).filter(v -> v.contains("@")).findFirst().orElse(null);
        try {
            mail.send(setup.recipient(m.accountId()), "[" + m.name() + "] new form contact", text.toString(), null, replyTo);
            jdbc.sql("update ct_form_contact set forwarded_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        } catch (RuntimeException e) {
            // counted and kept; the account sees it in the API even if the relay is down
            log.warn("form contact {} of medium {} could not be forwarded: {}", id, m.id(), e.getMessage());
        }
        return id;
    }

    // ---- inbound email

    @Override
    public boolean accepts(String recipient) {
        return token(recipient).flatMap(setup::byToken).isPresent();
    }

    @Override
    public void receive(String mailFrom, String recipient, String remoteAddress, byte[] raw) {
        TrackingSetup.MediumRef m = token(recipient).flatMap(setup::byToken).orElseThrow(() -> new NotFound("medium"));
        String subject = null;
        String from = mailFrom;
        try {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            subject = parsed.getSubject();
            if (parsed.getFrom() != null && parsed.getFrom().length > 0) from = ((InternetAddress) parsed.getFrom()[0]).getAddress();
        } catch (Exception e) {
            // counted all the same: the forwarded copy is the original bytes
        }
        String s = subject == null ? "(no subject)" : subject.length() > 500 ? subject.substring(0, 500) : subject;
        String sender = from == null ? null : from.length() > 320 ? from.substring(0, 320) : from;
        UUID id = Ids.newId();
        String subjectLine = s;
        // counted and forwarded together: when the relay refuses, nothing is counted and the listener answers 451,
        // so the sender retries later
        tx.executeWithoutResult(t -> {
            jdbc.sql("""
                    insert into ct_email_contact (id, account_id, medium_id, received_at, mail_from, subject, size_bytes, forwarded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, m.accountId(), m.id(), Timestamp.from(clock.instant()), sender, subjectLine, raw.length,
                            Timestamp.from(clock.instant())).update();
            mail.send(setup.recipient(m.accountId()), "[" + m.name() + "] " + subjectLine,
                    "This email was sent to " + recipient + ", the address of your medium \"" + m.name()
                            + "\". The original message is attached.\n\n--\nCounted by Fairsend call tracking (R-22).\n",
                    null, sender, new AccountMail.Attachment("original.eml", "message/rfc822", raw));
        });
    }

    private Optional<String> token(String recipient) {
        if (recipient == null) return Optional.empty();
        String a = recipient.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1);
        int at = a.lastIndexOf('@');
        if (at < 0 || !a.substring(at + 1).equals(props.emailDomain())) return Optional.empty();
        String local = a.substring(0, at);
        return local.startsWith("ct-") ? Optional.of(local.substring(3)) : Optional.empty();
    }
}
