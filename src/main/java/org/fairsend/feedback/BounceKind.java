package org.fairsend.feedback;

import java.util.Arrays;
import org.fairsend.platform.RuleViolation;

/** A bounce's kind: a hard one suppresses the address at once, soft ones only when repeated. Stored and sent as its lower-case code. */
public enum BounceKind {
    HARD("hard"),
    SOFT("soft");

    private final String code;

    BounceKind(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** The value of a stored or received code; a 400 {@link RuleViolation} on an unknown one. */
    public static BounceKind of(String code) {
        for (BounceKind v : values()) if (v.code.equals(code)) return v;
        throw new RuleViolation(400, "kind", "kind", "kind must be one of "
                + String.join(", ", Arrays.stream(values()).map(BounceKind::code).toList()));
    }
}
