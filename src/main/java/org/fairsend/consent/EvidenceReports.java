package org.fairsend.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The evidence pack of an address laid out for reading and printing: consent in force, every consent
 * record with the chain check, and each contributed section (messages, unsubscribes, bounces, complaints...),
 * every item as label/value rows. Used by the printable API page and by the web console.
 */
public interface EvidenceReports {

    record Row(String label, String value) {}

    /**
     * @param key the section's name in the pack ({@code messages}, {@code bounces}...: what a page in another language
     *     titles it by, issue 20)
     * @param name the section's title in words ("Messages sent")
     */
    record Section(String key, String name, List<List<Row>> items) {}

    /**
     * Everything for reading: labels in words, dates in the policy's time zone and the reader's date format.
     *
     * @param complete false when a section could not be produced (its error is in the section, never silence)
     * @param generatedAtText when the pack was made, in the reader's time zone
     * @param timeZone the time zone every date is shown in ("Europe/Paris (Central European Time)")
     * @param chainText the chain check in a sentence
     * @param recordCaptions one caption per consent record ("Record 12 of the ledger")
     */
    record Report(String address, UUID accountId, String accountName, String accountLegalName, Instant generatedAt,
            boolean complete, ChainReport chain, List<List<Row>> consentStates, List<List<Row>> consentRecords,
            List<Section> sections, String generatedAtText, String timeZone, String chainText, List<String> recordCaptions) {}

    /** The report for an email address or phone number of the account (normalised here; a bad one is a RuleViolation). */
    Report report(UUID accountId, String address);
}
