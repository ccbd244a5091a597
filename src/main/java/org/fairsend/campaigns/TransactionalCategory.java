package org.fairsend.campaigns;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fairsend.platform.Codes;

/**
 * What a transactional message is about (R-1, issue 16): one message to one person about one transaction. The list is
 * closed: a message that is about none of these is marketing and needs consent. The code is stored with the message
 * (the queue row's payload) and shown where the message appears (the send log in the evidence export).
 */
public enum TransactionalCategory {
    ORDER, DELIVERY, INVOICE, APPOINTMENT, ACCOUNT, SECURITY, PASSWORD;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The category a code names (case and surrounding blanks ignored), or empty for a missing or unknown one. */
    public static Optional<TransactionalCategory> find(String code) {
        if (code == null) return Optional.empty();
        String c = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.code().equals(c)).findFirst();
    }

    /** The codes, for an error message. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(TransactionalCategory::code).toList();
    }
}
