package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountFreezes;
import org.fairsend.campaigns.CampaignSanctions;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Issue 19 (seed 002 §1.5) in the console: the operator freezes and lifts an account, suspends, reinstates and cancels a
 * campaign, each with a reason (the forms are the panels of {@link FreezeSection}); a frozen account's users read what the
 * freeze means at {@code /console/frozen}.
 */
@Controller
class FreezePages implements ConsolePage {

    private final AccountFreezes freezes;
    private final CampaignSanctions sanctions;
    private final CampaignService campaigns;
    private final FrozenConsole frozen;

    FreezePages(AccountFreezes freezes, CampaignSanctions sanctions, CampaignService campaigns, FrozenConsole frozen) {
        this.freezes = freezes;
        this.sanctions = sanctions;
        this.campaigns = campaigns;
        this.frozen = frozen;
    }

    private static String actor() {
        return ConsoleAdvice.me().actor();
    }

    /** What a freeze means for the account (the banner links here; a refused htmx write lands here). */
    @GetMapping("/console/frozen")
    String frozen(@RequestParam(required = false) String refused, Model model) {
        ConsoleUser me = ConsoleAdvice.me();
        model.addAttribute("title", "Account frozen");
        model.addAttribute("current", frozen.of(me).orElse(null));
        model.addAttribute("refused", refused != null);
        model.addAttribute("history", me.accountId() == null ? List.of() : freezes.history(me.accountId()));
        return "console/frozen";
    }

    @PostMapping("/console/operator/accounts/{id}/freeze")
    String freeze(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            freezes.freeze(id, actor(), reason);
            flash.addFlashAttribute("notice", "The account is frozen: nothing leaves, its console is read-only.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id;
    }

    @PostMapping("/console/operator/accounts/{id}/unfreeze")
    String unfreeze(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            freezes.unfreeze(id, actor(), reason);
            flash.addFlashAttribute("notice", "The freeze is lifted: the account may send and write again.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id;
    }

    @PostMapping("/console/operator/accounts/{id}/campaigns/{campaign}/sanction")
    String sanction(@PathVariable UUID id, @PathVariable UUID campaign, @RequestParam String action,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        campaigns.get(id, campaign); // another account's campaign: not found
        try {
            switch (CampaignSanctions.Action.of(action)) {
                case SUSPEND -> {
                    sanctions.suspend(campaign, actor(), reason);
                    flash.addFlashAttribute("notice", "The campaign is suspended.");
                }
                case REINSTATE -> {
                    sanctions.reinstate(campaign, actor(), reason);
                    flash.addFlashAttribute("notice", "The campaign is reinstated: it sends from where it stopped.");
                }
                case CANCEL -> {
                    sanctions.cancelOrder(campaign, actor(), reason);
                    flash.addFlashAttribute("notice", "The order is cancelled, with no refund.");
                }
            }
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "/campaigns/" + campaign;
    }
}
