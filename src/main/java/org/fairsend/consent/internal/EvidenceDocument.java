package org.fairsend.consent.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.EvidenceReports.Row;
import tools.jackson.databind.JsonNode;

/**
 * The evidence pack (R-5) as a document a regulator or the person can be handed: every field under a label in words,
 * codes said in words, dates in the reader's time zone (the policy's) and date format (French or English), the chain
 * check in a sentence, and the contributed sections' items as label/value rows (a nested map becomes rows whose label
 * names its parent; a list of maps, one line per element): no raw JSON anywhere.
 */
final class EvidenceDocument {

    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Field names of the contributed sections (and of the pack's own items) in words. */
    private static final Map<String, String> LABELS = new HashMap<>();
    private static final Map<String, String> SECTIONS = Map.of("contact", "The contact", "messages", "Messages sent",
            "unsubscribes", "Unsubscribes", "bounces", "Bounces (undelivered messages)", "complaints", "Complaints",
            "engagement", "Opens and clicks", "smsReplies", "Text message replies", "suppressions", "Suppressions (addresses never contacted)",
            "calls", "Calls to tracked numbers", "callTrackingContacts", "Forms and emails through tracked media");

    static {
        String[][] l = {
            {"messageId", "Message number"}, {"campaignId", "Campaign reference"}, {"campaign", "Campaign"}, {"kind", "Kind"},
            {"sender", "Sender"}, {"subject", "Subject"}, {"renderedSubject", "Subject"}, {"subjectAsSent", "Subject"}, {"channel", "Channel"},
            {"outcome", "Outcome"}, {"reason", "Reason"}, {"detail", "Details"}, {"attempt", "Attempt"}, {"at", "Date"},
            {"receivedAt", "Received on"}, {"occurredAt", "Occurred on"}, {"createdAt", "Created on"}, {"updatedAt", "Updated on"},
            {"recipient", "Recipient"}, {"reportedRecipient", "Recipient as reported"}, {"statusCode", "Status code"},
            {"replyCode", "Reply code"}, {"diagnostic", "Diagnostic"}, {"source", "Source"}, {"complaintKind", "Kind of complaint"},
            {"feedbackType", "Feedback type"}, {"note", "Note"}, {"ip", "IP address"}, {"userAgent", "Browser (user agent)"},
            {"eventType", "Event"}, {"target", "Link"}, {"counted", "Counted"}, {"flag", "Flag"}, {"fromNumber", "From"},
            {"toNumber", "To"}, {"text", "Text"}, {"keyword", "Keyword"}, {"result", "Result"}, {"email", "Email address"},
            {"phone", "Phone number"}, {"firstName", "First name"}, {"lastName", "Last name"}, {"name", "Name"},
            {"contact", "Contact"}, {"lists", "Lists"}, {"listId", "List reference"}, {"listName", "List"}, {"status", "Status"},
            {"address", "Address or number"}, {"addressHash", "Address fingerprint"}, {"id", "Reference"},
            {"suppressedAt", "Suppressed on"}, {"liftedAt", "Lifted on"}, {"expiresAt", "Expires on"}, {"error", "Error"},
            {"city", "City"}, {"country", "Country"}, {"company", "Company"}, {"customFields", "Other fields"},
            {"accountId", "Account reference"}, {"joinedAt", "Joined on"}, {"content", "Content"},
            {"contentNote", "About this content"},
        };
        for (String[] e : l) LABELS.put(e[0], e[1]);
    }

    private final ZoneId zone;
    private final Locale locale;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    EvidenceDocument(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.locale = Locale.FRENCH.getLanguage().equals(locale.getLanguage()) ? Locale.FRANCE : Locale.UK;
        this.dateTime = DateTimeFormatter.ofPattern(this.locale == Locale.FRANCE ? "d MMMM yyyy 'à' HH:mm zzz" : "d MMMM yyyy, HH:mm zzz",
                this.locale).withZone(zone);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(this.locale);
    }

    String at(Instant i) {
        return i == null ? null : dateTime.format(i);
    }

    String zoneText() {
        return zone.getId() + " (" + DateTimeFormatter.ofPattern("zzzz", locale).withZone(zone).format(Instant.now()) + ")";
    }

    /** The chain check in a sentence (R-4). */
    String chain(ChainReport c) {
        if (c == null) return null;
        StringBuilder s = new StringBuilder();
        if (c.intact()) {
            s.append("The record chain is intact: ").append(c.recordsChecked()).append(c.recordsChecked() == 1 ? " record" : " records")
                    .append(" checked");
            if (c.anchor() != null) s.append(", anchored on ").append(at(c.anchor().writtenAt())).append(" (record ").append(c.anchor().seq()).append(")");
            else s.append(", not yet anchored outside the database");
            s.append('.');
        } else {
            s.append("The record chain is BROKEN").append(c.firstBrokenSeq() == null ? "" : " at record " + c.firstBrokenSeq())
                    .append(": ").append(c.problem()).append(" (").append(c.recordsChecked()).append(" records checked).");
        }
        ChainReport.Upgrade u = c.upgrade();
        if (u != null) {
            s.append(" The records were sealed with the ledger's key on ").append(at(u.at())).append("; the chain before was ")
                    .append(u.oldChainIntact() ? "intact." : "already broken at record " + u.oldBrokenSeq() + ": " + u.oldProblem() + ".");
        }
        return s.toString();
    }

    List<Row> state(ConsentState st) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Channel", st.channel().label()));
        rows.add(new Row("Consent in force", switch (st.status()) {
            case GRANTED -> "Yes";
            case UNCONFIRMED -> "No: the subscription awaits its confirmation (double opt-in)";
            case WITHDRAWN -> "No: withdrawn";
            case NONE -> "No: never given";
        }));
        if (st.basis() != null && st.status() != ConsentState.Status.NONE) rows.add(new Row("Legal basis", basis(st.basis())));
        if (st.since() != null) rows.add(new Row("Since", at(st.since())));
        if (st.collectedHow() != null && st.isConsent()) rows.add(new Row("How it was collected", st.collectedHow()));
        return rows;
    }

    /** One consent record; {@code seqOfId} names the record another refers to by its place in the ledger. */
    List<Row> record(ConsentRecord r, Map<Long, Long> seqOfId) {
        List<Row> rows = new ArrayList<>();
        add(rows, "What happened", switch (r.action()) {
            case GRANT -> r.optInType() == org.fairsend.consent.OptInType.DOUBLE ? "Subscription requested (awaiting confirmation)" : "Consent given";
            case CONFIRM -> "Subscription confirmed";
            case WITHDRAW -> "Consent withdrawn";
            case ERASE -> "Personal data erased";
        });
        add(rows, "Channel", r.channel().label());
        if (r.action() != ConsentRecord.Action.ERASE) {
            add(rows, "Legal basis", basis(r.basis()));
            if (r.optInType() != null) add(rows, "Opt-in type", switch (r.optInType()) {
                case SINGLE -> "Single opt-in";
                case CONFIRMED -> "Confirmed opt-in";
                case DOUBLE -> "Double opt-in (confirmed by a link sent to the address)";
            });
            add(rows, "Where it was collected", switch (r.context()) {
                case DRAW -> "Prize draw or contest";
                case NEWSLETTER -> "Newsletter sign-up";
                case PRIOR_RELATIONSHIP -> "Existing customer relationship";
                case OTHER -> "Other";
            });
        }
        add(rows, r.action() == ConsentRecord.Action.ERASE ? "Reason" : "Details", r.contextDetail());
        add(rows, r.action() == ConsentRecord.Action.GRANT ? "Collected on" : "Date", at(r.collectedAt()));
        add(rows, "Recorded on", at(r.recordedAt()));
        add(rows, "Page of the form", r.sourceUrl());
        add(rows, "Text the person agreed to", r.declarationText());
        add(rows, "Subject of the messages", r.subject());
        add(rows, "Consent separate from other terms", yesNo(r.separateConsent()));
        add(rows, "Explicit (active) consent", yesNo(r.explicit()));
        add(rows, "Person's role", r.role());
        add(rows, "Nature of the customer relationship", r.relationshipNature());
        add(rows, "Customer since", r.relationshipSince() == null ? null : date.format(r.relationshipSince()));
        add(rows, "How the person was informed", r.informedHow());
        add(rows, "Opt-out offered at collection", yesNo(r.optOutOffered()));
        if (r.refersTo() != null) add(rows, "About record", seqOfId.containsKey(r.refersTo()) ? String.valueOf(seqOfId.get(r.refersTo())) : "another record");
        add(rows, "Recorded through", r.provenance());
        add(rows, "Address or number", r.address());
        add(rows, "IP address", r.ip());
        add(rows, "Browser (user agent)", r.userAgent());
        add(rows, "Page the person came from", r.referer());
        if (r.screenshot() != null) add(rows, "Screenshot", r.screenshot().startsWith("data:") ? "attached (an image)" : r.screenshot());
        if (r.address() == null && r.action() != ConsentRecord.Action.ERASE) add(rows, "Personal data", "erased");
        add(rows, "Record fingerprint (keyed chain hash)", r.chainHash());
        return rows;
    }

    static String basis(ConsentBasis b) {
        return switch (b) {
            case OPT_IN -> "Consent (opt-in)";
            case EXISTING_CUSTOMER -> "Existing customer, similar products (soft opt-in)";
            case B2B -> "Business-to-business, in the person's professional capacity";
        };
    }

    String sectionTitle(String name) {
        return SECTIONS.getOrDefault(name, label(name));
    }

    /** A contributed item (a map or a record, as JSON) as label/value rows. */
    List<Row> item(JsonNode node) {
        List<Row> rows = new ArrayList<>();
        if (node.isObject()) flatten("", node, rows);
        else rows.add(new Row("Value", value("", node)));
        return rows;
    }

    private void flatten(String prefix, JsonNode object, List<Row> rows) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode v = e.getValue();
            if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) continue;
            // the subject as sent is shown when the contributor gives it, not the template it was rendered from
            if (e.getKey().equals("subject") && (object.has("renderedSubject") || object.has("subjectAsSent"))) continue;
            String label = prefix + label(e.getKey());
            if (v.isObject()) {
                flatten(label + " — ", v, rows);
            } else if (v.isArray()) {
                if (v.isEmpty()) continue;
                List<String> parts = new ArrayList<>();
                for (JsonNode el : v) {
                    if (el.isObject()) {
                        List<Row> sub = new ArrayList<>();
                        flatten("", el, sub);
                        parts.add(String.join(", ", sub.stream().map(r -> r.label() + ": " + r.value()).toList()));
                    } else {
                        parts.add(value(e.getKey(), el));
                    }
                }
                rows.add(new Row(label, String.join("; ", parts)));
            } else {
                String text = value(e.getKey(), v);
                if (e.getKey().equals("subject") && (text.contains("{{") || text.contains("${"))) {
                    // a contributor that gives the template, not the subject as sent, is labelled so
                    label = prefix + "Subject (as written, before personalisation)";
                }
                rows.add(new Row(label, text));
            }
        }
    }

    private String value(String key, JsonNode v) {
        if (v.isBoolean()) return v.asBoolean() ? "yes" : "no";
        if (v.isNumber()) return v.asString();
        String s = v.asString();
        if (ISO_INSTANT.matcher(s).matches()) {
            try {
                return at(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException ignored) {
                // not a date after all: shown as it is
            }
        }
        if (ISO_DATE.matcher(s).matches()) {
            try {
                return date.format(LocalDate.parse(s));
            } catch (DateTimeParseException ignored) {
                // shown as it is
            }
        }
        if (key.equals("channel")) {
            for (org.fairsend.platform.Channel c : org.fairsend.platform.Channel.values()) if (c.code().equals(s)) return c.label();
        }
        return s;
    }

    /** A field name in words: known ones from the table, others split ({@code reportedRecipient} → "Reported recipient"). */
    static String label(String key) {
        String known = LABELS.get(key);
        if (known != null) return known;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' || c == '-') { s.append(' '); continue; }
            if (Character.isUpperCase(c) && i > 0) s.append(' ').append(Character.toLowerCase(c));
            else s.append(i == 0 ? Character.toUpperCase(c) : c);
        }
        return s.toString();
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }

    private static void add(List<Row> rows, String label, String value) {
        if (value != null && !value.isBlank()) rows.add(new Row(label, value));
    }
}
