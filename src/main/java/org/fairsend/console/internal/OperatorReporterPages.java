package org.fairsend.console.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.fairsend.feedback.FeedbackLoopReporters;
import org.fairsend.feedback.FeedbackLoopReporters.Definition;
import org.fairsend.feedback.FeedbackLoopReporters.Reporter;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's feedback-loop reporters, through {@link FeedbackLoopReporters} only (the port the REST API uses
 * too, so the rules are the same): a report counts only from one of them, by the DKIM signature of one of its
 * domains or the SMTP peer in one of its ranges (docs/ARCHITECTURE.md, "Trust boundaries"). Listed, added, replaced
 * and removed; a refused form comes back with what was typed and every violation (field and rule), and nothing is
 * stored. Each change records who made it (the reporter's {@code createdBy}, and the feedback module's log); these
 * are platform settings, not actions on an account, so they are not in the account's operator actions.
 */
@Controller
class OperatorReporterPages implements ConsolePage {

    static final String PATH = "/console/operator/feedback-reporters";

    private final FeedbackLoopReporters reporters;

    OperatorReporterPages(FeedbackLoopReporters reporters) {
        this.reporters = reporters;
    }

    /** The form as typed: domains and ranges one a line (or separated by commas or spaces). */
    record Form(String name, String dkimDomains, String sourceRanges, String reason) {
        static final Form EMPTY = new Form("", "", "", "");

        /** A stored reporter, to edit: the reason is the new change's, so it starts empty. */
        static Form of(Reporter r) {
            return new Form(r.name(), String.join("\n", r.dkimDomains()), String.join("\n", r.sourceRanges()), "");
        }

        Definition definition() {
            return new Definition(name, items(dkimDomains), items(sourceRanges), reason);
        }

        /** The i-th item here is the API's {@code dkimDomains[i]} or {@code sourceRanges[i]}, as the errors name it. */
        private static List<String> items(String text) {
            if (text == null || text.isBlank()) return List.of();
            return Arrays.stream(text.strip().split("[\\s,]+")).toList();
        }
    }

    private static String actor() {
        return ConsoleAdvice.me().actor();
    }

    @GetMapping(PATH)
    String list(Model model) {
        return listPage(model, Form.EMPTY);
    }

    private String listPage(Model model, Form form) {
        model.addAttribute("title", "Feedback-loop reporters");
        model.addAttribute("reporters", reporters.list());
        model.addAttribute("form", form);
        return "console/operator/reporters";
    }

    @PostMapping(PATH)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String dkimDomains,
            @RequestParam(required = false) String sourceRanges, @RequestParam(required = false) String reason, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        Form form = new Form(name, dkimDomains, sourceRanges, reason);
        try {
            Reporter r = reporters.create(form.definition(), actor());
            flash.addFlashAttribute("notice", "Reporter " + r.name() + " added: its reports count from now on.");
            return "redirect:" + PATH;
        } catch (RuleViolation e) {
            refused(e, model, response);
            return listPage(model, form);
        }
    }

    @GetMapping(PATH + "/{id}")
    String edit(@PathVariable long id, Model model) {
        Reporter r = reporters.find(id).orElseThrow(() -> new NotFound("feedback-loop reporter"));
        return editPage(model, r, Form.of(r));
    }

    private String editPage(Model model, Reporter r, Form form) {
        model.addAttribute("title", "Reporter " + r.name());
        model.addAttribute("r", r);
        model.addAttribute("form", form);
        model.addAttribute("changes", reporters.changes(r.id()));
        return "console/operator/reporter";
    }

    @PostMapping(PATH + "/{id}")
    String replace(@PathVariable long id, @RequestParam(required = false) String name, @RequestParam(required = false) String dkimDomains,
            @RequestParam(required = false) String sourceRanges, @RequestParam(required = false) String reason, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        Reporter current = reporters.find(id).orElseThrow(() -> new NotFound("feedback-loop reporter"));
        Form form = new Form(name, dkimDomains, sourceRanges, reason);
        try {
            Reporter r = reporters.replace(id, form.definition(), actor()).orElseThrow(() -> new NotFound("feedback-loop reporter"));
            flash.addFlashAttribute("notice", "Reporter " + r.name() + " saved: only its domains and ranges shown here count now.");
            return "redirect:" + PATH;
        } catch (RuleViolation e) {
            refused(e, model, response);
            return editPage(model, current, form);
        }
    }

    @PostMapping(PATH + "/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(required = false) String reason, Model model, HttpServletResponse response,
            RedirectAttributes flash) {
        Reporter r = reporters.find(id).orElseThrow(() -> new NotFound("feedback-loop reporter"));
        try {
            if (!reporters.delete(id, actor(), reason)) throw new NotFound("feedback-loop reporter");
        } catch (RuleViolation e) {
            refused(e, model, response);
            return editPage(model, r, Form.of(r));
        }
        flash.addFlashAttribute("notice", "Reporter " + r.name() + " removed: its reports no longer count.");
        return "redirect:" + PATH;
    }

    /**
     * The form again with every violation, answered with the API's status (422, or 409 for a name taken); the fields
     * at fault ({@code sourceRanges} for {@code sourceRanges[1]}) are marked invalid.
     */
    private static void refused(RuleViolation e, Model model, HttpServletResponse response) {
        response.setStatus(e.status());
        model.addAttribute("errors", new ArrayList<>(e.violations()));
        model.addAttribute("invalid", e.violations().stream().map(v -> v.field().replaceFirst("\\[.*$", "")).collect(Collectors.toSet()));
    }
}
