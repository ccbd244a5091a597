package org.fairsend.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Channel.AddressKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The evidence pack for one address: its consent records with the result of re-checking the
 * account's chain, the consent in force per channel, and every section the other modules contribute
 * (the contact, messages sent, unsubscribes, bounces, complaints). Everything is scoped to one account.
 */
@Service
class EvidencePacks {

    private static final Logger log = LoggerFactory.getLogger(EvidencePacks.class);

    private final ConsentLedger ledger;
    private final AccountDirectory accounts;
    private final List<EvidenceContributor> contributors;
    private final Clock clock;

    EvidencePacks(ConsentLedger ledger, AccountDirectory accounts, List<EvidenceContributor> contributors, Clock clock) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.contributors = contributors;
        this.clock = clock;
    }

    /**
     * @param complete false when a contributor failed: its section then holds the error, never silence
     */
    record Pack(String address, UUID accountId, String accountName, String accountLegalName, Instant generatedAt,
            List<ConsentRecord> consentRecords, ChainReport chain, List<ConsentState> consentStates,
            Map<String, List<?>> sections, boolean complete) {}

    /** The one item of a section that could not be produced: why (a pack never hides a failure). */
    record SectionError(String error) {}

    /** An email address or a phone number, normalised (numbers in the account's country). */
    String normalize(UUID accountId, String raw) {
        return switch (AddressKind.ofNormalized(raw)) {
            case EMAIL -> Addresses.email(raw, "address");
            case PHONE -> Addresses.phone(raw, accounts.get(accountId).country(), "address").e164();
        };
    }

    Pack build(UUID accountId, String rawAddress) {
        Account account = accounts.get(accountId);
        String address = normalize(accountId, rawAddress);
        List<ConsentRecord> records = ledger.recordsFor(accountId, address);
        ChainReport chain = ledger.verify(accountId);
        List<Channel> channels = Channel.reaching(AddressKind.ofNormalized(address));
        List<ConsentState> states = channels.stream().map(c -> ledger.state(accountId, c, address)).toList();
        Map<String, List<?>> sections = new LinkedHashMap<>();
        boolean complete = true;
        for (EvidenceContributor c : contributors) {
            try {
                List<?> items = c.evidence(accountId, address);
                sections.put(c.section(), items == null ? List.of() : items);
            } catch (RuntimeException e) {
                log.error("evidence section {} failed for account {}", c.section(), accountId, e);
                complete = false;
                sections.put(c.section(), List.of(new SectionError("this section could not be produced: " + e.getMessage())));
            }
        }
        return new Pack(address, accountId, account.displayName(), account.legalName(), clock.instant(), records, chain,
                states, sections, complete);
    }
}
