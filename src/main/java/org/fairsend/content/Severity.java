package org.fairsend.content;

/**
 * A blocking finding stops a campaign from starting; a {@code review} finding (an ambiguous match of a prohibited or
 * regulated theme, R-11) holds the campaign until the operator approves or refuses it; a warning is shown and may be
 * accepted; {@code info} is a figure the preflight shows with nothing to fix (the spam filter's score of a sample that
 * passes, with the rules that hit).
 */
public enum Severity {
    BLOCKING, REVIEW, WARNING, INFO;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
