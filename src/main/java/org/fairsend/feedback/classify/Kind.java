package org.fairsend.feedback.classify;

import java.util.Locale;

/** What an inbound message says about one recipient. Hard and soft follow the corpus README. */
public enum Kind {
    /** The address or its domain does not exist or does not accept mail. */
    HARD,
    /** Any other failure, even a 5xx one: mailbox full, blocked, filtered, spam, policy, expired, too large... */
    SOFT,
    /** A feedback-loop complaint (ARF or a provider's JSON). */
    COMPLAINT,
    /** A vacation or out-of-office reply. */
    AUTOREPLY,
    /** Not a bounce, a complaint nor an auto-reply (a delivery report, a challenge, ordinary mail). */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
