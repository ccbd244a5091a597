package org.fairsend.delivery;

import org.fairsend.platform.Codes;

/**
 * What the voice provider reported of a drop: left on the voicemail, no voicemail to leave it on, failed, or the
 * person pressed the opt-out key ({@code opted_out}: unsubscribes the number from voice, R-19).
 */
public enum VoiceDropStatus {
    DELIVERED, NO_VOICEMAIL, FAILED, OPTED_OUT;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static VoiceDropStatus of(String code) {
        return Codes.of(VoiceDropStatus.class, code, "status");
    }
}
