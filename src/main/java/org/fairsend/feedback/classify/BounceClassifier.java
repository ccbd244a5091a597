package org.fairsend.feedback.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Classifies one inbound message (a bounce, a feedback-loop complaint, an auto-reply or anything else) into one
 * {@link Classification} per recipient it reports on. Pure: no state, no I/O, safe to share.
 *
 * <p>Order: provider JSON notifications (Amazon SES), ARF feedback reports (RFC 5965), RFC 3464 delivery status
 * notifications, auto-replies (RFC 3834 and the common vacation headers and subjects), then the non-standard text
 * of common MTAs. A message that is none of these is {@link Kind#OTHER}.
 */
@Component
public class BounceClassifier {

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|not delivered|non[- ]?deliver"
            + "|delivery (?:status|failure|failed|has failed|report|problem|notification|error)|returned mail|returned to sender"
            + "|failure notice|mail delivery|could not be delivered|couldn't be delivered|mail system error|delivery failed"
            + "|rejected|bounce|nicht zustellbar|unzustellbar|non remis|non distribu|niedoręcz|nie dostarczon|no entregado"
            + "|mail failure|warning: could not send|message you sent|returned message|delayed mail|delivery delayed"
            + "|notificación|zustellung|erreur|fehler|error|failed|failure|unable to deliver");
    private static final Pattern BOUNCE_FROM = Pattern.compile("(?i)mailer-daemon|mailer_daemon|maildaemon|postmaster|post_master"
            + "|mail delivery (?:subsystem|system)|mail administrator|mail system|double-bounce|mdaemon|bounce");
    private static final Pattern BOUNCE_TEXT = Pattern.compile("(?i)could not be delivered|couldn't be delivered"
            + "|was not delivered|wasn't delivered|delivery (?:to the following recipients? )?(?:has )?failed|permanent error"
            + "|permanent fatal error|undeliverable|delivery status notification|following address(?:es)? failed"
            + "|unable to deliver|not able to deliver|delivery failure|message could not be sent|failed permanently"
            + "|returned to sender|could not deliver|delivery has failed|not be delivered|the following recipients?"
            + "|transcript of session|delivery problem|non-delivery|failed recipient|i'm afraid i wasn't able");
    private static final Pattern AUTO_SUBJECT = Pattern.compile("(?i)^\\s*(?:re:\\s*)?(?:auto(?:matic)?[ -_]?(?:reply|response|answer"
            + "|antwort|réponse)|auto:|autoreply|out of (?:the )?office|ooo\\b|away\\b|on vacation|vacation|absent|absence"
            + "|abwesenheit|réponse automatique|respuesta automática|risposta automatica|automatische antwort"
            + "|odpowiedź automatyczna|autoodpowiedź|i am away|i'm away|currently out|on leave|holiday)");

    /** Classifies raw message bytes; never throws for a malformed message, it becomes {@link Kind#OTHER}. */
    public List<Classification> classify(byte[] raw) {
        ParsedMail mail = ParsedMail.parse(raw);
        Context ctx = Context.of(mail);

        List<Classification> ses = SesNotifications.classify(mail.text(), ctx);
        if (!ses.isEmpty()) {
            return ses;
        }
        List<Classification> arf = FeedbackReports.classify(mail, ctx);
        if (!arf.isEmpty()) {
            return arf;
        }
        List<Classification> dsn = fromDsn(mail, ctx);
        if (!dsn.isEmpty()) {
            return dsn;
        }
        boolean bounceLike = looksLikeBounce(mail);
        if (!bounceLike && isAutoReply(mail)) {
            String from = Addresses.first(mail.headers.first("from"));
            return List.of(new Classification(Kind.AUTOREPLY, from, null, null, "vacation", null, null,
                    ctx.originalMessageId(), ctx.originalSender(), null, ctx.bounceTo(), "autoreply"));
        }
        if (bounceLike) {
            List<Classification> text = fromText(mail, ctx);
            if (!text.isEmpty()) {
                return text;
            }
        }
        return List.of(new Classification(Kind.OTHER, null, null, null, "not_a_bounce", null, null,
                ctx.originalMessageId(), ctx.originalSender(), null, ctx.bounceTo(), "none"));
    }

    /**
     * Classifies a failure reply (an SMTP reply at send time, a provider's webhook) with the same reason and
     * hard/soft rules as a bounce: the one place that decides what a failure means.
     *
     * @param recipient the address the reply is about
     * @param replyCode the reply code when known separately (null: read from the text)
     * @param text      the reply text, with its enhanced status code when the peer gave one
     */
    public Classification classifyReply(String recipient, Integer replyCode, String text) {
        String status = Reasons.firstStatus(text);
        Integer reply = replyCode != null ? replyCode : Reasons.firstReplyCode(text);
        String reason = Reasons.adjust(Reasons.reason(status, reply, text), status, text == null ? "" : text);
        Kind kind = Reasons.kind(reason, status, reply);
        return new Classification(kind, recipient, status, reply, reason, trimmed(text), null, null, null, recipient, null,
                "reply");
    }

    /** Classifies a provider's JSON notification (Amazon SES, directly or in its SNS envelope); empty when it is none. */
    public List<Classification> classifyNotification(String json) {
        return SesNotifications.classify(json, new Context(null, null, null, null, Set.of()));
    }

    private static boolean looksLikeBounce(ParsedMail mail) {
        String subject = nz(mail.headers.first("subject"));
        String from = nz(mail.headers.first("from"));
        if (mail.headers.first("x-failed-recipients") != null || mail.contentType.contains("report-type=delivery-status")) {
            return true;
        }
        if (BOUNCE_FROM.matcher(from).find() && !from.toLowerCase(Locale.ROOT).contains("bounce@") ) {
            return true;
        }
        if (BOUNCE_FROM.matcher(from).find() || BOUNCE_SUBJECT.matcher(subject).find()) {
            return true;
        }
        String report = TextBounces.reportPart(mail.text());
        return BOUNCE_TEXT.matcher(report).find() && !isAutoReply(mail);
    }

    private static boolean isAutoReply(ParsedMail mail) {
        String auto = nz(mail.headers.first("auto-submitted")).toLowerCase(Locale.ROOT);
        String prec = nz(mail.headers.first("precedence")).toLowerCase(Locale.ROOT);
        String subject = nz(mail.headers.first("subject"));
        return auto.startsWith("auto-replied") || mail.headers.first("x-autoreply") != null
                || mail.headers.first("x-autorespond") != null || mail.headers.first("x-autoresponder") != null
                || nz(mail.headers.first("x-auto-response-suppress")).isEmpty() && prec.equals("auto_reply")
                || AUTO_SUBJECT.matcher(subject).find()
                || mail.headers.first("x-vacation") != null;
    }

    private static List<Classification> fromDsn(ParsedMail mail, Context ctx) {
        List<DeliveryStatus.Recipient> recipients = new ArrayList<>();
        for (String body : mail.deliveryStatus) {
            recipients.addAll(DeliveryStatus.parse(body));
        }
        String text = mail.text();
        if (recipients.isEmpty() && Pattern.compile("(?im)^\\s*final-recipient\\s*:").matcher(text).find()
                && Pattern.compile("(?im)^\\s*(?:status|action)\\s*:").matcher(text).find()) {
            int at = indexOfIgnoreCase(text, "final-recipient");
            int start = Math.max(0, text.lastIndexOf("\n\n", at));
            recipients.addAll(DeliveryStatus.parse(text.substring(start)));
        }
        if (recipients.isEmpty()) {
            return List.of();
        }
        String report = TextBounces.reportPart(text);
        String[] lines = report.replace("\r", "").split("\n");
        Set<String> addresses = new HashSet<>();
        for (DeliveryStatus.Recipient r : recipients) {
            if (r.address() != null) {
                addresses.add(r.address());
            }
        }
        List<Classification> failed = new ArrayList<>();
        List<Classification> delivered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<String> fromText = null;
        for (DeliveryStatus.Recipient r : recipients) {
            String address = r.address();
            if (address == null) {
                // a file, a program or a source route: the report's text names the address (Exim: "generated by")
                if (fromText == null) {
                    fromText = new ArrayList<>();
                    java.util.regex.Matcher g = Pattern.compile("(?i)generated by\\s+<?(" + Addresses.ADDR + ")")
                            .matcher(report);
                    while (g.find()) {
                        fromText.add(Addresses.clean(g.group(1)));
                    }
                    for (TextBounces.Found f : TextBounces.find(report, ctx.parties())) {
                        fromText.add(f.recipient());
                    }
                    fromText.removeAll(addresses);
                }
                address = fromText.isEmpty() ? null : fromText.removeFirst();
            }
            if (address != null && !done.add(address)) {
                continue;
            }
            String action = r.action();
            String status = r.status();
            String diag = r.diagnostic();
            String diagStatus = Reasons.firstStatus(diag);
            if (diagStatus != null && (status == null || status.endsWith(".0.0") || status.matches("\\d\\.0\\.9\\d\\d"))
                    && !diagStatus.endsWith(".0.0")) {
                status = diagStatus;
            }
            if (status == null) {
                status = diagStatus;
            }
            Integer reply = Reasons.firstReplyCode(diag);
            boolean ok = action.startsWith("deliver") || action.startsWith("relay") || action.startsWith("expand")
                    || (action.isEmpty() && status != null && status.startsWith("2"));
            String original = Addresses.fromTyped(r.get("original-recipient"));
            if (ok) {
                delivered.add(new Classification(Kind.OTHER, address, status, reply, "delivered", diag, null,
                        ctx.originalMessageId(), ctx.originalSender(), original, ctx.bounceTo(), "dsn"));
                continue;
            }
            String chunk = address == null ? report : TextBounces.chunk(lines, address, addresses);
            if (chunk.isBlank() && addresses.size() <= 1) {
                chunk = report;
            }
            if (reply == null) {
                reply = Reasons.firstReplyCode(chunk);
            }
            if (status == null) {
                status = Reasons.firstStatus(chunk);
            }
            String reason = Reasons.fromText(diag);
            if (reason == null && diag == null) {
                reason = Reasons.fromText(chunk);
            }
            if (reason == null) {
                reason = Reasons.fromStatus(status);
            }
            if (reason == null) {
                reason = Reasons.fromText(chunk);
            }
            if (reason == null && action.startsWith("delay")) {
                reason = "expired";
            }
            if (reason == null) {
                reason = Reasons.fromReplyCode(reply);
            }
            if (reason == null) {
                reason = "undefined";
            }
            reason = Reasons.adjust(reason, status, (diag == null ? "" : diag + "\n") + chunk);
            Kind kind = action.startsWith("delay") ? Kind.SOFT : Reasons.kind(reason, status, reply);
            String diagnostic = diag != null ? diag : trimmed(chunk);
            failed.add(new Classification(kind, address, status, reply, reason, diagnostic, null,
                    ctx.originalMessageId(), ctx.originalSender(), original, ctx.bounceTo(), "dsn"));
        }
        if (!failed.isEmpty()) {
            return failed;
        }
        return delivered;
    }

    private static List<Classification> fromText(ParsedMail mail, Context ctx) {
        String text = mail.text();
        String report = TextBounces.reportPart(text);
        Set<String> exclude = ctx.parties();
        List<TextBounces.Found> found = new ArrayList<>();
        String failedHeader = mail.headers.first("x-failed-recipients");
        if (failedHeader != null) {
            String[] lines = report.replace("\r", "").split("\n");
            Set<String> all = new HashSet<>(Addresses.all(failedHeader));
            for (String a : Addresses.all(failedHeader)) {
                found.add(new TextBounces.Found(a, TextBounces.chunk(lines, a, all)));
            }
        }
        if (found.isEmpty()) {
            found = TextBounces.find(report, exclude);
        }
        if (found.isEmpty()) {
            String to = ctx.originalTo();
            found = List.of(new TextBounces.Found(to, ""));
        }
        String subject = nz(mail.headers.first("subject"));
        List<Classification> out = new ArrayList<>();
        for (TextBounces.Found f : found) {
            String chunk = f.chunk();
            boolean single = found.size() == 1;
            String status = Reasons.firstStatus(chunk);
            Integer reply = Reasons.firstReplyCode(chunk);
            if (single && status == null) {
                status = Reasons.firstStatus(report);
            }
            if (single && reply == null) {
                reply = Reasons.firstReplyCode(report);
            }
            String reason = Reasons.fromText(chunk);
            if (reason == null && single) {
                reason = Reasons.fromText(report);
            }
            if (reason == null) {
                reason = Reasons.fromStatus(status);
            }
            if (reason == null) {
                reason = Reasons.fromText(subject);
            }
            if (reason == null) {
                reason = Reasons.fromReplyCode(reply);
            }
            if (reason == null) {
                reason = "undefined";
            }
            reason = Reasons.adjust(reason, status, chunk.isBlank() ? report : chunk);
            Kind kind = Reasons.kind(reason, status, reply);
            String diag = trimmed(chunk.isBlank() && single ? report : chunk);
            out.add(new Classification(kind, f.recipient(), status, reply, reason, diag, null,
                    ctx.originalMessageId(), ctx.originalSender(), null, ctx.bounceTo(), "text"));
        }
        return out;
    }

    static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("\\s+", " ").trim();
        if (t.isEmpty()) {
            return null;
        }
        return t.length() > 1000 ? t.substring(0, 1000) : t;
    }

    private static int indexOfIgnoreCase(String s, String what) {
        return s.toLowerCase(Locale.ROOT).indexOf(what);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** What ties a bounce to its message: the original's Message-ID and envelope sender, and the bounce's addressee. */
    record Context(String originalMessageId, String originalSender, String originalTo, String bounceTo,
            Set<String> parties) {

        static Context of(ParsedMail mail) {
            ParsedMail.Headers orig = mail.original;
            if (orig == null || orig.isEmpty()) {
                String after = TextBounces.originalPart(mail.text());
                int run = TextBounces.headerRun(after, 2);
                orig = run >= 0 ? ParsedMail.Headers.parse(after.substring(run).replaceAll("(?m)^[>|] ?", ""))
                        : ParsedMail.Headers.empty();
            }
            String messageId = orig.first("message-id");
            if (messageId != null) {
                messageId = messageId.trim();
            }
            String sender = Addresses.first(orig.first("return-path"));
            if (sender == null) {
                sender = Addresses.first(orig.first("from"));
            }
            String originalTo = Addresses.first(orig.first("to"));
            String bounceTo = Addresses.first(mail.headers.first("to"));
            Set<String> parties = new HashSet<>();
            for (String h : List.of("to", "from", "return-path", "delivered-to", "x-original-to", "envelope-to", "sender",
                    "reply-to", "cc")) {
                for (String v : mail.headers.all(h)) {
                    parties.addAll(Addresses.all(v));
                }
            }
            for (String h : List.of("from", "return-path", "sender", "reply-to")) {
                for (String v : orig.all(h)) {
                    parties.addAll(Addresses.all(v));
                }
            }
            if (originalTo != null) {
                parties.remove(originalTo);
            }
            return new Context(messageId, sender, originalTo, bounceTo, parties);
        }
    }
}
