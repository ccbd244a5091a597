package org.fairsend.feedback;

import java.util.Arrays;
import org.fairsend.platform.RuleViolation;

/**
 * Where an unsubscribe came from: the one-click POST, the page's button, the mailto address, the
 * preference centre, a provider's webhook, an SMS STOP, a voice opt-out. Its code (hyphenated) is stored.
 */
public enum UnsubscribeSource {
    ONE_CLICK("one-click"),
    LINK("link"),
    MAILTO("mailto"),
    PREFERENCE_CENTRE("preference-centre"),
    SENDGRID("sendgrid"),
    SMS_STOP("sms-stop"),
    VOICE_OPT_OUT("voice-opt-out");

    private final String code;

    UnsubscribeSource(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** The value of a stored or received code; a 400 {@link RuleViolation} on an unknown one. */
    public static UnsubscribeSource of(String code) {
        for (UnsubscribeSource v : values()) if (v.code.equals(code)) return v;
        throw new RuleViolation(400, "source", "source", "source must be one of "
                + String.join(", ", Arrays.stream(values()).map(UnsubscribeSource::code).toList()));
    }
}
