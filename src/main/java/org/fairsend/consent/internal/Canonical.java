package org.fairsend.consent.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Canonical text of a ledger record: a JSON object with fixed key order, every value a string or null.
 * Hashing this text, not the database's rendering, keeps the chain independent of the store.
 */
final class Canonical {

    private final StringBuilder sb = new StringBuilder(512).append('{');
    private boolean first = true;

    Canonical put(String key, Object value) {
        if (!first) sb.append(',');
        first = false;
        quote(key);
        sb.append(':');
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Instant i) {
            quote(micros(i).toString());
        } else {
            quote(value.toString());
        }
        return this;
    }

    String text() {
        return sb.toString() + '}';
    }

    /** The stores keep microseconds: everything hashed is truncated to them first. */
    static Instant micros(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    /** Nothing to escape (the common case): appended as it is. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') return false;
        }
        return true;
    }

    private void quote(String s) {
        sb.append('"');
        if (plain(s)) {
            sb.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
