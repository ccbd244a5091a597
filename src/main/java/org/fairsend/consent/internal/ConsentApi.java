package org.fairsend.consent.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent collected elsewhere (a shop's checkout, a paper form) recorded through the API, withdrawals,
 * the records about an address, and the verification of the account's chain.
 */
@RestController
class ConsentApi {

    private final Subscriptions subscriptions;
    private final ConsentLedger ledger;
    private final EvidencePacks packs;

    ConsentApi(Subscriptions subscriptions, ConsentLedger ledger, EvidencePacks packs) {
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.packs = packs;
    }

    /** The evidence of {@link ConsentEvidence}, with its enums and time as text so errors can name the field. */
    record ConsentRequest(String channel, String address, String basis, String optInType, String context,
            String contextDetail, String collectedAt, String sourceUrl, String ip, String userAgent,
            String declarationText, String subject, Boolean separateConsent, Boolean explicit, String screenshot,
            String relationshipNature, String informedHow, Boolean optOutOffered, String provenance, String role,
            String relationshipSince) {}

    record WithdrawRequest(String channel, String address, String source) {}

    /** What a consent flow did: the record appended, the consent now in force, the contact (when one is kept). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutcomeView(ConsentRecord record, ConsentState state, UUID contactId, Boolean confirmationSent) {}

    /** Every account's chain checked: whether all are intact, and each report. */
    record ChainsView(boolean intact, List<ChainReport> accounts) {}

    @PostMapping("/api/consents")
    @ResponseStatus(HttpStatus.CREATED)
    OutcomeView record(@RequestBody ConsentRequest in) {
        Subscriptions.Outcome done = subscriptions.record(Caller.current().accountId(), evidence(in));
        return outcome(done);
    }

    @PostMapping("/api/consents/withdraw")
    OutcomeView withdraw(@RequestBody WithdrawRequest in) {
        List<Violation> errors = new ArrayList<>();
        if (in.channel() == null || in.channel().isBlank()) errors.add(new Violation("channel", "required", "email, sms or voice"));
        if (in.address() == null || in.address().isBlank()) errors.add(new Violation("address", "required", "the address or number"));
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        return outcome(subscriptions.withdraw(Caller.current().accountId(), Channel.of(in.channel()), in.address(), in.source()));
    }

    @GetMapping("/api/consents")
    List<ConsentRecord> records(@RequestParam String address) {
        UUID account = Caller.current().accountId();
        return ledger.recordsFor(account, packs.normalize(account, address));
    }

    @GetMapping("/api/consents/verify")
    ChainReport verify() {
        return ledger.verify(Caller.current().accountId());
    }

    @GetMapping("/api/operator/consents/verify")
    ChainsView verifyAll() {
        List<ChainReport> reports = ledger.verifyAll();
        return new ChainsView(reports.stream().allMatch(ChainReport::intact), reports);
    }

    private static OutcomeView outcome(Subscriptions.Outcome done) {
        return new OutcomeView(done.record(), done.state(), done.contactId(), done.confirmationSent());
    }

    static ConsentEvidence evidence(ConsentRequest in) {
        List<Violation> errors = new ArrayList<>();
        Channel channel = null;
        if (in.channel() == null || in.channel().isBlank()) errors.add(new Violation("channel", "required", "email, sms or voice"));
        else {
            try {
                channel = Channel.of(in.channel());
            } catch (RuleViolation e) {
                errors.add(new Violation("channel", "channel", "channel must be one of email, sms, voice"));
            }
        }
        // "soft_opt_in" is the usual name of the existing-customer exception
        String basisCode = in.basis() != null && in.basis().strip().replace('-', '_').equalsIgnoreCase("soft_opt_in")
                ? "existing_customer" : in.basis();
        ConsentBasis basis = enumOf(ConsentBasis.class, basisCode, "basis", "X-8", errors);
        if (in.basis() == null || in.basis().isBlank()) {
            errors.add(new Violation("basis", "required", "the consent basis: opt_in, existing_customer (soft_opt_in) or b2b (X-8)"));
        }
        OptInType optIn = enumOf(OptInType.class, in.optInType(), "optInType", "R-3", errors);
        CollectionContext context = enumOf(CollectionContext.class, in.context(), "context", "R-4", errors);
        Instant collectedAt = null;
        if (in.collectedAt() != null && !in.collectedAt().isBlank()) {
            try {
                collectedAt = OffsetDateTime.parse(in.collectedAt().strip()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new Violation("collectedAt", "iso-8601", "a date and time with offset, e.g. 2026-03-01T10:15:00Z"));
            }
        }
        java.time.LocalDate relationshipSince = null;
        if (in.relationshipSince() != null && !in.relationshipSince().isBlank()) {
            try {
                relationshipSince = java.time.LocalDate.parse(in.relationshipSince().strip());
            } catch (DateTimeParseException e) {
                errors.add(new Violation("relationshipSince", "iso-8601", "a date, e.g. 2026-03-01"));
            }
        }
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        return new ConsentEvidence(channel, in.address(), basis, optIn, context, in.contextDetail(), collectedAt,
                in.sourceUrl(), in.ip(), in.userAgent(), in.declarationText(), in.subject(), in.separateConsent(),
                in.explicit(), in.screenshot(), in.relationshipNature(), in.informedHow(), in.optOutOffered(),
                in.provenance(), in.role(), relationshipSince, null);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, String rule, List<Violation> errors) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            errors.add(new Violation(field, rule, field + " must be one of " + allowed));
            return null;
        }
    }
}
