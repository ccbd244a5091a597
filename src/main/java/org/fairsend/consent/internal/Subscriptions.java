package org.fairsend.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.AddressScreen;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentRecord.Action;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.ConsentSubjects;
import org.fairsend.consent.ConsentSuppressions;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Pseudonyms;
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
    private final FormGuard guard;
    private final List<AddressScreen> screens;
    private final List<ConsentSuppressions> suppressionsPort;
    private final Pseudonyms pseudonyms;

    Subscriptions(ConsentLedger ledger, ConsentSubjects subjects, AccountDirectory accounts, Forms forms, Tokens tokens,
            ConfirmationMailer mailer, FairsendProperties props, ConsentProperties settings, Clock clock,
            TransactionTemplate tx, JdbcConsentLedger chain, FormGuard guard, List<AddressScreen> screens,
            List<ConsentSuppressions> suppressionsPort, Pseudonyms pseudonyms) {
        this.guard = guard;
        this.screens = screens;
        this.suppressionsPort = suppressionsPort;
        this.pseudonyms = pseudonyms;
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
     * whether the confirmation message was handed to the relay; for a person's own new consent (issue 15) whether
     * an earlier unsubscribe was lifted ({@code cameBack}) and what still stands in the way.
     */
    record Outcome(ConsentRecord record, ConsentState state, UUID contactId, Boolean confirmationSent, boolean cameBack,
            Set<AddressScreen.Obstacle> stillBlocked) {

        Outcome(ConsentRecord record, ConsentState state, UUID contactId, Boolean confirmationSent) {
            this(record, state, contactId, confirmationSent, false, Set.of());
        }
    }

    /**
     * What a hosted-form submission came to: recorded ({@code outcome}), or refused quietly ({@code refusal}, counted
     * for the operator); the sender sees the same page either way (issue 15: no telling who is subscribed).
     */
    record FormResult(Outcome outcome, FormRefusal refusal) {}

    /**
     * A hosted form was submitted with its checkbox ticked and passed the request checks (the caller checked the box,
     * the honeypot, the fill token and the source address's rate). Refused quietly: too many submissions of the
     * address, a suppressed address or spamtrap, an address that already has consent in force (no new grant: at most a
     * rate-limited "already subscribed" notice), the policy's confirmation mails per day used up.
     */
    FormResult subscribe(Forms.Form form, String email, String ip, String userAgent, String referer) {
        String address = Addresses.email(email, "email");
        UUID accountId = form.accountId();
        String hash = pseudonyms.address(address);
        if (!guard.addressAllowed(accountId, hash)) return refused(form, FormRefusal.ADDRESS_RATE);
        Set<AddressScreen.Obstacle> obstacles = obstacles(accountId, Channel.EMAIL, address);
        if (obstacles.contains(AddressScreen.Obstacle.SPAMTRAP)) return refused(form, FormRefusal.SPAMTRAP);
        if (obstacles.contains(AddressScreen.Obstacle.SUPPRESSED)) return refused(form, FormRefusal.SUPPRESSED);
        Instant now = clock.instant();
        // the Referer may carry the person's data in its query string: it goes to the erasable part
        String from = referer == null || referer.isBlank() ? null : cut(referer.strip(), 2000);
        ConsentEvidence evidence = new ConsentEvidence(Channel.EMAIL, address, ConsentBasis.OPT_IN, form.optInType(),
                CollectionContext.NEWSLETTER, null, now, forms.url(form.id()), ip, cut(userAgent, 500),
                form.declarationText(), form.subject(), true, true, null, null, null, true, "form:" + form.id(), null, null,
                from);
        Account account = accounts.get(accountId);
        String source = "form:" + form.id();
        FormResult result = tx.execute(s -> {
            // the checks and the append under the account's chain lock: two posts at once cannot both pass the cap
            chain.lockChain(accountId);
            ConsentState before = ledger.state(accountId, Channel.EMAIL, address);
            if (before.isConsent()) return new FormResult(null, FormRefusal.ALREADY_SUBSCRIBED);
            if (form.optInType() == OptInType.DOUBLE
                    && guard.confirmationsLastDay(accountId, hash) >= guard.policy().confirmationMailsPerAddressPerDay()) {
                return new FormResult(null, FormRefusal.CONFIRMATION_CAP);
            }
            ConsentRecord rec = ledger.grant(accountId, evidence);
            ConsentState state = ledger.state(accountId, rec.channel(), rec.address());
            UUID contact = subjects.consentChanged(accountId, rec.channel(), rec.address(), state.status(), rec.basis(),
                    form.listId(), source);
            // an explicit single opt-in on a form is the person coming back: their unsubscribe is lifted (issue 15)
            boolean back = state.isConsent() && suppressionsPort.stream()
                    .mapToInt(p -> p.cameBack(accountId, Channel.EMAIL, address, source)).sum() > 0;
            return new FormResult(new Outcome(rec, state, contact, null, back, Set.of()), null);
        });
        if (result.refusal() == FormRefusal.ALREADY_SUBSCRIBED && guard.noticeAllowed(accountId, hash)) {
            mailer.sendAlreadySubscribed(address, account, form.subject());
        }
        if (result.refusal() != null) return refused(form, result.refusal());
        Outcome done = result.outcome();
        ConsentRecord rec = done.record();
        if (!done.state().awaits(rec.id()) || rec.optInType() != OptInType.DOUBLE) return result;
        return new FormResult(new Outcome(rec, done.state(), done.contactId(), sendConfirmation(account, rec), false, Set.of()), null);
    }

    private FormResult refused(Forms.Form form, FormRefusal reason) {
        guard.refused(form, reason);
        return new FormResult(null, reason);
    }

    /** What stands in the way of writing to the address, from every screen (suppression list, spamtraps). */
    Set<AddressScreen.Obstacle> obstacles(UUID accountId, Channel channel, String address) {
        Set<AddressScreen.Obstacle> out = EnumSet.noneOf(AddressScreen.Obstacle.class);
        for (AddressScreen s : screens) out.addAll(s.obstacles(accountId, channel, address));
        return out;
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

    /**
     * The API's grant. A double opt-in recorded for an address whose consent is in force waits beside it and takes
     * nothing away (issue 15); no confirmation mail goes to it then, nor to a suppressed address or spamtrap, nor past
     * the policy's confirmation mails per address per day ({@code confirmationSent} false).
     */
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
        boolean awaiting = done.state().awaits(rec.id()) && !done.state().isConsent();
        if (!awaiting || rec.optInType() != OptInType.DOUBLE || rec.channel() != Channel.EMAIL) return done;
        Set<AddressScreen.Obstacle> obstacles = obstacles(accountId, rec.channel(), rec.address());
        boolean blocked = obstacles.contains(AddressScreen.Obstacle.SUPPRESSED) || obstacles.contains(AddressScreen.Obstacle.SPAMTRAP);
        // this grant is one of the day's: past the cap only when more than the policy's were recorded
        boolean capped = guard.confirmationsLastDay(accountId, rec.addressHash()) > guard.policy().confirmationMailsPerAddressPerDay();
        if (blocked || capped) return new Outcome(rec, done.state(), done.contactId(), false);
        return new Outcome(rec, done.state(), done.contactId(), sendConfirmation(account, rec));
    }

    private boolean sendConfirmation(Account account, ConsentRecord rec) {
        Instant expires = clock.instant().plus(settings.confirmationTtl());
        String token = tokens.sign(CONFIRM, account.id() + "~" + rec.id(), expires);
        return mailer.send(rec.address(), account, rec.subject(), confirmationLink(token), expires);
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
            // a confirmed double opt-in is the person coming back: their unsubscribe on the channel is lifted, and
            // what no form lifts (a complaint, a bounce...) is said on the page (issue 15)
            boolean back = state.isConsent() && suppressionsPort.stream().mapToInt(port -> port.cameBack(accountId, grant.channel(),
                    grant.address(), "confirm:" + grant.provenance())).sum() > 0;
            Set<AddressScreen.Obstacle> still = obstacles(accountId, grant.channel(), grant.address());
            return new Outcome(rec, state, contact, null, back, still);
        });
    }

    /**
     * Records a withdrawal (an unsubscribe request relayed by the account, a STOP received elsewhere) and suppresses
     * the address on the channel for the account, as an unsubscribe.
     */
    Outcome withdraw(UUID accountId, Channel channel, String rawAddress, String source) {
        String address = Addresses.normalize(channel, rawAddress, "address");
        String provenance = source == null || source.isBlank() ? "api" : cut(source.strip(), 80);
        return tx.execute(s -> {
            ConsentRecord rec = ledger.withdraw(accountId, channel, address, provenance, clock.instant());
            // the same entry a one-click unsubscribe writes, in this transaction: the gate stops the address at once,
            // even in a batch already claimed (R-10, R-16, issue 15)
            suppressionsPort.forEach(p -> p.withdrawn(accountId, channel, address, provenance));
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
