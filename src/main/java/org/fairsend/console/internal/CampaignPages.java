package org.fairsend.console.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.PreflightReport;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.RunProgress;
import org.fairsend.delivery.Templates;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Email campaigns: the list, the editor with the preflight findings beside it (refreshed by htmx as the
 * account types: the draft is saved, then preflighted), the preview per recipient in a sandboxed frame, the
 * lifecycle buttons, live progress, and for a suspended campaign the reason that stopped it.
 */
@Controller
class CampaignPages implements ConsolePage {

    static final EnumSet<Campaign.Status> RUNNING = EnumSet.of(Campaign.Status.SENDING, Campaign.Status.PAUSED,
            Campaign.Status.SUSPENDED, Campaign.Status.SCHEDULED);

    private final CampaignService campaigns;
    private final ContactBook book;
    private final ContactDirectory directory;
    private final Deliveries deliveries;
    private final AccountDirectory accounts;
    private final tools.jackson.databind.ObjectMapper json;
    private final List<ConsoleSection> sections;
    private final Templates templates;

    CampaignPages(CampaignService campaigns, ContactBook book, ContactDirectory directory, Deliveries deliveries,
            AccountDirectory accounts, tools.jackson.databind.ObjectMapper json, List<ConsoleSection> sections, Templates templates) {
        this.templates = templates;
        this.sections = sections;
        this.json = json;
        this.campaigns = campaigns;
        this.book = book;
        this.directory = directory;
        this.deliveries = deliveries;
        this.accounts = accounts;
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    /** Every campaign of the account, each linked to the page of its channel's section. */
    @GetMapping("/console/campaigns")
    String list(Model model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Campaign c : campaigns.list(account(), 200)) {
            String page = sections.stream().map(s -> s.campaignPage(c)).flatMap(java.util.Optional::stream).findFirst().orElse(null);
            Map<String, Object> row = new HashMap<>();
            row.put("c", c);
            row.put("page", page);
            rows.add(row);
        }
        model.addAttribute("title", "Campaigns");
        model.addAttribute("rows", rows);
        return "console/campaigns";
    }

    /** This page edits email campaigns; another channel's campaign has its own section's page. */
    private Campaign email(UUID id) {
        Campaign c = campaigns.get(account(), id);
        if (c.channel() != org.fairsend.platform.Channel.EMAIL) throw new org.fairsend.platform.NotFound("email campaign");
        return c;
    }

    @PostMapping("/console/campaigns")
    String create(@RequestParam String name, RedirectAttributes flash) {
        UUID a = account();
        var lists = book.lists(a).stream().map(ContactBook.ContactList::id).toList();
        Campaign c = campaigns.create(a, new CampaignService.Draft(name.isBlank() ? null : name.strip(), "email", "marketing",
                null, null, null, null, accounts.get(a).displayName(), null, null, lists.size() == 1 ? lists : null, null, null,
                null, null, null, null, null));
        flash.addFlashAttribute("notice", "Draft created.");
        return "redirect:/console/campaigns/" + c.id();
    }

    /** The running campaigns of the account, with their progress: the home page polls this every 2 seconds. */
    @GetMapping("/console/campaigns/running")
    String running(Model model) {
        UUID a = account();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Campaign c : campaigns.list(a, 200)) {
            if (!RUNNING.contains(c.status())) continue;
            rows.add(Map.of("campaign", c, "progress", campaigns.progress(a, c.id())));
        }
        model.addAttribute("running", rows);
        return "console/campaigns-parts :: running";
    }

    @GetMapping("/console/campaigns/{id}")
    String show(@PathVariable UUID id, Model model) {
        Campaign c = email(id);
        fill(model, c);
        model.addAttribute("report", campaigns.preflight(account(), id));
        return "console/campaign";
    }

    private void fill(Model model, Campaign c) {
        model.addAttribute("title", c.name());
        model.addAttribute("c", c);
        model.addAttribute("editable", c.status() == Campaign.Status.DRAFT || c.status() == Campaign.Status.SCHEDULED);
        model.addAttribute("lists", book.lists(c.accountId()));
        model.addAttribute("history", campaigns.history(c.accountId(), c.id()));
        model.addAttribute("campaignPanels", sections.stream().flatMap(x -> x.campaignPanels(ConsoleAdvice.me(), c).stream())
                .sorted(java.util.Comparator.comparingInt(ConsoleSection.HomePanel::order)).toList());
        progressModel(model, campaigns.progress(c.accountId(), c.id()));
    }

    /** The progress and its chart (Chart.js configuration as JSON in a data attribute: no inline script). */
    private void progressModel(Model model, RunProgress p) {
        model.addAttribute("progress", p);
        if (p == null || p.total() == 0) return;
        model.addAttribute("chart", json.writeValueAsString(Map.of("type", "doughnut",
                "data", Map.of("labels", List.of("sent", "to go", "blocked", "failed", "cancelled"),
                        "datasets", List.of(Map.of("data", List.of(p.sent(), p.queued() + p.sending(), p.blocked(), p.failed(), p.cancelled()),
                                "backgroundColor", List.of("#05603a", "#9aa5b1", "#8a5300", "#b42318", "#52606d")))),
                "options", Map.of("animation", false, "responsive", false, "plugins", Map.of("legend", Map.of("position", "right"))))));
    }

    /** The editor's form, saved; for a browser without script the page reloads with the findings. */
    @PostMapping("/console/campaigns/{id}")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        UUID a = account();
        email(id);
        try {
            campaigns.update(a, id, draft(form));
        } catch (RuleViolation e) {
            fill(model, campaigns.get(a, id));
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            model.addAttribute("report", campaigns.preflight(a, id));
            return "console/campaign";
        }
        flash.addFlashAttribute("notice", "Saved.");
        return back(id);
    }

    /** htmx: saves the draft as typed and answers the preflight findings (rule, where, how to fix). */
    @PostMapping("/console/campaigns/{id}/preflight")
    String preflight(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model) {
        UUID a = account();
        Campaign c = email(id);
        if (c.status() == Campaign.Status.DRAFT || c.status() == Campaign.Status.SCHEDULED) {
            try {
                campaigns.update(a, id, draft(form));
            } catch (RuleViolation e) {
                model.addAttribute("errors", new ArrayList<>(e.violations()));
            }
        }
        model.addAttribute("report", campaigns.preflight(a, id));
        return "console/campaign-parts :: findings";
    }

    static CampaignService.Draft draft(MultiValueMap<String, String> f) {
        List<UUID> lists = new ArrayList<>();
        for (String s : f.getOrDefault("listIds", List.of())) {
            try {
                lists.add(UUID.fromString(s));
            } catch (IllegalArgumentException e) {
                throw new RuleViolation("listIds", "uuid", "unknown list");
            }
        }
        Integer throttle = null;
        String t = f.getFirst("throttlePerMinute");
        if (t != null && !t.isBlank()) {
            try {
                throttle = Integer.valueOf(t.strip());
            } catch (NumberFormatException e) {
                throw new RuleViolation("throttlePerMinute", "integer", "a whole number of messages per minute");
            }
        }
        return new CampaignService.Draft(f.getFirst("name"), null, null, f.getFirst("subject"), f.getFirst("preheader"),
                f.getFirst("html"), f.getFirst("text"), f.getFirst("fromName"), f.getFirst("fromAddress"), blank(f.getFirst("replyTo")),
                lists, null, null, f.containsKey("trackOpens"), f.containsKey("trackClicks"), null, throttle, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @PostMapping("/console/campaigns/{id}/start")
    String start(@PathVariable UUID id, Model model, RedirectAttributes flash) {
        UUID a = account();
        try {
            PreflightReport r = campaigns.start(a, id, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", r.canStart() ? "Sending started." : "The preflight has blocking findings.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return back(id);
    }

    @PostMapping("/console/campaigns/{id}/schedule")
    String schedule(@PathVariable UUID id, @RequestParam String at, @RequestParam(defaultValue = "Europe/Paris") String zone,
            RedirectAttributes flash) {
        try {
            ZoneId z = ZoneId.of(zone);
            campaigns.schedule(account(), id, LocalDateTime.parse(at).atZone(z).toInstant(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "Scheduled.");
        } catch (java.time.DateTimeException e) {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("at", "datetime", "give a date and time")));
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return back(id);
    }

    @PostMapping("/console/campaigns/{id}/{action:pause|resume|cancel}")
    String lifecycle(@PathVariable UUID id, @PathVariable String action, RedirectAttributes flash) {
        UUID a = account();
        String actor = ConsoleAdvice.me().actor();
        try {
            switch (action) {
                case "pause" -> campaigns.pause(a, id, actor);
                case "resume" -> campaigns.resume(a, id, actor);
                default -> campaigns.cancel(a, id, actor);
            }
            flash.addFlashAttribute("notice", switch (action) {
                case "pause" -> "Paused.";
                case "resume" -> "Resumed.";
                default -> "Cancelled.";
            });
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return back(id);
    }

    /** htmx: the progress bar; polling stops (no hx-trigger in the answer) once the campaign is over. */
    @GetMapping("/console/campaigns/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        Campaign c = campaigns.get(account(), id);
        model.addAttribute("c", c);
        progressModel(model, campaigns.progress(c.accountId(), id));
        return "console/campaign-parts :: progress";
    }

    /** Recipients the campaign would reach, to preview it as each of them will see it. */
    @GetMapping("/console/campaigns/{id}/preview")
    String preview(@PathVariable UUID id, @RequestParam(required = false) UUID contact, Model model) {
        Campaign c = email(id);
        List<Contact> sample = sample(c);
        Contact chosen = contact == null ? (sample.isEmpty() ? null : sample.getFirst())
                : directory.find(c.accountId(), contact).orElseThrow(() -> new org.fairsend.platform.NotFound("contact"));
        model.addAttribute("title", "Preview: " + c.name());
        model.addAttribute("c", c);
        model.addAttribute("sample", sample);
        model.addAttribute("chosen", chosen);
        model.addAttribute("subject", chosen == null ? c.subject() : render(c.subject(), chosen, c));
        return "console/preview";
    }

    private List<Contact> sample(Campaign c) {
        var spec = new AudienceSpec(c.accountId(), c.channel(), c.listIds(), c.segment(), c.marketing(), c.excludeInactive());
        return directory.findAll(c.accountId(), deliveries.sampleEligible(spec, 20));
    }

    /**
     * The message HTML as the recipient will see it (personalised; links not yet tracked). Served only here,
     * under /console/frames/ with a CSP sandbox and shown in an iframe without allow-scripts.
     */
    @GetMapping(path = "/console/frames/campaigns/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> frame(@PathVariable UUID id, @RequestParam(required = false) UUID contact, HttpServletResponse response) {
        Campaign c = email(id);
        Contact who = contact == null ? null : directory.find(c.accountId(), contact).orElse(null);
        String html = render(c.html() == null || c.html().isBlank() ? "<p>(no HTML body yet)</p>" : c.html(), who, c);
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(html);
    }

    private String render(String template, Contact who, Campaign c) {
        Map<String, Object> b = new HashMap<>();
        b.put("contact", RecipientBindings.of(who));
        b.put("unsubscribe_url", "#unsubscribe");
        b.put("why_you_receive_this", "(why this person receives the message, from their consent record)");
        b.put("sender", Map.of("name", c.fromName() == null ? "" : c.fromName()));
        try {
            return templates.compile("template", template).render(b);
        } catch (RuntimeException e) {
            return "<p>This template cannot be rendered: " + org.springframework.web.util.HtmlUtils.htmlEscape(String.valueOf(e.getMessage())) + "</p>";
        }
    }

    /** The lifecycle actions serve every channel: back to the page of the campaign's own section (SMS, voice...). */
    private String back(UUID id) {
        Campaign c = campaigns.get(account(), id);
        return "redirect:" + sections.stream().map(s -> s.campaignPage(c)).flatMap(java.util.Optional::stream).findFirst()
                .orElse("/console/campaigns/" + id);
    }

    static long percent(RunProgress p) {
        if (p == null || p.total() == 0) return 0;
        return Math.round(100.0 * (p.sent() + p.blocked() + p.failed() + p.cancelled()) / p.total());
    }
}
