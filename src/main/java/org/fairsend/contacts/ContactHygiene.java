package org.fairsend.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * List hygiene: the contacts that have neither opened nor clicked since a cut-off (the policy's hygiene
 * window), flagged, and excluded from every list of the account in one call; and where an account's bounced
 * addresses came from (the awareness notice of the sanctions ladder, R-15).
 */
public interface ContactHygiene {

    /** A contact with no open nor click since the cut-off (created before it). */
    record InactiveContact(UUID id, String email, String phone, Instant lastOpenAt, Instant lastClickAt, Instant createdAt,
            String source) {}

    /** The inactive contacts: how many, and the first {@code limit} of them (oldest first). */
    record InactiveReport(Instant since, long inactive, long onLists, List<InactiveContact> contacts) {}

    InactiveReport inactive(UUID accountId, Instant since, int limit);

    /** Takes every contact inactive since the cut-off off all of the account's lists; returns how many contacts. */
    long excludeInactive(UUID accountId, Instant since);

    /** How many of the account's email addresses bounced, per contact source (import, form, API...). */
    record SourceCount(String source, long bounced, long contacts) {}

    List<SourceCount> bouncedBySource(UUID accountId);
}
