package org.fairsend.console.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.consent.EvidenceReports;
import org.fairsend.feedback.Complaints;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.reputation.ReputationViews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's complaints desk: the latest complaints (feedback loops, unjustified-use reports), and for one of
 * them the contact's evidence pack (R-5: consent in force, records, chain check, every contributed section) beside
 * the campaign's details and, if it was incriminated, its incident — to judge whether the complaint is
 * justified before acting on the account.
 */
@Controller
class OperatorComplaintPages implements ConsolePage {

    private final Complaints complaints;
    private final EvidenceReports evidence;
    private final CampaignService campaigns;
    private final AccountService accounts;
    private final ReputationViews reputation;

    OperatorComplaintPages(Complaints complaints, EvidenceReports evidence, CampaignService campaigns, AccountService accounts,
            ReputationViews reputation) {
        this.complaints = complaints;
        this.evidence = evidence;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.reputation = reputation;
    }

    record Row(Complaints.Complaint c, String account, String campaign) {}

    @GetMapping("/console/operator/complaints")
    String list(@RequestParam(required = false) UUID account, Model model) {
        if (account != null) accounts.get(account);
        Map<UUID, String> names = new java.util.HashMap<>();
        List<Row> rows = complaints.recent(account, 200).stream().map(c -> new Row(c,
                names.computeIfAbsent(c.accountId(), id -> accounts.find(id).map(a -> a.displayName()).orElse(id.toString())),
                c.campaignId() == null ? null : campaigns.find(c.campaignId()).map(Campaign::name).orElse(null))).toList();
        model.addAttribute("title", "Complaints");
        model.addAttribute("rows", rows);
        return "console/reputation/complaints";
    }

    @GetMapping("/console/operator/complaints/{id}")
    String complaint(@PathVariable long id, Model model) {
        Complaints.Complaint c = complaints.find(id).orElseThrow(() -> new NotFound("complaint"));
        var account = accounts.get(c.accountId());
        model.addAttribute("title", "Complaint " + id);
        model.addAttribute("k", c);
        model.addAttribute("a", account);
        if (c.recipient() != null) {
            try {
                model.addAttribute("pack", evidence.report(c.accountId(), c.recipient()));
            } catch (RuleViolation e) {
                model.addAttribute("packError", e.getMessage());
            }
        }
        if (c.campaignId() != null) {
            campaigns.find(c.campaignId()).filter(x -> x.accountId().equals(c.accountId())).ifPresent(x -> {
                model.addAttribute("campaign", x);
                model.addAttribute("progress", campaigns.progress(c.accountId(), x.id()));
                reputation.incidentOf(x.id()).ifPresent(i -> model.addAttribute("incident", ReputationSection.view(i, x.name())));
            });
        }
        return "console/reputation/complaint";
    }
}
