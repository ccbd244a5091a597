package org.fairsend.partners;

import java.util.Locale;

/**
 * Where an account's rental of a partner audience stands (issue 19). The account asks ({@code REQUESTED}); the
 * operator decides: {@code APPROVED} (the campaign may start, to the partner's subscribers) or {@code REFUSED}, with a
 * reason. The account may cancel a rental its campaign has not used yet ({@code CANCELLED}). Approval is the
 * operator's, never automatic: a rental lends the partner's name and its subscribers' trust, so a person reads it.
 */
public enum RentalState {
    REQUESTED, APPROVED, REFUSED, CANCELLED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RentalState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Whether the rental still holds its campaign (asked or approved). */
    public boolean live() {
        return this == REQUESTED || this == APPROVED;
    }

    public boolean canMoveTo(RentalState next) {
        return switch (this) {
            case REQUESTED -> next == APPROVED || next == REFUSED || next == CANCELLED;
            case APPROVED -> next == CANCELLED;
            case REFUSED, CANCELLED -> false;
        };
    }
}
