package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.Policy;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

/**
 * The operator's desk: accounts, an account's detail and campaigns (its regulated themes in force, R-11, and a link to
 * its applications: {@link RegulatedPages}),
 * resuming a suspended campaign with a reason, console users, and the policy editor (every
 * change a new version with who and why, through {@link PolicyService}).
 */
@Controller
class OperatorPages implements ConsolePage {

    private final AccountService accounts;
    private final CampaignService campaigns;
    private final SenderDomains domains;
    private final PolicyService policies;
    private final ConsoleUsers users;
    private final OperatorActionStore actions;
    private final ObjectMapper json;
    private final List<ConsoleSection> sections;
    private final PolicyForms policyForms;

    OperatorPages(AccountService accounts, CampaignService campaigns, SenderDomains domains, PolicyService policies, ConsoleUsers users,
            OperatorActionStore actions, ObjectMapper json, List<ConsoleSection> sections, PolicyForms policyForms) {
        this.sections = sections;
        this.policyForms = policyForms;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.domains = domains;
        this.policies = policies;
        this.users = users;
        this.actions = actions;
        this.json = json;
    }

    private static String actor() {
        return ConsoleAdvice.me().actor();
    }

    /** @param risk the highest risk any section reports (null: none knows; its value null: too few messages to judge) */
    record AccountRow(Account account, List<AccountService.ChannelStatus> channels, long running, ConsoleSection.Risk risk) {

        /** For ordering: the judged risk, else -1. */
        public double order() {
            return risk == null || !risk.judged() ? -1 : risk.value();
        }
    }

    @GetMapping("/console/operator")
    String accounts(@RequestParam(required = false) String q, Model model) {
        List<AccountRow> rows = new ArrayList<>();
        for (Account a : accounts.list()) {
            if (q != null && !q.isBlank() && !(a.legalName() + " " + a.displayName() + " " + a.contactEmail()).toLowerCase()
                    .contains(q.strip().toLowerCase())) continue;
            long running = campaigns.list(a.id(), 200).stream().filter(c -> c.status().running()).count();
            // the highest judged risk; else the unjudged one with the most messages
            var risk = sections.stream().map(x -> x.risk(a.id())).flatMap(java.util.Optional::stream)
                    .max(java.util.Comparator.comparing((ConsoleSection.Risk r) -> r.judged()).thenComparing(r -> r.judged() ? r.value() : r.sent()))
                    .orElse(null);
            rows.add(new AccountRow(a, accounts.channels(a.id()), running, risk));
        }
        // closest to a threshold first; then by name
        rows.sort(java.util.Comparator.comparingDouble(AccountRow::order).reversed()
                .thenComparing(r -> r.account().displayName().toLowerCase(java.util.Locale.ROOT)));
        model.addAttribute("showRisk", rows.stream().anyMatch(r -> r.risk() != null));
        model.addAttribute("title", "Accounts");
        model.addAttribute("q", q);
        model.addAttribute("rows", rows);
        return "console/operator/accounts";
    }

    @GetMapping("/console/operator/accounts/{id}")
    String account(@PathVariable UUID id, Model model) {
        Account a = accounts.get(id);
        model.addAttribute("title", a.displayName());
        model.addAttribute("a", a);
        model.addAttribute("channels", accounts.channels(id));
        model.addAttribute("campaigns", campaigns.list(id, 200));
        model.addAttribute("domains", domains.list(id));
        model.addAttribute("users", users.ofAccount(id));
        model.addAttribute("actions", actions.of(id));
        model.addAttribute("panels", sections.stream().flatMap(x -> x.operatorAccountPanels(ConsoleAdvice.me(), id).stream())
                .sorted(java.util.Comparator.comparingInt(ConsoleSection.HomePanel::order)).toList());
        model.addAttribute("categories", String.join(", ", new java.util.TreeSet<>(a.approvedCategories())));
        return "console/operator/account";
    }

    @PostMapping("/console/operator/accounts/{id}/users")
    String createUser(@PathVariable UUID id, @RequestParam String email, @RequestParam(required = false) String displayName,
            @RequestParam(defaultValue = "admin") String role, RedirectAttributes flash) {
        try {
            var c = users.create(id, new ConsoleUsers.NewUser(email, displayName, role, null), actor());
            actions.record(id, OperatorActionStore.Kind.CONSOLE_USER, c.user().email() + " (" + c.user().role().code() + ")", "created by the operator", actor());
            flash.addFlashAttribute("notice", "Console user " + c.user().email() + " created; their password, shown only now: "
                    + c.generatedPassword());
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id;
    }

    @GetMapping("/console/operator/accounts/{id}/campaigns/{campaign}")
    String campaign(@PathVariable UUID id, @PathVariable UUID campaign, Model model) {
        Campaign c = campaigns.get(id, campaign);
        model.addAttribute("title", c.name());
        model.addAttribute("a", accounts.get(id));
        model.addAttribute("c", c);
        model.addAttribute("progress", campaigns.progress(id, campaign));
        model.addAttribute("history", campaigns.history(id, campaign));
        model.addAttribute("report", campaigns.preflight(id, campaign));
        model.addAttribute("campaignPanels", sections.stream().flatMap(x -> x.campaignPanels(ConsoleAdvice.me(), c).stream())
                .sorted(java.util.Comparator.comparingInt(ConsoleSection.HomePanel::order)).toList());
        return "console/operator/campaign";
    }

    /** A suspended campaign resumes only by the operator, with a reason. */
    @PostMapping("/console/operator/accounts/{id}/campaigns/{campaign}/resume")
    @Transactional
    String resume(@PathVariable UUID id, @PathVariable UUID campaign, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        campaigns.get(id, campaign);
        if (reason == null || reason.isBlank()) {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("reason", "required", "say why the campaign may resume")));
        } else {
            try {
                campaigns.resumeSuspended(campaign, actor(), reason.strip());
                actions.record(id, OperatorActionStore.Kind.CAMPAIGN_RESUMED, campaign.toString(), reason.strip(), actor());
                flash.addFlashAttribute("notice", "The campaign resumes.");
            } catch (RuleViolation e) {
                flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
            }
        }
        return "redirect:/console/operator/accounts/" + id + "/campaigns/" + campaign;
    }

    // ------------------------------------------------------------------ policy

    @GetMapping("/console/operator/policy")
    String policy(Model model) {
        var current = policies.current();
        model.addAttribute("document", json.writerWithDefaultPrettyPrinter().writeValueAsString(current.policy()));
        return policyPage(model);
    }

    private String policyPage(Model model) {
        var current = policies.current();
        model.addAttribute("title", "Policy");
        model.addAttribute("current", current);
        model.addAttribute("versions", policies.versions());
        // issue 20: the structured editor's sections, with what differs from the defaults and what the last version changed
        var before = current.version() <= 1 ? null : policies.version(current.version() - 1).map(v -> v.policy()).orElse(null);
        model.addAttribute("policySections", policyForms.overview(current.policy(), before));
        if (!model.containsAttribute("basedOn")) model.addAttribute("basedOn", current.version());
        return "console/operator/policy";
    }

    /**
     * A new policy version from the edited document, with who (the signed-in operator) and why; made on top of the version
     * the editor showed ({@code version}): a version saved by someone else since refuses it (409), as in the section forms.
     */
    @PostMapping("/console/operator/policy")
    String savePolicy(@RequestParam String document, @RequestParam(required = false) String reason,
            @RequestParam(name = "version", required = false) Integer basedOn, Model model, RedirectAttributes flash,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            Policy p = json.readerFor(Policy.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(document);
            var saved = policies.update(p, actor(), reason, basedOn);
            flash.addFlashAttribute("notice", "Policy version " + saved.version() + " is in force.");
            return "redirect:/console/operator/policy";
        } catch (JacksonException e) {
            model.addAttribute("errors", List.of(new RuleViolation.Violation("document", "json", e.getOriginalMessage())));
        } catch (RuleViolation e) {
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            if (e.status() == 409) response.setStatus(409);
        }
        model.addAttribute("document", document);
        model.addAttribute("reason", reason);
        if (basedOn != null) model.addAttribute("basedOn", basedOn);
        return policyPage(model);
    }

    @GetMapping("/console/operator/policy/versions/{version}")
    String policyVersion(@PathVariable int version, Model model) {
        var v = policies.version(version).orElseThrow(() -> new org.fairsend.platform.NotFound("policy version"));
        model.addAttribute("title", "Policy version " + version);
        model.addAttribute("v", v);
        model.addAttribute("document", json.writerWithDefaultPrettyPrinter().writeValueAsString(v.policy()));
        // issue 20: what this version changed, value by value, against the one before it
        var before = version <= 1 ? null : policies.version(version - 1).orElse(null);
        model.addAttribute("before", before);
        model.addAttribute("changes", before == null ? List.of() : policyForms.changes(before.policy(), v.policy()));
        return "console/operator/policy-version";
    }

    // ------------------------------------------------------------------ operators

    @GetMapping("/console/operator/users")
    String operators(Model model) {
        model.addAttribute("title", "Operators");
        model.addAttribute("users", users.operators());
        return "console/operator/users";
    }

    @PostMapping("/console/operator/users")
    String createOperator(@RequestParam String email, @RequestParam(required = false) String displayName, RedirectAttributes flash) {
        try {
            var c = users.create(null, new ConsoleUsers.NewUser(email, displayName, "operator", null), actor());
            flash.addFlashAttribute("notice", "Operator " + c.user().email() + " created; their password, shown only now: " + c.generatedPassword());
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/users";
    }
}
