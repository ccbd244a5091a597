package org.fairsend.content;

import java.util.Set;
import java.util.UUID;

/**
 * A recorded voice message as the preflight reviews it: its transcript (what the recording says), the
 * names that identify the sender (the account's legal and trade names) and the regulated themes the
 * operator approved for the account; {@code accountId} the account, whose allowed terms and names are not reported
 * null for none.
 */
public record VoiceContent(UUID accountId, String transcript, Set<String> senderNames, Set<String> approvedCategories) {

    /** A transcript of no particular account (no allowed terms). */
    public VoiceContent(String transcript, Set<String> senderNames, Set<String> approvedCategories) {
        this(null, transcript, senderNames, approvedCategories);
    }
}
