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

    record Section(String name, List<List<Row>> items) {}

    /** @param complete false when a section could not be produced (its error is in the section, never silence) */
    record Report(String address, UUID accountId, String accountName, String accountLegalName, Instant generatedAt,
            boolean complete, ChainReport chain, List<List<Row>> consentStates, List<List<Row>> consentRecords,
            List<Section> sections) {}

    /** The report for an email address or phone number of the account (normalised here; a bad one is a RuleViolation). */
    Report report(UUID accountId, String address);
}
