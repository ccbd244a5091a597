package org.fairsend.feedback.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Amazon SES bounce, complaint and delivery notifications (also wrapped in an SNS envelope), as mail or webhook body. */
final class SesNotifications {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SesNotifications() {}

    static List<Classification> classify(String text, BounceClassifier.Context ctx) {
        if (!text.contains("notificationType") && !text.contains("eventType")) {
            return List.of();
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return List.of();
        }
        String json = text.substring(start, end + 1).replaceAll("!\\r?\\n ", "");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (RuntimeException e) {
            try {
                root = JSON.readTree(json.replaceAll("\\r?\\n", ""));
            } catch (RuntimeException e2) {
                return List.of();
            }
        }
        return classify(root, ctx);
    }

    static List<Classification> classify(JsonNode root, BounceClassifier.Context ctx) {
        if (root.has("Message") && root.get("Message").isString()) {
            try {
                root = JSON.readTree(root.get("Message").asString());
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        String type = text(root, "notificationType");
        if (type == null) {
            type = text(root, "eventType");
        }
        if (type == null) {
            return List.of();
        }
        JsonNode mail = root.path("mail");
        String messageId = text(mail, "messageId");
        for (JsonNode h : mail.path("headers")) {
            if ("message-id".equalsIgnoreCase(text(h, "name"))) {
                messageId = text(h, "value");
            }
        }
        String source = text(mail, "source");
        if (source != null) {
            source = Addresses.first(source);
        }
        List<Classification> out = new ArrayList<>();
        switch (type.toLowerCase(Locale.ROOT)) {
            case "bounce" -> {
                JsonNode b = root.path("bounce");
                String bounceType = String.valueOf(text(b, "bounceType"));
                String subType = String.valueOf(text(b, "bounceSubType"));
                for (JsonNode r : first(b.path("bouncedRecipients"))) {
                    String address = Addresses.first(text(r, "emailAddress"));
                    String diag = text(r, "diagnosticCode");
                    String status = Reasons.firstStatus(text(r, "status"));
                    if (status == null) {
                        status = Reasons.firstStatus(diag);
                    }
                    Integer reply = Reasons.firstReplyCode(diag);
                    String reason = Reasons.fromText(diag);
                    if (reason == null) {
                        reason = switch (subType) {
                            case "NoEmail" -> "user_unknown";
                            case "Suppressed", "OnAccountSuppressionList" -> "suppressed";
                            case "MailboxFull" -> "mailbox_full";
                            case "MessageTooLarge" -> "too_large";
                            case "ContentRejected", "AttachmentRejected" -> "filtered";
                            default -> null;
                        };
                    }
                    if (reason == null) {
                        reason = Reasons.fromStatus(status);
                    }
                    if (reason == null) {
                        reason = "undefined";
                    }
                    Kind kind;
                    if (bounceType.equals("Transient") || bounceType.equals("Undetermined") && !Reasons.HARD_REASONS.contains(reason)) {
                        kind = Kind.SOFT;
                    } else if (reason.equals("suppressed")) {
                        kind = Kind.HARD;
                    } else {
                        kind = Reasons.kind(reason, status, reply);
                    }
                    out.add(new Classification(kind, address, status, reply, reason, BounceClassifier.trimmed(diag), null,
                            messageId, source, address, ctx.bounceTo(), "ses-json"));
                }
            }
            case "complaint" -> {
                JsonNode c = root.path("complaint");
                String feedbackType = text(c, "complaintFeedbackType");
                for (JsonNode r : first(c.path("complainedRecipients"))) {
                    String address = Addresses.first(text(r, "emailAddress"));
                    out.add(new Classification(Kind.COMPLAINT, address, null, null, "feedback", null,
                            feedbackType == null ? "abuse" : feedbackType.toLowerCase(Locale.ROOT), messageId, source,
                            address, ctx.bounceTo(), "ses-json"));
                }
            }
            case "delivery" -> {
                JsonNode d = root.path("delivery");
                String smtp = text(d, "smtpResponse");
                for (JsonNode r : first(d.path("recipients"))) {
                    String address = Addresses.first(value(r));
                    out.add(new Classification(Kind.OTHER, address, Reasons.firstStatusAny(smtp),
                            Reasons.firstReplyCodeAny(smtp), "delivered", BounceClassifier.trimmed(smtp), null, messageId,
                            source, address, ctx.bounceTo(), "ses-json"));
                }
            }
            default -> {
                return List.of();
            }
        }
        return out;
    }

    /** The first {@link ParseLimits#MAX_RECIPIENTS} elements of an array (none of anything else). */
    private static List<JsonNode> first(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode n : array) {
                if (out.size() == ParseLimits.MAX_RECIPIENTS) {
                    break;
                }
                out.add(n);
            }
        }
        return out;
    }

    /** A field's value as text; null when it is missing, null, an object or an array (not a value). */
    private static String text(JsonNode node, String field) {
        return value(node.get(field));
    }

    private static String value(JsonNode v) {
        // asString() throws on an object or an array (issue 13, fuzzing: {"notificationType":[]} escaped as an exception)
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
    }
}
