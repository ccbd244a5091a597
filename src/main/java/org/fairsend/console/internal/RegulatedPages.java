package org.fairsend.console.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.RegulatedAccounts;
import org.fairsend.accounts.RegulatedAccounts.Application;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Regulated accounts in the console (R-11, seed 002 §1.3, issue 19), through {@link RegulatedAccounts} only. The account:
 * its applications and approvals, the form to apply for a theme with its licence and documents, an application's page
 * (documents, history with who, when and why, a document added while pending). The operator: the queue (pending first,
 * or by state or account), an application's page with the documents, the history and the approve (reason, end date never
 * after the licence's expiry) / reject / revoke forms. Documents are downloaded as attachments only.
 */
@Controller
class RegulatedPages implements ConsolePage {

    static final String PATH = "/console/regulated";
    static final String OPERATOR = "/console/operator/regulated";

    private final RegulatedAccounts regulated;
    private final AccountService accounts;

    RegulatedPages(RegulatedAccounts regulated, AccountService accounts) {
        this.regulated = regulated;
        this.accounts = accounts;
    }

    // --- the account ---------------------------------------------------------------------------------------------------

    @GetMapping(PATH)
    String mine(Model model) {
        UUID a = ConsoleAdvice.me().account();
        model.addAttribute("title", "Regulated themes");
        model.addAttribute("themes", regulated.themes());
        model.addAttribute("applications", regulated.list(a));
        model.addAttribute("approvals", regulated.inForce(a));
        return "console/regulated";
    }

    @PostMapping(PATH)
    String apply(@RequestParam(required = false) String theme, @RequestParam(required = false) String authority,
            @RequestParam(required = false) String licenceNumber, @RequestParam(required = false) String licenceExpiresOn,
            @RequestParam(required = false) String note, @RequestParam(name = "documents", required = false) List<MultipartFile> files,
            RedirectAttributes flash) throws IOException {
        ConsoleUser me = ConsoleAdvice.me();
        try {
            Application app = regulated.apply(me.account(), new RegulatedAccounts.NewApplication(theme, authority, licenceNumber,
                    licenceExpiresOn, note, uploads(files)), me.actor());
            flash.addFlashAttribute("notice", "Application sent: the operator reviews your licence and documents; you are told by mail.");
            return "redirect:" + PATH + "/" + app.id();
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
            return "redirect:" + PATH;
        }
    }

    @GetMapping(PATH + "/{id}")
    String application(@PathVariable UUID id, Model model) {
        Application app = regulated.get(ConsoleAdvice.me().account(), id);
        return show(app, false, model);
    }

    @PostMapping(PATH + "/{id}/documents")
    String addDocument(@PathVariable UUID id, @RequestParam(name = "document", required = false) MultipartFile file, RedirectAttributes flash)
            throws IOException {
        ConsoleUser me = ConsoleAdvice.me();
        try {
            List<RegulatedAccounts.Upload> one = uploads(file == null ? List.of() : List.of(file));
            regulated.addDocument(me.account(), id, one.isEmpty() ? null : one.getFirst(), me.actor());
            flash.addFlashAttribute("notice", "Document added.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:" + PATH + "/" + id;
    }

    @GetMapping(PATH + "/{id}/documents/{documentId}")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID documentId) {
        return attachment(regulated.document(ConsoleAdvice.me().account(), id, documentId));
    }

    // --- the operator --------------------------------------------------------------------------------------------------

    @GetMapping(OPERATOR)
    String queue(@RequestParam(defaultValue = "pending") String state, @RequestParam(required = false) UUID account, Model model) {
        RegulatedAccounts.State s = state.equals("all") ? null : RegulatedAccounts.State.of(state);
        List<Row> rows = regulated.search(s, account, 200).stream()
                .map(a -> new Row(a, accounts.find(a.accountId()).map(x -> x.displayName()).orElse("?"))).toList();
        model.addAttribute("title", "Regulated accounts");
        model.addAttribute("state", s == null ? "all" : s.code());
        model.addAttribute("states", List.of(RegulatedAccounts.State.values()));
        model.addAttribute("account", account);
        model.addAttribute("rows", rows);
        return "console/operator/regulated";
    }

    /** A row of the operator's queue: the application and its account's name. */
    record Row(Application app, String account) {}

    @GetMapping(OPERATOR + "/{id}")
    String review(@PathVariable UUID id, Model model) {
        return show(regulated.get(id), true, model);
    }

    @GetMapping(OPERATOR + "/{id}/documents/{documentId}")
    ResponseEntity<byte[]> operatorDownload(@PathVariable UUID id, @PathVariable UUID documentId) {
        return attachment(regulated.document(id, documentId));
    }

    @PostMapping(OPERATOR + "/{id}/approve")
    String approve(@PathVariable UUID id, @RequestParam(required = false) String reason, @RequestParam(required = false) String endsOn,
            RedirectAttributes flash) {
        return decide(id, flash, () -> regulated.approve(id, ConsoleAdvice.me().actor(), reason, endsOn), "Approved.");
    }

    @PostMapping(OPERATOR + "/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> regulated.reject(id, ConsoleAdvice.me().actor(), reason), "Rejected.");
    }

    @PostMapping(OPERATOR + "/{id}/revoke")
    String revoke(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return decide(id, flash, () -> regulated.revoke(id, ConsoleAdvice.me().actor(), reason), "Revoked.");
    }

    private String decide(UUID id, RedirectAttributes flash, java.util.function.Supplier<Application> decision, String done) {
        try {
            decision.get();
            flash.addFlashAttribute("notice", done + " The account is told by mail.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:" + OPERATOR + "/" + id;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String show(Application app, boolean operator, Model model) {
        model.addAttribute("title", "Application: " + app.themeLabel());
        model.addAttribute("app", app);
        model.addAttribute("operator", operator);
        model.addAttribute("base", operator ? OPERATOR + "/" + app.id() : PATH + "/" + app.id());
        model.addAttribute("accountName", accounts.find(app.accountId()).map(x -> x.displayName()).orElse("?"));
        return "console/regulated-application";
    }

    private static List<RegulatedAccounts.Upload> uploads(List<MultipartFile> files) throws IOException {
        List<RegulatedAccounts.Upload> out = new ArrayList<>();
        if (files == null) return out;
        for (MultipartFile f : files) if (f != null && !f.isEmpty()) out.add(new RegulatedAccounts.Upload(f.getOriginalFilename(), f.getBytes()));
        return out;
    }

    private static ResponseEntity<byte[]> attachment(RegulatedAccounts.DocumentContent d) {
        return org.fairsend.platform.Documents.attachment(d.document().contentType(), d.document().fileName(), d.content());
    }

    /** "Regulated" in both navigations (the operator's with the number pending). */
    @Component
    static class Section implements ConsoleSection {

        private final RegulatedAccounts regulated;

        Section(RegulatedAccounts regulated) {
            this.regulated = regulated;
        }

        @Override
        public List<NavLink> links(ConsoleUser u) {
            if (u.operator()) {
                long pending = regulated.pendingCount();
                return List.of(new NavLink(pending == 0 ? "Regulated" : "Regulated (" + pending + ")", OPERATOR, 12));
            }
            return List.of(new NavLink("Regulated", PATH, 80));
        }

        @Override
        public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
            return List.of(new HomePanel(Slot.SANCTIONS, "Regulated themes (licences)", "console/regulated-parts :: approvals",
                    Map.<String, Object>of("approvals", regulated.inForce(accountId), "operator", true, "accountId", accountId), 40));
        }
    }
}
