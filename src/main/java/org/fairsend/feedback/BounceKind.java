package org.fairsend.feedback;

import org.fairsend.platform.Codes;

/**
 * A bounce's kind: a hard one suppresses the address at once, soft ones only when repeated.
 */
public enum BounceKind {
    HARD, SOFT;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static BounceKind of(String code) {
        return Codes.of(BounceKind.class, code, "kind");
    }
}
