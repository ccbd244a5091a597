package org.fairsend.platform;

import java.util.Locale;

/** The channels Fairsend sends on. */
public enum Channel {
    EMAIL, SMS, VOICE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new RuleViolation(400, "channel", "channel", "channel must be one of email, sms, voice");
        }
    }
}
