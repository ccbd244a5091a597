package org.fairsend.feedback;

import org.fairsend.platform.Codes;

/**
 * An engagement with a message: the tracking pixel was loaded, or a tracked link followed.
 */
public enum EngagementType {
    OPEN, CLICK;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static EngagementType of(String code) {
        return Codes.of(EngagementType.class, code, "type");
    }
}
