package org.fairsend.feedback;

import java.util.Arrays;
import org.fairsend.platform.RuleViolation;

/** An engagement with a message: the tracking pixel was loaded, or a tracked link followed. Stored and sent as its lower-case code. */
public enum EngagementType {
    OPEN("open"),
    CLICK("click");

    private final String code;

    EngagementType(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** The value of a stored or received code; a 400 {@link RuleViolation} on an unknown one. */
    public static EngagementType of(String code) {
        for (EngagementType v : values()) if (v.code.equals(code)) return v;
        throw new RuleViolation(400, "type", "type", "type must be one of "
                + String.join(", ", Arrays.stream(values()).map(EngagementType::code).toList()));
    }
}
