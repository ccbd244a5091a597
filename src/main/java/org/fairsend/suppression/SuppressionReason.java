package org.fairsend.suppression;

/** Why an address is suppressed. */
public enum SuppressionReason {
    UNSUBSCRIBED, HARD_BOUNCE, REPEATED_SOFT_BOUNCE, COMPLAINT, SPAMTRAP, ERASED, RETENTION, MANUAL;

    @com.fasterxml.jackson.annotation.JsonValue

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SuppressionReason of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
