package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.SmsPreview;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsSenders;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Deliveries;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * SMS for an account: its SMS campaigns, the editor with the preflight and the wire preview beside it
 * (refreshed by htmx as the account types: encoding, the characters forcing UCS-2 with their GSM-7
 * replacements, segments, opt-out mention), the preview per recipient, and its personalised senders (TPOA)
 * with their approval status. Schedule, start, pause and resume post to the campaign actions of
 * {@link CampaignPages}, which come back here.
 */
@Controller
class SmsPages implements ConsolePage {

    private final CampaignService campaigns;
    private final SmsSenders senders;
    private final ContactBook book;
    private final ContactDirectory directory;
    private final Deliveries deliveries;
    private final AccountDirectory accounts;

    SmsPages(CampaignService campaigns, SmsSenders senders, ContactBook book, ContactDirectory directory, Deliveries deliveries,
            AccountDirectory accounts) {
        this.campaigns = campaigns;
        this.senders = senders;
        this.book = book;
        this.directory = directory;
        this.deliveries = deliveries;
        this.accounts = accounts;
    }

    /** The SMS area in the navigation; SMS campaigns of the campaigns list open here. */
    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("SMS", "/console/sms", 31));
        }

        @Override
        public Optional<String> campaignPage(Campaign c) {
            return c.channel() == Channel.SMS ? Optional.of("/console/sms/campaigns/" + c.id()) : Optional.empty();
        }

        @Override
        public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
            return List.of(new HomePanel("activity", "SMS senders (R-18, X-6)", "console/sms/parts :: operator-panel",
                    Map.of("accountId", accountId), 40));
        }
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    /** A sender named by the account and where it stands: approved (by whom, when) or what keeps it from use. */
    record SenderRow(String sender, boolean approved, SmsSenders.Approved approval, List<Finding> findings, List<String> campaigns) {}

    static List<SenderRow> senderRows(SmsSenders senders, CampaignService campaigns, UUID accountId) {
        Map<String, List<String>> used = new LinkedHashMap<>();
        for (Campaign c : campaigns.list(accountId, 500)) {
            if (c.channel() == Channel.SMS && c.smsSender() != null) used.computeIfAbsent(c.smsSender(), k -> new ArrayList<>()).add(c.name());
        }
        List<SenderRow> rows = new ArrayList<>();
        for (SmsSenders.Approved a : senders.list(accountId)) {
            rows.add(new SenderRow(a.sender(), true, a, List.of(), used.getOrDefault(a.sender(), List.of())));
        }
        for (var e : used.entrySet()) {
            if (rows.stream().anyMatch(r -> r.sender().equalsIgnoreCase(e.getKey()))) continue;
            rows.add(new SenderRow(e.getKey(), false, null, senders.check(accountId, e.getKey(), true), e.getValue()));
        }
        return rows;
    }

    @GetMapping("/console/sms")
    String list(Model model) {
        UUID a = account();
        model.addAttribute("title", "SMS");
        model.addAttribute("campaigns", campaigns.list(a, 200).stream().filter(c -> c.channel() == Channel.SMS).toList());
        model.addAttribute("senders", senderRows(senders, campaigns, a));
        return "console/sms/list";
    }

    @PostMapping("/console/sms/campaigns")
    String create(@RequestParam String name, RedirectAttributes flash) {
        UUID a = account();
        var lists = book.lists(a).stream().map(ContactBook.ContactList::id).toList();
        Campaign c = campaigns.create(a, new CampaignService.Draft(name.isBlank() ? null : name.strip(), "sms", "marketing", null, null,
                null, null, null, null, null, lists.size() == 1 ? lists : null, null, null, null, null, null, null, null));
        flash.addFlashAttribute("notice", "Draft created.");
        return "redirect:/console/sms/campaigns/" + c.id();
    }

    /** This page edits SMS campaigns; another channel's campaign is not found here. */
    private Campaign sms(UUID id) {
        Campaign c = campaigns.get(account(), id);
        if (c.channel() != Channel.SMS) throw new NotFound("SMS campaign");
        return c;
    }

    @GetMapping("/console/sms/campaigns/{id}")
    String show(@PathVariable UUID id, Model model) {
        fill(model, sms(id));
        checks(model, id);
        return "console/sms/campaign";
    }

    private void fill(Model model, Campaign c) {
        model.addAttribute("title", c.name());
        model.addAttribute("c", c);
        model.addAttribute("editable", c.status() == Campaign.Status.DRAFT || c.status() == Campaign.Status.SCHEDULED);
        model.addAttribute("lists", book.lists(c.accountId()));
        model.addAttribute("approved", senders.list(c.accountId()));
        model.addAttribute("history", campaigns.history(c.accountId(), c.id()));
        model.addAttribute("progress", campaigns.progress(c.accountId(), c.id()));
        model.addAttribute("previewHref", "/console/sms/campaigns/" + c.id() + "/preview");
    }

    /** The preflight findings and the wire preview for the first eligible recipient. */
    private void checks(Model model, UUID id) {
        UUID a = account();
        model.addAttribute("report", campaigns.preflight(a, id));
        model.addAttribute("sms", preview(a, id, null));
    }

    private SmsPreview preview(UUID a, UUID id, UUID contact) {
        try {
            return campaigns.smsPreview(a, id, accounts.get(a).displayName(), contact);
        } catch (RuleViolation e) {
            return null; // no text yet: the preflight says so
        }
    }

    @PostMapping("/console/sms/campaigns/{id}")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        UUID a = account();
        sms(id);
        try {
            campaigns.update(a, id, draft(form));
        } catch (RuleViolation e) {
            fill(model, campaigns.get(a, id));
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            checks(model, id);
            return "console/sms/campaign";
        }
        flash.addFlashAttribute("notice", "Saved.");
        return "redirect:/console/sms/campaigns/" + id;
    }

    /** htmx: saves the draft as typed and answers the preflight findings with the wire preview. */
    @PostMapping("/console/sms/campaigns/{id}/preflight")
    String preflight(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model) {
        UUID a = account();
        Campaign c = sms(id);
        if (c.status() == Campaign.Status.DRAFT || c.status() == Campaign.Status.SCHEDULED) {
            try {
                campaigns.update(a, id, draft(form));
            } catch (RuleViolation e) {
                model.addAttribute("errors", new ArrayList<>(e.violations()));
            }
        }
        checks(model, id);
        return "console/sms/parts :: checks";
    }

    static CampaignService.Draft draft(MultiValueMap<String, String> f) {
        var email = CampaignPages.draft(f);
        String sender = f.getFirst("smsSender");
        return new CampaignService.Draft(f.getFirst("name"), null, f.getFirst("kind"), null, null, null, f.getFirst("text"), null, null, null,
                email.listIds(), null, null, null, null, null, email.throttlePerMinute(), sender == null ? null : sender.strip());
    }

    /** The SMS as each recipient of the audience will get it (personalised), with its encoding and segments. */
    @GetMapping("/console/sms/campaigns/{id}/preview")
    String recipientPreview(@PathVariable UUID id, @RequestParam(required = false) UUID contact, Model model) {
        Campaign c = sms(id);
        var spec = new AudienceSpec(c.accountId(), c.channel(), c.listIds(), c.segment(), c.marketing(), c.excludeInactive());
        List<Contact> sample = directory.findAll(c.accountId(), deliveries.sampleEligible(spec, 20));
        Contact chosen = contact == null ? (sample.isEmpty() ? null : sample.getFirst())
                : directory.find(c.accountId(), contact).orElseThrow(() -> new NotFound("contact"));
        model.addAttribute("title", "Preview: " + c.name());
        model.addAttribute("c", c);
        model.addAttribute("sample", sample);
        model.addAttribute("chosen", chosen);
        model.addAttribute("sms", preview(c.accountId(), id, chosen == null ? null : chosen.id()));
        return "console/sms/preview";
    }
}
