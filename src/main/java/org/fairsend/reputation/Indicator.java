package org.fairsend.reputation;

import com.fasterxml.jackson.annotation.JsonValue;
import org.fairsend.platform.Codes;

/**
 * The indicators of the table of docs/RULES.md that the circuit breaker watches. The code (the name in lower
 * case, e.g. {@code hard_bounce_rate}) is what the database, the JSON and the console's chart URLs carry;
 * {@link #toString()} is the code.
 */
public enum Indicator {
    HARD_BOUNCE_RATE("hard bounce rate", true),
    COMPLAINT_RATE("spam complaint rate", true),
    COMPLAINTS_PER_DAY("spam complaints today", false),
    UNSUBSCRIBE_RATE("unsubscribe rate", true),
    BLOCKADE_RATE("blockade rate", true),
    SPAMTRAPS_AND_UNJUSTIFIED("spamtrap hits plus unjustified-use complaints", false),
    /**
     * Not a measured indicator: the operator rejected the account's evidence of consent after a complaint (seed 002
     * §1.2, issue 19), which incriminates the complaint's campaign. No threshold, never shown as a reading.
     */
    EVIDENCE_REJECTED("consent evidence rejected after a complaint", false);

    private final String label;
    private final boolean rate;

    Indicator(String label, boolean rate) {
        this.label = label;
        this.rate = rate;
    }

    /** How people read it. */
    public String label() {
        return label;
    }

    /** A rate (a share of messages); otherwise a count. */
    public boolean rate() {
        return rate;
    }

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    public static Indicator of(String code) {
        return Codes.of(Indicator.class, code, "indicator");
    }

    @Override
    public String toString() {
        return code();
    }
}
