package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.partners.Partners;
import org.fairsend.partners.RentalState;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Partner audiences in the console (issue 19, seed 002 §1.4): the operator's partners with their audience counts,
 * the rentals to decide (approve or refuse with a reason) and each partner's audit; the account's partners it may
 * rent, its rentals with their state, the operator's reason and the campaign's results. Counts only, never an
 * address of a partner's subscriber, on either side.
 */
@Controller
class PartnerPages implements ConsolePage {

    private final Partners partners;
    private final CampaignService campaigns;
    private final AccountDirectory accounts;

    PartnerPages(Partners partners, CampaignService campaigns, AccountDirectory accounts) {
        this.partners = partners;
        this.campaigns = campaigns;
        this.accounts = accounts;
    }

    /** The navigation: "Partners" for the operator, "Partner audiences" for an account. */
    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return List.of(u.operator() ? new NavLink("Partners", "/console/operator/partners", 27)
                    : new NavLink("Partner audiences", "/console/rentals", 32));
        }
    }

    record PartnerRow(Partners.Partner partner, org.fairsend.delivery.AudienceReport audience) {}

    record RentalRow(Partners.Rental rental, String account, String campaign) {}

    // ---- operator ------------------------------------------------------------------------------------------------

    @GetMapping("/console/operator/partners")
    String operatorList(Model model) {
        model.addAttribute("title", "Partners");
        model.addAttribute("partners", partners.list().stream().map(p -> new PartnerRow(p, partners.audience(p.id()))).toList());
        model.addAttribute("requested", rows(partners.rentals(RentalState.REQUESTED, 200)));
        model.addAttribute("decided", rows(partners.rentals(null, 50).stream().filter(r -> r.state() != RentalState.REQUESTED).toList()));
        return "console/operator/partners";
    }

    private List<RentalRow> rows(List<Partners.Rental> rentals) {
        return rentals.stream().map(r -> new RentalRow(r, accounts.find(r.accountId()).map(a -> a.displayName()).orElse("?"),
                campaigns.find(r.campaignId()).map(Campaign::name).orElse("?"))).toList();
    }

    @GetMapping("/console/operator/partners/{id}")
    String operatorPartner(@PathVariable UUID id, Model model) {
        Partners.Partner p = partners.find(id).orElseThrow(() -> new NotFound("partner"));
        model.addAttribute("title", "Partner - " + p.legalName());
        model.addAttribute("p", p);
        model.addAttribute("audience", partners.audience(id));
        model.addAttribute("rentals", rows(partners.rentalsOfPartner(id)));
        model.addAttribute("history", partners.history(id));
        return "console/operator/partner";
    }

    @PostMapping("/console/operator/partners")
    String register(@RequestParam Map<String, String> f, RedirectAttributes flash) {
        try {
            var p = partners.register(new Partners.NewPartner(f.get("legalName"), f.get("address"), f.get("country"), f.get("postcode"),
                    f.get("contactEmail"), f.get("description"), f.get("fromName"), f.get("fromAddress"), f.get("replyTo")),
                    ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", p.legalName() + " is registered: add and verify its sender domain, then import its subscribers.");
            return "redirect:/console/operator/partners/" + p.id();
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
            return "redirect:/console/operator/partners";
        }
    }

    @PostMapping("/console/operator/rentals/{id}/{decision:approve|refuse}")
    String decide(@PathVariable UUID id, @PathVariable String decision, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        try {
            var r = decision.equals("approve") ? partners.approve(id, reason, ConsoleAdvice.me().actor())
                    : partners.refuse(id, reason, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "The rental of " + r.partnerName() + "'s audience is " + r.state().code() + ".");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/partners";
    }

    // ---- account ---------------------------------------------------------------------------------------------------

    @GetMapping("/console/rentals")
    String accountRentals(Model model) {
        UUID account = ConsoleAdvice.me().account();
        model.addAttribute("title", "Partner audiences");
        model.addAttribute("offers", partners.offers());
        model.addAttribute("drafts", campaigns.list(account, 500).stream()
                .filter(c -> c.status() == Campaign.Status.DRAFT && c.channel() == Channel.EMAIL && c.marketing()).toList());
        Map<UUID, Object> results = new LinkedHashMap<>();
        List<RentalRow> rows = new ArrayList<>();
        for (Partners.Rental r : partners.rentals(account)) {
            rows.add(new RentalRow(r, null, campaigns.find(r.campaignId()).map(Campaign::name).orElse("?")));
            results.put(r.id(), campaigns.progress(account, r.campaignId()));
        }
        model.addAttribute("rentals", rows);
        model.addAttribute("results", results);
        return "console/rentals";
    }

    @PostMapping("/console/rentals")
    String request(@RequestParam(required = false) UUID partnerId, @RequestParam(required = false) UUID campaignId,
            @RequestParam(required = false) String note, RedirectAttributes flash) {
        ConsoleUser me = ConsoleAdvice.me();
        try {
            var r = partners.request(me.account(), partnerId, campaignId, note, me.actor());
            flash.addFlashAttribute("notice", "Your rental of " + r.partnerName() + "'s audience is requested: the operator decides.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/rentals";
    }

    @PostMapping("/console/rentals/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        ConsoleUser me = ConsoleAdvice.me();
        try {
            partners.cancel(me.account(), id, reason, me.actor());
            flash.addFlashAttribute("notice", "The rental is cancelled.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/rentals";
    }
}
