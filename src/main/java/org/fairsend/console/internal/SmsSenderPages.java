package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.content.SmsSenders;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's desk for an account's personalised SMS senders (TPOA, R-18, X-6): the senders it approved and
 * those the account's campaigns name without approval, approving one (with the brand's authorisation for a
 * protected name) or withdrawing it, each with a reason kept among the operator's actions on the account.
 */
@Controller
class SmsSenderPages implements ConsolePage {

    private final SmsSenders senders;
    private final CampaignService campaigns;
    private final AccountDirectory accounts;
    private final OperatorActionStore actions;

    SmsSenderPages(SmsSenders senders, CampaignService campaigns, AccountDirectory accounts, OperatorActionStore actions) {
        this.senders = senders;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.actions = actions;
    }

    private static String page(UUID id) {
        return "redirect:/console/operator/accounts/" + id + "/sms-senders";
    }

    @GetMapping("/console/operator/accounts/{id}/sms-senders")
    String list(@PathVariable UUID id, Model model) {
        var a = accounts.get(id);
        model.addAttribute("title", "SMS senders · " + a.displayName());
        model.addAttribute("a", a);
        model.addAttribute("senders", SmsPages.senderRows(senders, campaigns, id));
        model.addAttribute("actions", actions.of(id).stream().filter(x -> x.action().smsSender()).toList());
        return "console/sms/operator-senders";
    }

    private static List<RuleViolation.Violation> needReason(String reason) {
        return reason == null || reason.isBlank()
                ? List.of(new RuleViolation.Violation("reason", "required", "say why (kept with the operator's actions on the account)"))
                : List.of();
    }

    /** Not one transaction: a refused approval rolls back its own; the action is recorded once the approval stands. */
    @PostMapping("/console/operator/accounts/{id}/sms-senders")
    String approve(@PathVariable UUID id, @RequestParam(required = false) String sender,
            @RequestParam(required = false) String brandAuthorisation, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        accounts.get(id);
        var missing = needReason(reason);
        if (!missing.isEmpty()) {
            flash.addFlashAttribute("errors", missing);
            return page(id);
        }
        try {
            var approved = senders.approve(id, sender, brandAuthorisation, ConsoleAdvice.me().actor());
            actions.record(id, OperatorActionStore.Kind.SMS_SENDER_APPROVED, approved.sender()
                    + (approved.brandAuthorisation() == null ? "" : " (brand authorisation: " + approved.brandAuthorisation() + ")"),
                    reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "Sender " + approved.sender() + " approved.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return page(id);
    }

    @PostMapping("/console/operator/accounts/{id}/sms-senders/revoke")
    @org.springframework.transaction.annotation.Transactional
    String revoke(@PathVariable UUID id, @RequestParam String sender, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        accounts.get(id);
        var missing = needReason(reason);
        if (!missing.isEmpty()) {
            flash.addFlashAttribute("errors", missing);
            return page(id);
        }
        if (senders.revoke(id, sender)) {
            actions.record(id, OperatorActionStore.Kind.SMS_SENDER_WITHDRAWN, sender.strip(), reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "Sender " + sender.strip() + " withdrawn.");
        } else {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("sender", "exists", "this sender is not approved")));
        }
        return page(id);
    }
}
