package org.fairsend.campaigns.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignSanctions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's sanctions on one campaign (issue 19, seed 002 §1.5): suspend, reinstate, cancel the order, each with a
 * reason; the operator and the account read what was done.
 */
@RestController
class OrderController {

    private final CampaignSanctions sanctions;

    OrderController(CampaignSanctions sanctions) {
        this.sanctions = sanctions;
    }

    record ReasonRequest(String reason) {}

    @PostMapping("/api/operator/campaigns/{id}/suspend")
    Campaign suspend(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        return sanctions.suspend(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    @PostMapping("/api/operator/campaigns/{id}/reinstate")
    Campaign reinstate(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        return sanctions.reinstate(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    /** Cancels the order (a scheduled or running campaign) for good; the record says no refund is made. */
    @PostMapping("/api/operator/campaigns/{id}/cancel")
    Campaign cancel(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        return sanctions.cancelOrder(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    @GetMapping("/api/operator/accounts/{accountId}/campaigns/{id}/operator-actions")
    List<CampaignSanctions.OrderAction> operatorView(@PathVariable UUID accountId, @PathVariable UUID id) {
        return sanctions.actions(accountId, id);
    }

    /** What the operator did to the caller's campaign, and why. */
    @GetMapping("/api/campaigns/{id}/operator-actions")
    List<CampaignSanctions.OrderAction> mine(@PathVariable UUID id) {
        return sanctions.actions(Caller.current().accountId(), id);
    }

    /** What the operator did to the caller's campaigns, newest first. */
    @GetMapping("/api/campaigns/operator-actions")
    List<CampaignSanctions.OrderAction> allMine() {
        return sanctions.ofAccount(Caller.current().accountId());
    }
}
