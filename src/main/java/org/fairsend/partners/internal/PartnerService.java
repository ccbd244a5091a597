package org.fairsend.partners.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fairsend.accounts.AccountService;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.PartnerAudiences;
import org.fairsend.contacts.ContactBook;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Deliveries;
import org.fairsend.partners.Partners;
import org.fairsend.partners.RentalDecided;
import org.fairsend.partners.RentalState;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner audiences (issue 19, seed 002 §1.4, R-6). A partner is carried by an account of its own, opened at
 * registration with no API key and no fee: its consent ledger holds its subscribers' records, its contacts book their
 * addresses (on one list), its suppression scope their unsubscribes and the operator's suppressions for the partner,
 * its sender domains the partner's From. A rented campaign is sent under that account ({@link PartnerAudiences}),
 * so all of them apply to every rental of the partner and nothing of it enters the renting account's book.
 */
@Service
class PartnerService implements Partners, PartnerAudiences {

    /** A rented message's declaration must name the partner's advertisers (seed 002 §1.4; R-2: the subject of the messages). */
    static final Pattern ADVERTISERS = Pattern.compile("(?iu)\\b(advertisers?|annonceurs?)\\b");

    private final PartnerStore store;
    private final AccountService accounts;
    private final ContactBook contacts;
    private final SubscriberImport subscribers;
    private final Suppressions suppressions;
    private final CampaignService campaigns;
    private final Deliveries deliveries;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    PartnerService(PartnerStore store, AccountService accounts, ContactBook contacts, SubscriberImport subscribers,
            Suppressions suppressions, CampaignService campaigns, Deliveries deliveries, TransactionTemplate tx, Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.accounts = accounts;
        this.contacts = contacts;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
    }

    // ---- operator ------------------------------------------------------------------------------------------------

    @Override
    public Partner register(NewPartner in, String actor) {
        if (in == null) throw new RuleViolation("body", "required", "the partner's details are required");
        List<RuleViolation.Violation> v = new ArrayList<>();
        String legal = required(v, "legalName", in.legalName(), 200);
        String address = required(v, "address", in.address(), 500);
        String description = required(v, "description", in.description(), 2000);
        String fromName = required(v, "fromName", in.fromName(), 200);
        String from = email(v, "fromAddress", in.fromAddress(), true);
        String replyTo = email(v, "replyTo", in.replyTo(), false);
        String contact = email(v, "contactEmail", in.contactEmail(), true);
        if (fromName != null && legal != null && !fromName.toLowerCase(Locale.ROOT).contains(legal.toLowerCase(Locale.ROOT))
                && !legal.toLowerCase(Locale.ROOT).contains(fromName.toLowerCase(Locale.ROOT))) {
            v.add(new RuleViolation.Violation("fromName", "R-9", "the sender name must name the partner (its legal name " + legal + ")"));
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        String country = in.country() == null || in.country().isBlank() ? "FR" : in.country().strip().toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        return tx.execute(s -> {
            // the partner's own account: no key, no fee; its ledger, book, suppressions and sender domains are the partner's
            // its postal address is the partner's: the footer of its rentals names the partner's identity (R-9, issue 20)
            var account = accounts.create(new AccountService.NewAccount(legal, null, country, "FR".equals(country), contact, null,
                    in.postcode(), 0L, "EUR", null, address));
            var list = contacts.createList(account.id(), "Partner subscribers", "Subscribers of " + legal
                    + " who accepted offers from its advertisers (issue 19)");
            Partner p = new Partner(Ids.newId(), account.id(), list.id(), legal, address, description, fromName, from, replyTo,
                    Status.ACTIVE, actor, now);
            store.insert(p);
            store.audit(p.id(), null, null, "registered", actor, "partner " + legal + " registered; From " + fromName + " <" + from + ">", now);
            return p;
        });
    }

    @Override
    public List<Partner> list() {
        return store.partners();
    }

    @Override
    public Optional<Partner> find(UUID id) {
        return store.partner(id);
    }

    private Partner partner(UUID id) {
        return store.partner(id).orElseThrow(() -> new NotFound("partner"));
    }

    @Override
    public ImportResult importSubscribers(UUID partnerId, String csv, String actor) {
        Partner p = partner(partnerId);
        List<SubscriberImport.Line> lines = subscribers.parse(p, csv);
        Instant now = clock.instant();
        return tx.execute(s -> {
            ImportResult r = subscribers.record(p, lines);
            store.audit(p.id(), null, null, "subscribers_imported", actor, r.received() + " lines: " + r.recorded() + " consents recorded, "
                    + r.alreadySubscribed() + " already subscribed", now);
            return r;
        });
    }

    @Override
    public void suppress(UUID partnerId, String address, String reason, String actor) {
        Partner p = partner(partnerId);
        String normalized = Addresses.email(address, "address");
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) throw new RuleViolation("reason", "required", "say why the address is suppressed for the partner");
        if (why.length() > 2000) throw new RuleViolation("reason", "length", "at most 2000 characters");
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            // the partner's scope: every rental of the partner, whoever rents it (published inside: the gate knows at once)
            suppressions.suppress(p.accountId(), Channel.EMAIL, normalized, SuppressionReason.UNSUBSCRIBED, "partner:" + p.id(), why);
            // the address is not written to the audit (personal data, X-5): its suppression entry keeps it
            store.audit(p.id(), null, null, "address_suppressed", actor, why, now);
        });
    }

    @Override
    public List<Rental> rentals(RentalState state, int limit) {
        return store.rentals(state, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public List<Rental> rentalsOfPartner(UUID partnerId) {
        return store.rentalsOfPartner(partnerId);
    }

    @Override
    public AudienceReport audience(UUID partnerId) {
        return audience(partner(partnerId), false);
    }

    @Override
    public AudienceReport audience(UUID accountId, UUID rentalId) {
        return audienceOf(rental(accountId, rentalId));
    }

    @Override
    public Rental approve(UUID rentalId, String reason, String actor) {
        return decide(rentalId, RentalState.APPROVED, reason, actor);
    }

    @Override
    public Rental refuse(UUID rentalId, String reason, String actor) {
        return decide(rentalId, RentalState.REFUSED, reason, actor);
    }

    private Rental decide(UUID rentalId, RentalState to, String reason, String actor) {
        String why = RuleViolation.requiredReason(reason, "every decision on a rental gives its reason", 2000);
        Instant now = clock.instant();
        return tx.execute(s -> {
            Rental r = store.rental(rentalId).orElseThrow(() -> new NotFound("rental"));
            if (r.state() != RentalState.REQUESTED || !store.decide(rentalId, RentalState.REQUESTED, to, actor, why, now)) {
                throw new RuleViolation(409, "state", "rental", "the rental is " + r.state().code() + ": only a requested rental is decided");
            }
            if (to == RentalState.APPROVED && partner(r.partnerId()).status() != Status.ACTIVE) {
                throw new RuleViolation(409, "partner", "rental", "the partner is closed");
            }
            store.audit(r.partnerId(), r.id(), r.accountId(), to.code(), actor, why, now);
            events.publishEvent(new RentalDecided(r.id(), r.accountId(), r.campaignId(), r.partnerName(), to, why));
            return store.rental(rentalId).orElseThrow();
        });
    }

    @Override
    public List<Step> history(UUID partnerId) {
        partner(partnerId);
        return store.history(partnerId);
    }

    // ---- account ---------------------------------------------------------------------------------------------------

    @Override
    public List<Offer> offers() {
        return store.partners().stream().filter(p -> p.status() == Status.ACTIVE).map(this::offerOf).toList();
    }

    @Override
    public Offer offer(UUID partnerId) {
        Partner p = store.partner(partnerId).filter(x -> x.status() == Status.ACTIVE).orElseThrow(() -> new NotFound("partner"));
        return offerOf(p);
    }

    private Offer offerOf(Partner p) {
        return new Offer(p.id(), p.legalName(), p.description(), p.fromAddress(), audience(p, false).count("eligible"));
    }

    /** The partner's audience by class (counts only): its subscribers, with its suppressions and the platform's. */
    AudienceReport audience(Partner p, boolean excludeInactive) {
        return deliveries.preview(spec(p, excludeInactive));
    }

    private static AudienceSpec spec(Partner p, boolean excludeInactive) {
        return new AudienceSpec(p.accountId(), Channel.EMAIL, List.of(p.listId()), null, true, excludeInactive, null);
    }

    @Override
    public Rental request(UUID accountId, UUID partnerId, UUID campaignId, String note, String actor) {
        if (partnerId == null) throw new RuleViolation("partnerId", "required", "name the partner whose audience you rent");
        if (campaignId == null) throw new RuleViolation("campaignId", "required", "name the campaign the audience is rented for");
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > 2000) throw new RuleViolation("note", "length", "at most 2000 characters");
        Partner p = store.partner(partnerId).filter(x -> x.status() == Status.ACTIVE).orElseThrow(() -> new NotFound("partner"));
        if (p.accountId().equals(accountId)) throw new RuleViolation(422, "partnerId", "rental", "a partner does not rent its own audience");
        Campaign c = campaigns.get(accountId, campaignId); // another account's campaign: 404
        if (c.channel() != Channel.EMAIL || !c.marketing()) {
            throw new RuleViolation(422, "campaignId", "rental", "a partner audience is rented for a marketing email campaign only");
        }
        if (c.status() != Campaign.Status.DRAFT) {
            throw new RuleViolation(409, "campaignId", "rental", "the campaign is " + c.status().code() + ": a partner audience is rented for a draft");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        try {
            return tx.execute(s -> {
                if (store.liveRental(campaignId).isPresent()) throw duplicate();
                store.insertRental(id, p.id(), accountId, campaignId, n, actor, now);
                store.audit(p.id(), id, accountId, "requested", actor, n, now);
                return store.rental(id).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw duplicate();
        }
    }

    private static RuleViolation duplicate() {
        return new RuleViolation(409, "campaignId", "rental", "the campaign already has a rental requested or approved");
    }

    @Override
    public List<Rental> rentals(UUID accountId) {
        return store.rentalsOf(accountId);
    }

    @Override
    public Rental rental(UUID accountId, UUID rentalId) {
        return store.rental(rentalId).filter(r -> r.accountId().equals(accountId)).orElseThrow(() -> new NotFound("rental"));
    }

    @Override
    public Rental cancel(UUID accountId, UUID rentalId, String reason, String actor) {
        Rental r = rental(accountId, rentalId);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 2000) throw new RuleViolation("reason", "length", "at most 2000 characters");
        Campaign c = campaigns.get(accountId, r.campaignId());
        if (!c.status().editable()) {
            throw new RuleViolation(409, "state", "rental", "the campaign is " + c.status().code()
                    + ": its rental holds until it ends (cancel the campaign instead)");
        }
        Instant now = clock.instant();
        return tx.execute(s -> {
            if (!r.state().canMoveTo(RentalState.CANCELLED) || !store.decide(rentalId, r.state(), RentalState.CANCELLED, actor, why, now)) {
                throw new RuleViolation(409, "state", "rental", "the rental is " + r.state().code() + ": it cannot be cancelled");
            }
            store.audit(r.partnerId(), r.id(), accountId, "cancelled", actor, why, now);
            return store.rental(rentalId).orElseThrow();
        });
    }

    @Override
    public List<Step> rentalHistory(UUID accountId, UUID rentalId) {
        rental(accountId, rentalId);
        return store.rentalHistory(rentalId);
    }

    /** The partner audience of a rental (counts only), for the account's view. */
    AudienceReport audienceOf(Rental r) {
        Partner p = partner(r.partnerId());
        Campaign c = campaigns.get(r.accountId(), r.campaignId());
        return audience(p, c.excludeInactive());
    }

    // ---- campaigns port --------------------------------------------------------------------------------------------

    @Override
    public Optional<Rented> forCampaign(UUID accountId, UUID campaignId) {
        return store.liveRental(campaignId).filter(r -> r.accountId().equals(accountId)).map(r -> {
            Partner p = partner(r.partnerId());
            Set<String> names = new LinkedHashSet<>(List.of(p.legalName(), p.fromName()));
            return new Rented(r.id(), r.state() == RentalState.APPROVED && p.status() == Status.ACTIVE, r.state().code(), p.legalName(),
                    p.accountId(), p.listId(), p.fromName(), p.fromAddress(), p.replyTo(), p.legalIdentity(), names);
        });
    }

    // ---- checks ------------------------------------------------------------------------------------------------------


    private static String required(List<RuleViolation.Violation> v, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            v.add(new RuleViolation.Violation(field, "required", field + " is required"));
            return null;
        }
        if (value.strip().length() > max) {
            v.add(new RuleViolation.Violation(field, "length", "at most " + max + " characters"));
            return null;
        }
        return value.strip();
    }

    private static String email(List<RuleViolation.Violation> v, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) v.add(new RuleViolation.Violation(field, "required", field + " is required"));
            return null;
        }
        var r = Addresses.emailOrError(value);
        if (!r.ok()) {
            v.add(new RuleViolation.Violation(field, "email", r.error()));
            return null;
        }
        return r.value();
    }
}
