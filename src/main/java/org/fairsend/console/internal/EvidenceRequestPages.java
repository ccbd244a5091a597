package org.fairsend.console.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.feedback.Complaints;
import org.fairsend.inquiries.EvidenceRequests;
import org.fairsend.inquiries.EvidenceRequests.Detail;
import org.fairsend.inquiries.EvidenceRequests.Request;
import org.fairsend.inquiries.EvidenceRequests.State;
import org.fairsend.platform.NotFound;
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
 * Evidence requests after a complaint (seed 002 §1.2, issue 19), through {@link EvidenceRequests} only. The operator:
 * opens one from a complaint ({@code /console/operator/evidence-requests/new?complaint=}), lists every request, reads
 * one (the account's answer, what the ledger holds, the files, every step) and accepts or rejects it with a reason.
 * The account: its own requests ({@code /console/evidence-requests}), the pre-filled evidence, files (PNG, JPEG, PDF)
 * and its answer. Files are downloaded as attachments with {@code nosniff}; everything the account wrote is escaped.
 */
@Controller
class EvidenceRequestPages implements ConsolePage {

    static final String OPERATOR = "/console/operator/evidence-requests";
    static final String ACCOUNT = "/console/evidence-requests";

    private final EvidenceRequests requests;
    private final Complaints complaints;
    private final AccountService accounts;

    EvidenceRequestPages(EvidenceRequests requests, Complaints complaints, AccountService accounts) {
        this.requests = requests;
        this.complaints = complaints;
        this.accounts = accounts;
    }

    record Row(Request r, String account) {}

    // ---- the operator

    @GetMapping(OPERATOR)
    String all(@RequestParam(required = false) String state, Model model) {
        State s = state == null || state.isBlank() ? null : State.of(state);
        List<Row> rows = new ArrayList<>();
        for (Request r : requests.list(null, s, 200)) rows.add(new Row(r, accounts.find(r.accountId()).map(a -> a.displayName()).orElse("?")));
        model.addAttribute("title", "Evidence requests");
        model.addAttribute("operator", true);
        model.addAttribute("base", OPERATOR);
        model.addAttribute("state", s == null ? "" : s.code());
        model.addAttribute("states", List.of(State.values()));
        model.addAttribute("rows", rows);
        return "console/evidence-requests";
    }

    @GetMapping(OPERATOR + "/new")
    String openForm(@RequestParam long complaint, Model model) {
        Complaints.Complaint c = complaints.find(complaint).orElseThrow(() -> new NotFound("complaint"));
        model.addAttribute("title", "Ask for evidence");
        model.addAttribute("k", c);
        model.addAttribute("a", accounts.get(c.accountId()));
        return "console/operator/evidence-new";
    }

    @PostMapping(OPERATOR)
    String open(@RequestParam long complaint, @RequestParam(required = false) String addresses, @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        List<String> named = addresses == null ? List.of() : Arrays.stream(addresses.split("[\\r\\n,;]+")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList();
        try {
            Request r = requests.open(complaint, named, note, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "Evidence requested: the account is told by mail.");
            return "redirect:" + OPERATOR + "/" + r.id();
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
            return "redirect:" + OPERATOR + "/new?complaint=" + complaint;
        }
    }

    @GetMapping(OPERATOR + "/{id}")
    String operatorDetail(@PathVariable long id, Model model) {
        return detail(requests.detail(null, id), true, OPERATOR, model);
    }

    @PostMapping(OPERATOR + "/{id}/accept")
    String accept(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return act(OPERATOR, id, flash, () -> requests.accept(id, reason, ConsoleAdvice.me().actor()), "Accepted: the account is told by mail.");
    }

    @PostMapping(OPERATOR + "/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return act(OPERATOR, id, flash, () -> requests.reject(id, reason, ConsoleAdvice.me().actor()),
                "Rejected: the campaign counts as incriminated on the sanctions ladder (R-15); the account is told by mail.");
    }

    @GetMapping(OPERATOR + "/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> operatorFile(@PathVariable long id, @PathVariable long attachmentId) {
        return download(requests.attachment(null, id, attachmentId));
    }

    // ---- the account

    @GetMapping(ACCOUNT)
    String mine(Model model) {
        UUID account = ConsoleAdvice.me().account();
        model.addAttribute("title", "Evidence requests");
        model.addAttribute("operator", false);
        model.addAttribute("base", ACCOUNT);
        model.addAttribute("state", "");
        model.addAttribute("states", List.of());
        model.addAttribute("rows", requests.list(account, null, 200).stream().map(r -> new Row(r, null)).toList());
        return "console/evidence-requests";
    }

    @GetMapping(ACCOUNT + "/{id}")
    String accountDetail(@PathVariable long id, Model model) {
        return detail(requests.detail(ConsoleAdvice.me().account(), id), false, ACCOUNT, model);
    }

    @PostMapping(ACCOUNT + "/{id}/attachments")
    String attach(@PathVariable long id, @RequestParam(required = false) MultipartFile file, RedirectAttributes flash) throws IOException {
        ConsoleUser me = ConsoleAdvice.me();
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("file", "required", "choose a file")));
            return "redirect:" + ACCOUNT + "/" + id;
        }
        byte[] bytes = file.getBytes();
        return act(ACCOUNT, id, flash, () -> {
            requests.attach(me.account(), id, file.getOriginalFilename(), bytes, me.actor());
            return null;
        }, "File added.");
    }

    @PostMapping(ACCOUNT + "/{id}/answer")
    String answer(@PathVariable long id, @RequestParam(required = false) String statement, RedirectAttributes flash) {
        ConsoleUser me = ConsoleAdvice.me();
        return act(ACCOUNT, id, flash, () -> requests.answer(me.account(), id, statement, me.actor()),
                "Answer sent: the operator reviews it.");
    }

    @GetMapping(ACCOUNT + "/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> accountFile(@PathVariable long id, @PathVariable long attachmentId) {
        return download(requests.attachment(ConsoleAdvice.me().account(), id, attachmentId));
    }

    private String detail(Detail d, boolean operator, String base, Model model) {
        model.addAttribute("title", "Evidence request " + d.request().id());
        model.addAttribute("d", d);
        model.addAttribute("r", d.request());
        model.addAttribute("operator", operator);
        model.addAttribute("base", base);
        model.addAttribute("account", accounts.find(d.request().accountId()).map(a -> a.displayName()).orElse("?"));
        return "console/evidence-request";
    }

    private String act(String base, long id, RedirectAttributes flash, java.util.function.Supplier<Request> action, String done) {
        try {
            action.get();
            flash.addFlashAttribute("notice", done);
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:" + base + "/" + id;
    }

    /** Never inline: an attachment of its sniffed type, {@code nosniff}, sandboxed should a browser open it anyway. */
    private static ResponseEntity<byte[]> download(EvidenceRequests.File f) {
        return org.fairsend.platform.Documents.attachment(f.attachment().contentType(), f.attachment().filename(), f.content());
    }

    /** In the navigation: the operator's requests (the number waiting for a decision); the account's (the number to answer). */
    @Component
    static class Section implements ConsoleSection {

        private final EvidenceRequests requests;

        Section(EvidenceRequests requests) {
            this.requests = requests;
        }

        @Override
        public List<NavLink> links(ConsoleUser u) {
            if (u.operator()) {
                long waiting = requests.awaitingDecision();
                return List.of(new NavLink(waiting == 0 ? "Evidence" : "Evidence (" + waiting + ")", OPERATOR, 31));
            }
            long open = requests.awaitingAnswer(u.account());
            return List.of(new NavLink(open == 0 ? "Evidence requests" : "Evidence requests (" + open + ")", ACCOUNT, 85));
        }

        @Override
        public List<HomePanel> homePanels(ConsoleUser user) {
            if (user.operator()) return List.of();
            List<Request> open = requests.list(user.account(), null, 50).stream().filter(r -> r.state().awaitsAnswer()).toList();
            if (open.isEmpty()) return List.of();
            return List.of(new HomePanel(Slot.ACTIVITY, "Evidence requested", "console/evidence-request-parts :: home-panel", Map.of("open", open), 1));
        }

        /** On the operator's page of an account: its evidence requests, newest first. */
        @Override
        public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
            List<Request> all = requests.list(accountId, null, 20);
            if (all.isEmpty()) return List.of();
            return List.of(new HomePanel(Slot.SANCTIONS, "Evidence requests", "console/evidence-request-parts :: operator-panel", Map.of("all", all), 5));
        }
    }
}
