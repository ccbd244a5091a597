package org.fairsend.feedback.classify;

import java.nio.charset.StandardCharsets;
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
        return classify(raw, 0);
    }

    private List<Classification> classify(byte[] raw, int depth) {
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
        if (isChallenge(mail)) {
            return List.of(new Classification(Kind.OTHER, null, null, null, "challenge_response", null, null,
                    ctx.originalMessageId(), ctx.originalSender(), null, ctx.bounceTo(), "challenge"));
        }
        List<Classification> dsn = fromDsn(mail, ctx);
        if (!dsn.isEmpty()) {
            return dsn;
        }
        List<Classification> list = fromListRefusal(mail, ctx);
        if (!list.isEmpty()) {
            return list;
        }
        List<Classification> top = fromTopLevel(mail, ctx);
        if (depth < 2 && vague(top)) {
            byte[] inner = enclosedBounce(mail);
            if (inner != null) {
                List<Classification> nested = classify(inner, depth + 1);
                if (nested.stream().anyMatch(c -> c.isBounce() && c.recipient() != null)) {
                    return nested;
                }
            }
        }
        return top;
    }

    private static List<Classification> fromTopLevel(ParsedMail mail, Context ctx) {
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
        if (recipients.size() > ParseLimits.MAX_RECIPIENTS) {
            recipients = new ArrayList<>(recipients.subList(0, ParseLimits.MAX_RECIPIENTS));
        }
        String report = TextBounces.reportPart(text);
        TextBounces.Lines indexed = new TextBounces.Lines(report.replace("\r", "").split("\n"));
        String[] lines = indexed.lines;
        Set<String> addresses = new HashSet<>();
        for (DeliveryStatus.Recipient r : recipients) {
            if (r.address() != null) {
                addresses.add(r.address());
            }
        }
        List<Classification> failed = new ArrayList<>();
        List<Classification> delivered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Memo disabled = new Memo(() -> statesAccountDisabled(lines, addresses));
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
            String chunk = address == null ? report : indexed.chunk(address, addresses);
            if (chunk.isBlank() && addresses.size() <= 1) {
                chunk = report;
            }
            if (reply == null) {
                reply = Reasons.firstReplyCode(chunk);
            }
            if (status == null || (diag == null && status.matches("\\d\\.0\\.0"))) {
                // no code, or only the report's generic one: the notification's own line for this recipient may be precise
                String fromChunk = Reasons.firstStatus(chunk);
                if (fromChunk != null && (status == null || !fromChunk.endsWith(".0.0"))) {
                    status = fromChunk;
                }
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
            reason = Reasons.corroborate(reason, status, (diag == null ? "" : diag + "\n") + chunk);
            reason = statement(reason, status, disabled);
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
        String[] reportLines = report.replace("\r", "").split("\n");
        if (failedHeader != null) {
            TextBounces.Lines indexed = new TextBounces.Lines(reportLines);
            List<String> failedRecipients = Addresses.all(failedHeader);
            Set<String> all = new HashSet<>(failedRecipients);
            for (String a : failedRecipients.subList(0, Math.min(failedRecipients.size(), ParseLimits.MAX_RECIPIENTS))) {
                found.add(new TextBounces.Found(a, indexed.chunk(a, all)));
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
        Set<String> recipients = found.stream().map(TextBounces.Found::recipient).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        Memo disabled = new Memo(() -> statesAccountDisabled(reportLines, recipients));
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
            String evidence = chunk.isBlank() || single ? chunk + "\n" + report : chunk;
            reason = Reasons.adjust(reason, status, evidence);
            reason = Reasons.corroborate(reason, status, evidence);
            reason = statement(reason, status, disabled);
            Kind kind = Reasons.kind(reason, status, reply);
            String diag = trimmed(chunk.isBlank() && single ? report : chunk);
            out.add(new Classification(kind, f.recipient(), status, reply, reason, diag, null,
                    ctx.originalMessageId(), ctx.originalSender(), null, ctx.bounceTo(), "text"));
        }
        return out;
    }

    /** A sentence of the notification, outside every recipient's own lines, that says the account is disabled. */
    private static final Pattern ACCOUNT_DISABLED = Pattern.compile("(?i)\\baccount (?:is|has been) (?:disabled|suspended"
            + "|deactivated|locked|temporarily limited)");

    /**
     * A generic "user unknown" (no x.1.x code) yields to what the notification itself states about the account in a
     * line that names no recipient (EZweb: "The user(s) account is disabled." above the SMTP reply): suspended.
     */
    private static String statement(String reason, String status, Memo accountDisabled) {
        if (!reason.equals("user_unknown") || (status != null && status.matches("\\d\\.1\\.\\d+"))) {
            return reason;
        }
        return accountDisabled.get() ? "suspended" : reason;
    }

    /** Whether a line that names no recipient and no address says the account is disabled. */
    private static boolean statesAccountDisabled(String[] lines, Set<String> recipients) {
        for (String line : lines) {
            if (ACCOUNT_DISABLED.matcher(line).find() && Addresses.first(line) == null) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (recipients.stream().noneMatch(lower::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A fact about the whole report, worked out once for all its recipients, and only when asked. */
    private static final class Memo {
        private final java.util.function.BooleanSupplier supplier;
        private Boolean value;

        Memo(java.util.function.BooleanSupplier supplier) {
            this.supplier = supplier;
        }

        boolean get() {
            if (value == null) {
                value = supplier.getAsBoolean();
            }
            return value;
        }
    }

    /**
     * Challenge-response systems (Boxbe, Spam Arrest and the like) hold the message until the sender proves to be a
     * person; they dress the request as a bounce, often with a DSN, but nothing failed: not a bounce.
     */
    private static final Pattern CHALLENGE = Pattern.compile("(?i)sender not pre-?approved|has been waitlisted|guest list"
            + "|x-boxbe-notice|challenge[- ]response|spam ?arrest|verify (?:that )?you are (?:a )?(?:human|real person)"
            + "|(?:click|follow|use) the link below to (?:verify|confirm|be added|complete (?:the )?delivery)"
            + "|awaiting (?:your )?(?:verification|confirmation)|is protected by .{0,40}(?:challenge|verification)");

    private static boolean isChallenge(ParsedMail mail) {
        String text = TextBounces.reportPart(mail.text()) + "\n" + String.join("\n", mail.deliveryStatus);
        return CHALLENGE.matcher(text).find() || mail.headers.first("x-boxbe-notice") != null;
    }

    /**
     * A mailing list refusing a post from a non-member (fml, Mailman, ezmlm, Sympa, Google Groups): the list did not
     * deliver, so it is a soft failure ("rejected") for the list's address, named in the text or its List- headers.
     */
    private static final Pattern LIST_REFUSAL = Pattern.compile("(?i)not (?:a )?member|non-?member|not (?:a )?subscriber"
            + "|not subscribed|(?:not (?:allowed|permitted|authori[sz]ed) to post)|only (?:list )?members (?:may|can) post"
            + "|members[- ]only (?:list|mailing list)|posting (?:is )?restricted to (?:list )?members");
    private static final Pattern LIST_ADDRESS = Pattern.compile("(?i)(?:mailing )?list\\s*[\"'(<]*(" + Addresses.ADDR + ")");

    private static List<Classification> fromListRefusal(ParsedMail mail, Context ctx) {
        boolean fromList = mail.headers.first("list-id") != null || mail.headers.first("list-post") != null
                || mail.headers.first("mailing-list") != null || mail.headers.first("x-mlserver") != null
                || mail.headers.first("x-ml-name") != null || mail.headers.first("x-mailman-version") != null
                || Pattern.compile("(?i)-(?:admin|owner|request|bounces)@").matcher(nz(mail.headers.first("from"))).find();
        if (!fromList) {
            return List.of();
        }
        String report = TextBounces.reportPart(mail.text());
        String subject = nz(mail.headers.first("subject"));
        if (!LIST_REFUSAL.matcher(subject).find() && !LIST_REFUSAL.matcher(report).find()) {
            return List.of();
        }
        java.util.regex.Matcher m = LIST_ADDRESS.matcher(report);
        String list = m.find() ? Addresses.clean(m.group(1)) : Addresses.first(mail.headers.first("list-post"));
        if (list == null) {
            list = Addresses.first(mail.headers.first("from"));
        }
        return List.of(new Classification(Kind.SOFT, list, null, null, "rejected", trimmed(report), null,
                ctx.originalMessageId(), ctx.originalSender(), null, ctx.bounceTo(), "list"));
    }

    /** A forwarded message in the text ("Begin forwarded message:", "---------- Forwarded message"), unquoted. */
    private static final Pattern FORWARD = Pattern.compile("(?im)^[ \\t]*(?:begin forwarded message:|-{2,} ?forwarded message ?-{2,}"
            + "|-{2,} ?original message ?-{2,})[ \\t]*$");

    /**
     * The message this one encloses when it is itself a bounce: an attached message/rfc822 that is a report, or a
     * forwarded bounce quoted in the text (a user or a gateway passing a bounce on). Null when there is none.
     */
    private static byte[] enclosedBounce(ParsedMail mail) {
        List<String> candidates = new ArrayList<>();
        if (mail.originalRaw != null) {
            candidates.add(mail.originalRaw);
        }
        String text = mail.text();
        java.util.regex.Matcher f = FORWARD.matcher(text);
        if (f.find()) {
            String rest = text.substring(f.end()).replaceFirst("^\\s+", "");
            candidates.add(rest.replaceAll("(?m)^> ?", ""));
        }
        for (String c : candidates) {
            ParsedMail inner = ParsedMail.parse(c.getBytes(StandardCharsets.UTF_8));
            if (!inner.deliveryStatus.isEmpty() || looksLikeBounce(inner)) {
                return c.getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Results that name no code and no reason of their own: an enclosed bounce may say more. */
    private static boolean vague(List<Classification> results) {
        return results.stream().allMatch(c -> !c.isBounce() || (c.status() == null && c.replyCode() == null)
                || c.reason().equals("undefined"));
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
