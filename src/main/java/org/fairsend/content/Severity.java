package org.fairsend.content;

/** A blocking finding stops a campaign from starting; a warning is shown and may be accepted. */
public enum Severity {
    BLOCKING, WARNING;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
