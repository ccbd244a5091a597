package org.fairsend.partners.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.partners.Partners;
import org.fairsend.partners.Partners.Rental;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's API of partner audiences (issue 19): the partners it may rent (who they are, how many subscribers
 * they could reach), its rentals (request for one of its draft campaigns, cancel before the campaign starts), each
 * with the partner audience by class and the campaign's aggregate results. Counts only: no call returns an address of
 * a partner's subscriber to an account. Another account's rental answers 404.
 */
@RestController
class RentalController {

    private final PartnerService partners;
    private final CampaignService campaigns;

    RentalController(PartnerService partners, CampaignService campaigns) {
        this.partners = partners;
        this.campaigns = campaigns;
    }

    @GetMapping("/api/partners")
    List<Partners.Offer> offers() {
        return partners.offers();
    }

    @GetMapping("/api/partners/{id}")
    Partners.Offer offer(@PathVariable UUID id) {
        return partners.offer(id);
    }

    record Request(UUID partnerId, UUID campaignId, String note) {}

    /** A rental with the partner audience by class and the campaign's results: counts only. */
    record RentalView(Rental rental, org.fairsend.delivery.AudienceReport audience, org.fairsend.campaigns.CampaignProgress results) {}

    @PostMapping("/api/rentals")
    ResponseEntity<RentalView> request(@RequestBody(required = false) Request in) {
        Caller caller = Caller.current();
        Rental r = partners.request(caller.accountId(), in == null ? null : in.partnerId(), in == null ? null : in.campaignId(),
                in == null ? null : in.note(), caller.actor());
        return ResponseEntity.status(201).body(view(r));
    }

    @GetMapping("/api/rentals")
    List<Rental> list() {
        return partners.rentals(Caller.current().accountId());
    }

    @GetMapping("/api/rentals/{id}")
    RentalView one(@PathVariable UUID id) {
        return view(partners.rental(Caller.current().accountId(), id));
    }

    record Cancel(String reason) {}

    @PostMapping("/api/rentals/{id}/cancel")
    RentalView cancel(@PathVariable UUID id, @RequestBody(required = false) Cancel in) {
        Caller caller = Caller.current();
        return view(partners.cancel(caller.accountId(), id, in == null ? null : in.reason(), caller.actor()));
    }

    @GetMapping("/api/rentals/{id}/history")
    List<Partners.Step> history(@PathVariable UUID id) {
        return partners.rentalHistory(Caller.current().accountId(), id);
    }

    /** The rental, the partner audience by class and the campaign's results: counts only. */
    private RentalView view(Rental r) {
        return new RentalView(r, partners.audienceOf(r), campaigns.progress(r.accountId(), r.campaignId()));
    }
}
