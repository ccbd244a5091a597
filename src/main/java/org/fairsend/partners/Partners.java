package org.fairsend.partners;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Partner audiences (issue 19) as the API and the console use them. The operator's side registers partners, imports
 * their subscribers, suppresses for a partner and decides rentals; the account's side sees partners and its rentals
 * with counts only. Every step is audited ({@link Step}).
 */
public interface Partners {

    /** A partner as the operator sees it. */
    record Partner(UUID id, UUID accountId, UUID listId, String legalName, String address, String description,
            String fromName, String fromAddress, String replyTo, Status status, String createdBy, Instant createdAt) {

        /** The legal identity shown in every rented message. */
        public String legalIdentity() {
            return legalName + ", " + address;
        }
    }

    enum Status {
        ACTIVE, CLOSED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the operator registers. */
    record NewPartner(String legalName, String address, String country, String postcode, String contactEmail,
            String description, String fromName, String fromAddress, String replyTo) {}

    /** A partner as an account sees it: who it is and how many subscribers it could reach, never who they are. */
    record Offer(UUID id, String legalName, String description, String fromAddress, long subscribers) {}

    /** A rental; {@code audience} and {@code results} are counts (null where not asked for). */
    record Rental(UUID id, UUID partnerId, String partnerName, UUID accountId, UUID campaignId, RentalState state,
            String note, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String reason) {}

    /** An audited step: who, when, what, why. */
    record Step(long id, UUID partnerId, UUID rentalId, UUID accountId, String action, String actor, String detail, Instant at) {}

    /** The outcome of a subscriber import: every line recorded, or none (a refused line refuses the file). */
    record ImportResult(int received, int recorded, int alreadySubscribed) {}

    // operator

    Partner register(NewPartner in, String actor);

    List<Partner> list();

    Optional<Partner> find(UUID id);

    /** The partner's audience by class: counts only (its subscribers, with its suppressions and the platform's). */
    org.fairsend.delivery.AudienceReport audience(UUID partnerId);

    /** The partner's rentals, newest first. */
    List<Rental> rentalsOfPartner(UUID partnerId);

    ImportResult importSubscribers(UUID partnerId, String csv, String actor);

    /** Suppresses an address for the partner (every future rental of it), with a reason. */
    void suppress(UUID partnerId, String address, String reason, String actor);

    List<Rental> rentals(RentalState state, int limit);

    Rental approve(UUID rentalId, String reason, String actor);

    Rental refuse(UUID rentalId, String reason, String actor);

    List<Step> history(UUID partnerId);

    // account

    List<Offer> offers();

    Offer offer(UUID partnerId);

    Rental request(UUID accountId, UUID partnerId, UUID campaignId, String note, String actor);

    List<Rental> rentals(UUID accountId);

    Rental rental(UUID accountId, UUID rentalId);

    /** The partner audience of the account's rental, by class: counts only. */
    org.fairsend.delivery.AudienceReport audience(UUID accountId, UUID rentalId);

    Rental cancel(UUID accountId, UUID rentalId, String reason, String actor);

    List<Step> rentalHistory(UUID accountId, UUID rentalId);
}
