package org.fairsend.contacts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.fairsend.consent.ConsentState;
import org.fairsend.platform.RuleViolation;

/**
 * The subscription state a contact has on a channel. The lower-case {@link #code()} is what the
 * API shows and the database keeps ({@code contact_subscription.status}).
 */
public enum SubscriptionState {
    NONE, UNCONFIRMED, SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    /** States an import may not overturn: the person said no, or the address does not work. */
    public static final Set<SubscriptionState> STOPPED = Set.copyOf(EnumSet.of(UNSUBSCRIBED, BOUNCED, COMPLAINED));

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an import may not re-open the channel (see {@link #STOPPED}). */
    public boolean stopped() {
        return STOPPED.contains(this);
    }

    /** The state of a code; an unknown code is a {@code RuleViolation} (422, as the contacts API always answered) on {@code status}. */
    public static SubscriptionState of(String code) {
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new RuleViolation("status", "enum", "status must be one of " + codes());
        }
    }

    /** The state a code read from the database stands for (null: none). */
    public static SubscriptionState fromDb(String code) {
        return code == null ? NONE : valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The codes, comma-separated, for error messages. */
    public static String codes() {
        return Arrays.stream(values()).map(SubscriptionState::code).collect(Collectors.joining(", "));
    }

    /** The contact's state that mirrors the consent in force in the ledger (R-3: unconfirmed until confirmed). */
    public static SubscriptionState mirroring(ConsentState.Status consent) {
        return switch (consent) {
            case GRANTED -> SUBSCRIBED;
            case UNCONFIRMED -> UNCONFIRMED;
            case WITHDRAWN -> UNSUBSCRIBED;
            case NONE -> NONE;
        };
    }
}
