package org.fairsend.console.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
import org.fairsend.delivery.Deliveries;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyTime;
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
 * The campaign page, one for every channel: the list of the account's campaigns, the editor with the preflight
 * findings beside it (refreshed by htmx as the account types: the draft is saved, then preflighted), the preview per
 * recipient, the lifecycle buttons, live progress, and for a suspended campaign the reason that stopped it. What a
 * channel shows and saves differently is its {@link CampaignEditor}; a campaign's page is under its channel's URL
 * ({@code /console/campaigns/<id>} for email, {@code /console/sms/campaigns/<id>}, {@code /console/voice/campaigns/<id>})
 * and another channel's campaign is not found there. The lifecycle actions ({@code /console/campaigns/<id>/start},
 * ...) serve every channel and come back to the campaign's page.
 */
@Controller
class CampaignPages implements ConsolePage {

    /**
     * A channel's area in URLs, {@code /console/<area>/campaigns/...} (its {@link CampaignEditor#base()}); email's
     * campaigns are {@code /console/campaigns/...}. An area no editor has is not found.
     */
    private static final String AREA = "{area:[a-z]+}";

    private final CampaignService campaigns;
    private final ContactBook book;
    private final ContactDirectory directory;
    private final Deliveries deliveries;
    private final AccountDirectory accounts;
    private final tools.jackson.databind.ObjectMapper json;
    private final List<ConsoleSection> sections;
    private final MessagePreview render;
    private final PolicyTime time;
    private final Map<Channel, CampaignEditor> editors = new EnumMap<>(Channel.class);

    private final org.fairsend.consent.ConsentScopes scopes;
    private final org.fairsend.results.CampaignResults results;
    private final org.fairsend.campaigns.CampaignFigures figures;

    CampaignPages(CampaignService campaigns, ContactBook book, ContactDirectory directory, Deliveries deliveries, AccountDirectory accounts,
            tools.jackson.databind.ObjectMapper json, List<ConsoleSection> sections, MessagePreview render, PolicyTime time,
            List<CampaignEditor> editors, org.fairsend.consent.ConsentScopes scopes, org.fairsend.results.CampaignResults results,
            org.fairsend.campaigns.CampaignFigures figures) {
        this.results = results;
        this.figures = figures;
        this.scopes = scopes;
        this.campaigns = campaigns;
        this.book = book;
        this.directory = directory;
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.json = json;
        this.sections = sections;
        this.render = render;
        this.time = time;
        for (CampaignEditor e : editors) this.editors.put(e.channel(), e);
        for (Channel c : Channel.values()) {
            if (!this.editors.containsKey(c)) throw new IllegalStateException("no console campaign editor for the channel " + c.code());
        }
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    /** A row of the campaigns list: the campaign, its page and its headline figures (issue 20). */
    record Row(Campaign c, String page, org.fairsend.campaigns.CampaignFigures.Summary s) {

        /** A rate as people read it: "12.5 %", or "—" without a denominator. */
        public String percent(Double rate) {
            return CampaignPages.percent(rate);
        }
    }

    /** Every campaign of the account, each linked to the page of its channel, with its figures counted for the page at once. */
    @GetMapping("/console/campaigns")
    String list(Model model) {
        model.addAttribute("title", "Campaigns");
        List<Campaign> page = campaigns.list(account(), 200);
        var summaries = figures.summaries(account(), page);
        model.addAttribute("rows", page.stream().map(c -> new Row(c, editor(c).href(c),
                summaries.getOrDefault(c.id(), org.fairsend.campaigns.CampaignFigures.Summary.NONE))).toList());
        return "console/campaigns";
    }

    /** The campaigns list with their figures as CSV (formula-safe cells), as {@code GET /api/campaigns.csv}. */
    @GetMapping("/console/campaigns.csv")
    org.springframework.http.ResponseEntity<byte[]> listCsv() {
        return csv(results.listCsv(account(), 1000), "campaigns.csv");
    }

    /** A campaign's results as CSV, as {@code GET /api/campaigns/{id}/results.csv}. */
    @GetMapping("/console/campaigns/{id}/results.csv")
    org.springframework.http.ResponseEntity<byte[]> resultsCsv(@PathVariable UUID id) {
        return csv(results.csv(results.of(account(), id)), "campaign-" + id + "-results.csv");
    }

    private static org.springframework.http.ResponseEntity<byte[]> csv(String body, String filename) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment().filename(filename).build().toString())
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String percent(Double rate) {
        if (rate == null) return "—";
        return String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
    }

    /**
     * What the page says of a campaign that is past its start (issue 20: a finished campaign never says "this campaign
     * can start"); null while it is a draft, scheduled or in review (the preflight's verdict is shown then).
     */
    static String stateLine(Campaign c) {
        return switch (c.status()) {
            case DRAFT, SCHEDULED, IN_REVIEW -> null;
            case SENDING -> "This campaign is sending.";
            case PAUSED -> "This campaign is paused: resume it to send the rest.";
            case SUSPENDED -> "This campaign was suspended by the platform: only the operator can resume it.";
            case FINISHED -> "This campaign is finished: every message reached a final state. Its results are on this page.";
            case CANCELLED -> "This campaign was cancelled: nothing more is sent. Its results are on this page.";
        };
    }

    /** A campaign that sends nothing more: today's preflight findings no longer say anything about it. */
    static boolean over(Campaign c) {
        return c.status() == Campaign.Status.FINISHED || c.status() == Campaign.Status.CANCELLED;
    }

    /** The editor of a campaign URL: the one whose base is {@code /console/<area>/campaigns}, or email's when there is no area. */
    private CampaignEditor editorOf(String area) {
        String base = area == null ? "/console/campaigns" : "/console/" + area + "/campaigns";
        return editors.values().stream().filter(e -> e.base().equals(base)).findFirst().orElseThrow(() -> new NotFound("page"));
    }

    private CampaignEditor editor(Campaign c) {
        return editors.get(c.channel());
    }

    /** The account's campaign of the URL's channel; another channel's campaign is not found on this URL. */
    private Campaign campaign(String area, UUID id) {
        Campaign c = campaigns.get(account(), id);
        if (c.channel() != editorOf(area).channel()) throw new NotFound(editorOf(area).channel().code() + " campaign");
        return c;
    }

    @PostMapping({"/console/campaigns", "/console/" + AREA + "/campaigns"})
    String create(@PathVariable(required = false) String area, @RequestParam String name, RedirectAttributes flash) {
        UUID a = account();
        CampaignEditor editor = editorOf(area);
        var lists = book.lists(a).stream().map(ContactBook.ContactList::id).toList();
        Campaign c = campaigns.create(a, editor.newDraft(name.isBlank() ? null : name.strip(), accounts.get(a).displayName(),
                lists.size() == 1 ? lists : null));
        flash.addFlashAttribute("notice", "Draft created.");
        return "redirect:" + editor.href(c);
    }

    /** A running campaign on the home page: its progress and its page. */
    record Running(Campaign campaign, org.fairsend.campaigns.CampaignProgress progress, String page) {}

    /** The running campaigns of the account, with their progress: the home page polls this every 2 seconds. */
    @GetMapping("/console/campaigns/running")
    String running(Model model) {
        UUID a = account();
        List<Running> rows = new ArrayList<>();
        for (Campaign c : campaigns.list(a, 200)) {
            if (c.status().running()) rows.add(new Running(c, campaigns.progress(a, c.id()), editor(c).href(c)));
        }
        model.addAttribute("running", rows);
        return "console/campaigns-parts :: running";
    }

    @GetMapping({"/console/campaigns/{id}", "/console/" + AREA + "/campaigns/{id}"})
    String show(@PathVariable(required = false) String area, @PathVariable UUID id, Model model) {
        Campaign c = campaign(area, id);
        fill(model, c);
        model.addAttribute("report", campaigns.preflight(c.accountId(), id));
        return "console/campaign";
    }

    private void fill(Model model, Campaign c) {
        CampaignEditor editor = editor(c);
        model.addAttribute("title", c.name());
        model.addAttribute("c", c);
        model.addAttribute("editor", editor);
        model.addAttribute("editable", c.status().editable());
        model.addAttribute("lists", book.lists(c.accountId()));
        // the topic keys the account's existing-customer and B2B records list, offered for the campaign's topic
        if (c.channel() != org.fairsend.platform.Channel.VOICE) model.addAttribute("topics", scopes.topicsInUse(c.accountId()));
        model.addAttribute("history", campaigns.history(c.accountId(), c.id()));
        model.addAttribute("zone", time.zone().getId());
        model.addAttribute("campaignPanels", sections.stream().flatMap(x -> x.campaignPanels(ConsoleAdvice.me(), c).stream())
                .sorted(Comparator.comparingInt(ConsoleSection.HomePanel::order)).toList());
        progressModel(model, c, campaigns.progress(c.accountId(), c.id()));
        model.addAttribute("stateLine", stateLine(c));
        model.addAttribute("over", over(c));
        resultsModel(model, c);
        editor.fill(model, c);
    }

    /**
     * The results section (issue 20): the figures with their rates, the chart over time (a Chart.js configuration as
     * JSON in a data attribute, as the progress chart; with a single bucket the page says there is too little data
     * instead), the clicks per link. Shown once the campaign has left the draft.
     */
    private void resultsModel(Model model, Campaign c) {
        if (c.startedAt() == null && !c.status().over()) return;
        var r = results.of(c.accountId(), c.id());
        model.addAttribute("results", r);
        if (r.series().tooLittleData()) return;
        List<String> labels = new ArrayList<>();
        java.time.format.DateTimeFormatter hour = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC);
        Map<String, List<Long>> series = new java.util.LinkedHashMap<>();
        for (String k : List.of("sent", "opens", "clicks", "bounces", "complaints", "unsubscribes")) series.put(k, new ArrayList<>());
        for (var b : r.series().buckets()) {
            labels.add(b.size() == org.fairsend.results.CampaignResults.BucketSize.HOUR ? hour.format(b.start()) : day.format(b.start()));
            series.get("sent").add(b.sent());
            series.get("opens").add(b.opens());
            series.get("clicks").add(b.clicks());
            series.get("bounces").add(b.bounces());
            series.get("complaints").add(b.complaints());
            series.get("unsubscribes").add(b.unsubscribes());
        }
        String[] colours = {"#1f4e9c", "#05603a", "#7a3e9d", "#b42318", "#8a5300", "#52606d"};
        List<Map<String, Object>> datasets = new ArrayList<>();
        int n = 0;
        for (var e : series.entrySet()) {
            if (c.channel() != Channel.EMAIL && e.getKey().equals("opens")) {
                n++;
                continue;
            }
            datasets.add(Map.of("label", e.getKey(), "data", e.getValue(), "borderColor", colours[n], "backgroundColor", colours[n++],
                    "fill", false, "pointRadius", 2));
        }
        model.addAttribute("resultsChart", json.writeValueAsString(Map.of("type", "line",
                "data", Map.of("labels", labels, "datasets", datasets),
                "options", Map.of("animation", false, "responsive", true, "maintainAspectRatio", false,
                        "scales", Map.of("y", Map.of("beginAtZero", true))))));
    }

    /** The progress and its chart (Chart.js configuration as JSON in a data attribute: no inline script). */
    private void progressModel(Model model, Campaign c, org.fairsend.campaigns.CampaignProgress p) {
        model.addAttribute("progress", p);
        model.addAttribute("previewHref", editor(c).previewPerRecipient() ? editor(c).href(c) + "/preview" : null);
        if (p == null || p.total() == 0) return;
        model.addAttribute("chart", json.writeValueAsString(Map.of("type", "doughnut",
                "data", Map.of("labels", List.of("sent", "to go", "blocked", "failed", "cancelled"),
                        "datasets", List.of(Map.of("data", List.of(p.sent(), p.queued() + p.sending(), p.blocked(), p.failed(), p.cancelled()),
                                "backgroundColor", List.of("#05603a", "#9aa5b1", "#8a5300", "#b42318", "#52606d")))),
                "options", Map.of("animation", false, "responsive", false, "plugins", Map.of("legend", Map.of("position", "right"))))));
    }

    /** The editor's form, saved; for a browser without script the page reloads with the findings. */
    @PostMapping({"/console/campaigns/{id}", "/console/" + AREA + "/campaigns/{id}"})
    String save(@PathVariable(required = false) String area, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            Model model, RedirectAttributes flash) {
        Campaign c = campaign(area, id);
        try {
            editor(c).save(c, form);
        } catch (RuleViolation e) {
            fill(model, campaigns.get(c.accountId(), id));
            model.addAttribute("errors", new ArrayList<>(e.violations()));
            model.addAttribute("report", campaigns.preflight(c.accountId(), id));
            return "console/campaign";
        }
        flash.addFlashAttribute("notice", "Saved.");
        return "redirect:" + editor(c).href(c);
    }

    /** htmx: saves the draft as typed and answers what sits beside the editor (the preflight findings, the channel's preview). */
    @PostMapping({"/console/campaigns/{id}/preflight", "/console/" + AREA + "/campaigns/{id}/preflight"})
    String preflight(@PathVariable(required = false) String area, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            Model model) {
        Campaign c = campaign(area, id);
        if (c.status().editable()) {
            try {
                editor(c).save(c, form);
            } catch (RuleViolation e) {
                model.addAttribute("errors", new ArrayList<>(e.violations()));
            }
        }
        Campaign now = campaigns.get(c.accountId(), id);
        model.addAttribute("c", now);
        model.addAttribute("editor", editor(now));
        editor(now).fill(model, now);
        model.addAttribute("report", campaigns.preflight(c.accountId(), id));
        model.addAttribute("stateLine", stateLine(now));
        model.addAttribute("over", over(now));
        return "console/campaign-parts :: checks";
    }

    @PostMapping("/console/campaigns/{id}/start")
    String start(@PathVariable UUID id, RedirectAttributes flash) {
        UUID a = account();
        try {
            PreflightReport r = campaigns.start(a, id, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", campaigns.get(a, id).status() == Campaign.Status.IN_REVIEW ? HELD
                    : r.canStart() ? "Sending started." : "The preflight has blocking findings.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return back(id);
    }

    /** what start and schedule say when the campaign is held for the operator's review. */
    static final String HELD = "The campaign waits for the operator's review of its content (R-11): an ambiguous term needs a human"
            + " reading. You will be told of the decision by mail and on this page; editing the content withdraws the request.";

    /** The date and time are read in {@code zone}, by default the policy's time zone. */
    @PostMapping("/console/campaigns/{id}/schedule")
    String schedule(@PathVariable UUID id, @RequestParam String at, @RequestParam(required = false) String zone, RedirectAttributes flash) {
        try {
            ZoneId z = zone == null || zone.isBlank() ? time.zone() : ZoneId.of(zone.strip());
            Campaign c = campaigns.schedule(account(), id, LocalDateTime.parse(at).atZone(z).toInstant(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", c.status() == Campaign.Status.IN_REVIEW ? HELD : "Scheduled.");
        } catch (DateTimeException e) {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("at", "datetime", "give a date and time")));
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return back(id);
    }

    /** What the account may do to its campaign from the page's buttons. */
    enum Action {
        PAUSE("Paused."), RESUME("Resumed."), CANCEL("Cancelled.");

        final String notice;

        Action(String notice) {
            this.notice = notice;
        }
    }

    @PostMapping("/console/campaigns/{id}/{action:pause|resume|cancel}")
    String lifecycle(@PathVariable UUID id, @PathVariable String action, RedirectAttributes flash) {
        UUID a = account();
        String actor = ConsoleAdvice.me().actor();
        Action act = Action.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        try {
            switch (act) {
                case PAUSE -> campaigns.pause(a, id, actor);
                case RESUME -> campaigns.resume(a, id, actor);
                case CANCEL -> campaigns.cancel(a, id, actor);
            }
            flash.addFlashAttribute("notice", act.notice);
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
        progressModel(model, c, campaigns.progress(c.accountId(), id));
        return "console/campaign-parts :: progress";
    }

    /** Recipients the campaign would reach, to preview it as each of them will get it. */
    @GetMapping({"/console/campaigns/{id}/preview", "/console/" + AREA + "/campaigns/{id}/preview"})
    String preview(@PathVariable(required = false) String area, @PathVariable UUID id, @RequestParam(required = false) UUID contact,
            Model model) {
        Campaign c = campaign(area, id);
        CampaignEditor editor = editor(c);
        if (!editor.previewPerRecipient()) throw new NotFound("preview per recipient");
        List<Contact> sample = directory.findAll(c.accountId(), deliveries.sampleEligible(c.audience(), 20));
        Contact chosen = contact == null ? (sample.isEmpty() ? null : sample.getFirst())
                : directory.find(c.accountId(), contact).orElseThrow(() -> new NotFound("contact"));
        model.addAttribute("title", "Preview: " + c.name());
        model.addAttribute("c", c);
        model.addAttribute("editor", editor);
        model.addAttribute("sample", sample);
        model.addAttribute("chosen", chosen);
        editor.preview(model, c, chosen);
        return "console/preview";
    }

    /**
     * The message HTML as the recipient will see it (personalised; links not yet tracked). Served only here,
     * under /console/frames/ with a CSP sandbox and shown in an iframe without allow-scripts.
     */
    @GetMapping(path = "/console/frames/campaigns/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> frame(@PathVariable UUID id, @RequestParam(required = false) UUID contact, HttpServletResponse response) {
        Campaign c = campaign(null, id);
        Contact who = contact == null ? null : directory.find(c.accountId(), contact).orElse(null);
        String html = render.render(c.html() == null || c.html().isBlank() ? "<p>(no HTML body yet)</p>" : c.html(), who, c);
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(html);
    }

    /** The lifecycle actions serve every channel: back to the campaign's own page. */
    private String back(UUID id) {
        Campaign c = campaigns.get(account(), id);
        return "redirect:" + editor(c).href(c);
    }
}
