package org.fairsend.partners.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.partners.Partners;
import org.fairsend.partners.Partners.Partner;
import org.fairsend.partners.RentalState;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API (operator key, {@code /api/operator/**}) of partner audiences (issue 19): register a partner, import
 * its subscribers (CSV), suppress an address for it, decide the accounts' rentals with a reason, read the audit. The
 * partner's sender domain is added and verified with the usual sender-domain calls on the partner's account
 * ({@code Fairsend-Account: <accountId>}, then {@code /api/operator/sender-domains/{id}/verify}).
 */
@RestController
class PartnerOperatorController {

    /** At most this much CSV per import request. */
    static final int MAX_CSV_CHARS = 10 * 1024 * 1024;

    private final PartnerService partners;

    PartnerOperatorController(PartnerService partners) {
        this.partners = partners;
    }

    /** A partner with its audience by class (counts only) and, on its own page, its rentals. */
    record PartnerView(Partner partner, org.fairsend.delivery.AudienceReport audience,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<Partners.Rental> rentals) {}

    @PostMapping("/api/operator/partners")
    ResponseEntity<PartnerView> register(@RequestBody(required = false) Partners.NewPartner in) {
        Partner p = partners.register(in, Caller.current().actor());
        return ResponseEntity.status(201).body(view(p));
    }

    @GetMapping("/api/operator/partners")
    List<PartnerView> list() {
        return partners.list().stream().map(this::view).toList();
    }

    @GetMapping("/api/operator/partners/{id}")
    PartnerView one(@PathVariable UUID id) {
        Partner p = partners.find(id).orElseThrow(() -> new NotFound("partner"));
        return new PartnerView(p, partners.audience(p, false), partners.rentalsOfPartner(id));
    }

    /** The partner with its audience by class: counts only, here too (the addresses are in its account's book). */
    private PartnerView view(Partner p) {
        return new PartnerView(p, partners.audience(p, false), null);
    }

    @PostMapping(path = "/api/operator/partners/{id}/subscribers", consumes = {"text/csv", "text/plain"})
    Partners.ImportResult subscribers(@PathVariable UUID id, @RequestBody(required = false) String csv) {
        if (csv != null && csv.length() > MAX_CSV_CHARS) throw new RuleViolation(413, "body", "size", "at most 10 MB of CSV per import");
        return partners.importSubscribers(id, csv, Caller.current().actor());
    }

    record Suppression(String address, String reason) {}

    @PostMapping("/api/operator/partners/{id}/suppressions")
    ResponseEntity<Void> suppress(@PathVariable UUID id, @RequestBody(required = false) Suppression in) {
        if (in == null) throw new RuleViolation("address", "required", "the address to suppress is required");
        partners.suppress(id, in.address(), in.reason(), Caller.current().actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/operator/partners/{id}/history")
    List<Partners.Step> history(@PathVariable UUID id) {
        return partners.history(id);
    }

    @GetMapping("/api/operator/rentals")
    List<Partners.Rental> rentals(@RequestParam(required = false) String state, @RequestParam(defaultValue = "200") int limit) {
        RentalState s;
        try {
            s = state == null || state.isBlank() ? null : RentalState.of(state.strip());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("state", "enum", "state must be requested, approved, refused or cancelled");
        }
        return partners.rentals(s, limit);
    }

    record Decision(String reason) {}

    @PostMapping("/api/operator/rentals/{id}/approve")
    Partners.Rental approve(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return partners.approve(id, in == null ? null : in.reason(), Caller.current().actor());
    }

    @PostMapping("/api/operator/rentals/{id}/refuse")
    Partners.Rental refuse(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return partners.refuse(id, in == null ? null : in.reason(), Caller.current().actor());
    }
}
