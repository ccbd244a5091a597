package org.fairsend.feedback.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** RFC 3464 delivery-status fields: the per-message block and one block per recipient. */
final class DeliveryStatus {

    /** One recipient's fields (lower-cased names), with the per-message fields as fallback. */
    record Recipient(Map<String, String> fields) {
        String get(String name) {
            String v = fields.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        }

        /** Final-Recipient, else Original-Recipient or X-Actual-Recipient; null when none is a plain address. */
        String address() {
            for (String field : new String[] {"final-recipient", "original-recipient", "x-actual-recipient"}) {
                String a = Addresses.fromTyped(get(field));
                if (a != null) {
                    return a;
                }
            }
            return null;
        }

        String action() {
            String a = get("action");
            return a == null ? "" : a.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
        }

        String status() {
            String s = get("status");
            return s == null ? null : Reasons.firstStatus(s);
        }

        String diagnostic() {
            String d = get("diagnostic-code");
            if (d == null) {
                return null;
            }
            int semi = d.indexOf(';');
            if (semi >= 0 && semi < 12) {
                d = d.substring(semi + 1);
            }
            return d.replaceAll("\\s+", " ").trim();
        }
    }

    private DeliveryStatus() {}

    static List<Recipient> parse(String body) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastName = null;
        for (String line : body.replace("\r", "").split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new LinkedHashMap<>();
                }
                lastName = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && lastName != null) {
                current.merge(lastName, " " + line.trim(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).contains(" ")) {
                lastName = null;
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            boolean repeated = (name.equals("final-recipient") || name.equals("original-recipient"))
                    && current.containsKey(name);
            if (repeated) {
                blocks.add(current);
                current = new LinkedHashMap<>();
            }
            current.putIfAbsent(name, value);
            lastName = name;
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        Map<String, String> perMessage = new LinkedHashMap<>();
        List<Recipient> out = new ArrayList<>();
        for (Map<String, String> b : blocks) {
            if (b.containsKey("final-recipient") || b.containsKey("original-recipient")) {
                Map<String, String> merged = new LinkedHashMap<>(perMessage);
                merged.putAll(b);
                out.add(new Recipient(merged));
            } else if (out.isEmpty()) {
                perMessage.putAll(b);
            }
        }
        return out;
    }
}
