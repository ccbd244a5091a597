package org.fairsend.content;

/**
 * A blocking finding stops a campaign from starting; a {@code review} finding (an ambiguous match of a prohibited or
 * regulated theme, R-11) holds the campaign until the operator approves or refuses it; a warning is shown and may be
 * accepted.
 */
public enum Severity {
    BLOCKING, REVIEW, WARNING;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
