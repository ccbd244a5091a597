package org.fairsend.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentRecord.Action;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.ConsentSubjects;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Tokens;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent flows: a hosted form submission, consent recorded through the API, the double opt-in
 * confirmation, and withdrawal. Each appends to the ledger and keeps the contact directory in step in one
 * transaction; the confirmation mail leaves only after that transaction committed.
 */
@Service
class Subscriptions {

    static final String CONFIRM = "confirm";

    private final ConsentLedger ledger;
    private final ConsentSubjects subjects;
    private final AccountDirectory accounts;
    private final Forms forms;
    private final Tokens tokens;
    private final ConfirmationMailer mailer;
    private final FairsendProperties props;
    private final ConsentProperties settings;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final JdbcConsentLedger chain;

    Subscriptions(ConsentLedger ledger, ConsentSubjects subjects, AccountDirectory accounts, Forms forms, Tokens tokens,
            ConfirmationMailer mailer, FairsendProperties props, ConsentProperties settings, Clock clock,
            TransactionTemplate tx, JdbcConsentLedger chain) {
        this.ledger = ledger;
        this.subjects = subjects;
        this.accounts = accounts;
        this.forms = forms;
        this.tokens = tokens;
        this.mailer = mailer;
        this.props = props;
        this.settings = settings;
        this.clock = clock;
        this.tx = tx;
        this.chain = chain;
    }

    /**
     * What a flow did: the record appended, the consent now in force, the contact, and for a double opt-in
     * whether the confirmation message was handed to the relay.
     */
    record Outcome(ConsentRecord record, ConsentState state, UUID contactId, Boolean confirmationSent) {}

    /** A hosted form was submitted with its checkbox ticked (the caller checked that). */
    Outcome subscribe(Forms.Form form, String email, String ip, String userAgent, String referer) {
        String address = Addresses.email(email, "email");
        Instant now = clock.instant();
        // the Referer may carry the person's data in its query string: it goes to the erasable part
        String from = referer == null || referer.isBlank() ? null : cut(referer.strip(), 2000);
        ConsentEvidence evidence = new ConsentEvidence(Channel.EMAIL, address, ConsentBasis.OPT_IN, form.optInType(),
                CollectionContext.NEWSLETTER, null, now, forms.url(form.id()), ip, cut(userAgent, 500),
                form.declarationText(), form.subject(), true, true, null, null, null, true, "form:" + form.id(), null, null,
                from);
        return grant(form.accountId(), evidence, form.listId(), "form:" + form.id());
    }

    /** Consent collected elsewhere (a shop's checkout, a paper form), submitted through the API. */
    Outcome record(UUID accountId, ConsentEvidence in) {
        String provenance = in.provenance() == null || in.provenance().isBlank() ? "api" : cut("api:" + in.provenance().strip(), 80);
        ConsentEvidence evidence = new ConsentEvidence(in.channel(), in.address(), in.basis(), in.optInType(), in.context(),
                in.contextDetail(), in.collectedAt(), in.sourceUrl(), in.ip(), in.userAgent(), in.declarationText(),
                in.subject(), in.separateConsent(), in.explicit(), in.screenshot(), in.relationshipNature(),
                in.informedHow(), in.optOutOffered(), provenance, in.role(), in.relationshipSince(), null);
        return grant(accountId, evidence, null, provenance);
    }

    private Outcome grant(UUID accountId, ConsentEvidence evidence, UUID listId, String source) {
        Account account = accounts.get(accountId);
        Outcome done = tx.execute(s -> {
            ConsentRecord rec = ledger.grant(accountId, evidence);
            ConsentState state = ledger.state(accountId, rec.channel(), rec.address());
            UUID contact = subjects.consentChanged(accountId, rec.channel(), rec.address(), state.status(),
                    rec.basis(), listId, source);
            return new Outcome(rec, state, contact, null);
        });
        ConsentRecord rec = done.record();
        boolean awaiting = done.state().awaits(rec.id());
        if (!awaiting || rec.optInType() != OptInType.DOUBLE || rec.channel() != Channel.EMAIL) return done;
        Instant expires = clock.instant().plus(settings.confirmationTtl());
        String token = tokens.sign(CONFIRM, accountId + "~" + rec.id(), expires);
        boolean sent = mailer.send(rec.address(), account, rec.subject(), confirmationLink(token), expires);
        return new Outcome(rec, done.state(), done.contactId(), sent);
    }

    String confirmationLink(String token) {
        return props.publicUrl() + "/confirm/" + token;
    }

    /** A confirmation link that was checked and can still be confirmed. */
    record Pending(Account account, ConsentRecord grant) {}

    /** Why a confirmation link cannot be used; {@code status} is the HTTP status to answer with. */
    static final class LinkRefused extends RuntimeException {
        final int status;
        final String code;

        LinkRefused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** Checks a confirmation link without changing anything (what the GET page does). */
    Pending inspect(String token) {
        Link link = parse(token);
        return pending(link.accountId(), link.grantId());
    }

    private record Link(UUID accountId, long grantId) {}

    private Link parse(String token) {
        String payload;
        try {
            payload = tokens.verify(CONFIRM, token);
        } catch (Tokens.InvalidToken e) {
            throw switch (e.failure()) {
                case EXPIRED -> new LinkRefused(410, "expired", "This confirmation link has expired. Subscribe again to receive a new one.");
                case FORGED -> new LinkRefused(400, "forged", "This confirmation link is not valid (its signature does not match).");
                case MALFORMED -> new LinkRefused(400, "malformed", "This confirmation link is not valid (it is incomplete or damaged).");
            };
        }
        String[] parts = payload.split("~");
        try {
            if (parts.length != 2) throw new IllegalArgumentException();
            return new Link(UUID.fromString(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new LinkRefused(400, "malformed", "This confirmation link is not valid (it is incomplete or damaged).");
        }
    }

    private Pending pending(UUID accountId, long grantId) {
        ConsentRecord grant = ledger.find(accountId, grantId)
                .filter(r -> r.action() == Action.GRANT && r.optInType() == OptInType.DOUBLE)
                .orElseThrow(() -> new LinkRefused(400, "unknown", "This confirmation link does not match any subscription request."));
        if (grant.address() == null) {
            throw new LinkRefused(410, "erased", "This subscription request no longer exists.");
        }
        List<ConsentRecord> records = ledger.recordsFor(accountId, grant.address());
        if (records.stream().anyMatch(r -> r.action() == Action.CONFIRM && Long.valueOf(grantId).equals(r.refersTo()))) {
            throw new LinkRefused(410, "already-confirmed", "This subscription was already confirmed. Nothing more to do.");
        }
        ConsentState state = ledger.state(accountId, grant.channel(), grant.address());
        if (!state.awaits(grantId)) {
            throw new LinkRefused(410, "not-pending",
                    "This subscription request is no longer pending (it was withdrawn or replaced by a newer one).");
        }
        return new Pending(accounts.get(accountId), grant);
    }

    /**
     * Confirms a double opt-in (POST only: a GET never confirms, mail scanners follow links). The account's
     * chain head is locked first, so two clicks at once give one confirmation and one "already confirmed".
     */
    Outcome confirm(String token, String ip, String userAgent) {
        Link link = parse(token);
        return tx.execute(s -> {
            chain.lockChain(link.accountId());
            Pending p = pending(link.accountId(), link.grantId());
            UUID accountId = p.account().id();
            ConsentRecord grant = p.grant();
            ConsentRecord rec = ledger.confirm(accountId, grant.id(), clock.instant(), ip, cut(userAgent, 500));
            ConsentState state = ledger.state(accountId, grant.channel(), grant.address());
            UUID contact = subjects.consentChanged(accountId, grant.channel(), grant.address(), state.status(),
                    grant.basis(), listOf(grant), "confirm:" + grant.provenance());
            return new Outcome(rec, state, contact, null);
        });
    }

    /** Records a withdrawal (an unsubscribe request relayed by the account, a STOP received elsewhere). */
    Outcome withdraw(UUID accountId, Channel channel, String rawAddress, String source) {
        String address = Addresses.normalize(channel, rawAddress, "address");
        String provenance = source == null || source.isBlank() ? "api" : cut(source.strip(), 80);
        return tx.execute(s -> {
            ConsentRecord rec = ledger.withdraw(accountId, channel, address, provenance, clock.instant());
            ConsentState state = ledger.state(accountId, channel, address);
            UUID contact = subjects.consentChanged(accountId, channel, address, ConsentState.Status.WITHDRAWN, rec.basis(), null,
                    provenance);
            return new Outcome(rec, state, contact, null);
        });
    }

    private UUID listOf(ConsentRecord grant) {
        String p = grant.provenance();
        if (p == null || !p.startsWith("form:")) return null;
        try {
            return forms.find(UUID.fromString(p.substring(5))).map(Forms.Form::listId).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String cut(String s, int max) {
        return org.fairsend.platform.Texts.storable(s, max);
    }
}
