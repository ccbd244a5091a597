package org.fairsend.feedback.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARF feedback reports (RFC 5965), also when a provider puts the report fields in a plain text part. */
final class FeedbackReports {

    private static final Pattern FEEDBACK_TYPE = Pattern.compile("(?im)^\\s*feedback-type\\s*:\\s*([a-z0-9_-]+)");

    private FeedbackReports() {}

    private static final Pattern COMPLAINT_SUBJECT = Pattern.compile(
            "(?i)complaint about message|abuse report|spam report|feedback[- ]loop|fbl report|email feedback report");

    /**
     * Complaints that are not ARF: a provider forwarding the reported message (Hotmail/Outlook JMRP marks it with
     * X-HmXmrOriginalRecipient), and the mailto: List-Unsubscribe message (subject "unsubscribe", as Apple Mail
     * sends it), which is an opt-out.
     */
    private static List<Classification> providerComplaint(ParsedMail mail, BounceClassifier.Context ctx) {
        String subject = BounceClassifier.nz(mail.headers.first("subject")).strip();
        ParsedMail.Headers orig = mail.original;
        String hotmail = orig == null ? null : orig.first("x-hmxmroriginalrecipient");
        if (hotmail != null || (orig != null && COMPLAINT_SUBJECT.matcher(subject).find())) {
            String r = Addresses.first(hotmail != null ? hotmail : orig.first("to"));
            return List.of(new Classification(Kind.COMPLAINT, r, null, null, "feedback", null, "abuse",
                    ctx.originalMessageId(), ctx.originalSender(), r, ctx.bounceTo(), "provider-complaint"));
        }
        if (subject.equalsIgnoreCase("unsubscribe") && mail.original == null) {
            String r = Addresses.first(mail.headers.first("from"));
            return List.of(new Classification(Kind.COMPLAINT, r, null, null, "feedback", null, "opt-out",
                    null, null, r, ctx.bounceTo(), "mailto-unsubscribe"));
        }
        return List.of();
    }

    static List<Classification> classify(ParsedMail mail, BounceClassifier.Context ctx) {
        String report = String.join("\n", mail.feedbackReports);
        boolean arf = !mail.feedbackReports.isEmpty() || mail.contentType.contains("feedback-report");
        if (!arf) {
            Matcher m = FEEDBACK_TYPE.matcher(mail.text());
            if (m.find() && Pattern.compile("(?im)^\\s*(user-agent|version|original-mail-from|arrival-date|source-ip)\\s*:")
                    .matcher(mail.text()).find()) {
                arf = true;
                report = mail.text();
            }
        }
        if (!arf) {
            return providerComplaint(mail, ctx);
        }
        if (report.isBlank()) {
            report = mail.text();
        }
        ParsedMail.Headers fields = ParsedMail.Headers.parse(report.replaceAll("(?m)^\\s+(?=[A-Za-z-]+:)", ""));
        String type = fields.first("feedback-type");
        if (type == null) {
            Matcher m = FEEDBACK_TYPE.matcher(report);
            type = m.find() ? m.group(1) : "abuse";
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        Set<String> recipients = new LinkedHashSet<>();
        for (String h : List.of("original-rcpt-to", "removal-recipient")) {
            for (String v : fields.all(h)) {
                String a = Addresses.first(v);
                if (a != null && recipients.size() < ParseLimits.MAX_RECIPIENTS) {
                    recipients.add(a);
                }
            }
        }
        if (recipients.isEmpty() && ctx.originalTo() != null && !ctx.parties().contains(ctx.originalTo())) {
            recipients.add(ctx.originalTo());
        }
        String sender = Addresses.first(fields.first("original-mail-from"));
        if (sender == null) {
            sender = ctx.originalSender();
        }
        String originalRecipient = recipients.isEmpty() ? null : recipients.iterator().next();
        List<Classification> out = new ArrayList<>();
        if (recipients.isEmpty()) {
            recipients.add(null);
        }
        for (String r : recipients) {
            out.add(new Classification(Kind.COMPLAINT, r, null, null, "feedback", null, type, ctx.originalMessageId(),
                    sender, r == null ? originalRecipient : r, ctx.bounceTo(), "arf"));
        }
        return out;
    }
}
