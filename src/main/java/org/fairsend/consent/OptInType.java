package org.fairsend.consent;

/** R-3 opt-in types. An unconfirmed double opt-in is not consent. */
public enum OptInType {
    SINGLE, CONFIRMED, DOUBLE;

    @com.fasterxml.jackson.annotation.JsonValue

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
