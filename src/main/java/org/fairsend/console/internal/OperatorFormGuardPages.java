package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.consent.FormRefusals;
import org.fairsend.platform.RuleViolation;
import org.fairsend.suppression.Suppression;
import org.fairsend.suppression.Suppressions;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's page for issue 15: hosted-form submissions the bot checks refused (per form, day and reason), the
 * suppression entries lifted (by a person coming back, or by an operator), and the operator's lift of a complaint or
 * bounce entry with a reason (audited: kept on the entry and in the account's operator actions).
 */
@Controller
class OperatorFormGuardPages implements ConsolePage {

    static final String PATH = "/console/operator/form-refusals";

    private final FormRefusals refusals;
    private final Suppressions suppressions;
    private final AccountService accounts;
    private final OperatorActionStore actions;

    OperatorFormGuardPages(FormRefusals refusals, Suppressions suppressions, AccountService accounts, OperatorActionStore actions) {
        this.refusals = refusals;
        this.suppressions = suppressions;
        this.accounts = accounts;
        this.actions = actions;
    }

    record Row(FormRefusals.Count c, String account) {}

    @GetMapping(PATH)
    String page(@RequestParam(defaultValue = "7") int days, Model model) {
        Map<UUID, String> names = new java.util.HashMap<>();
        List<Row> rows = refusals.refusals(null, null, days).stream().map(c -> new Row(c, names.computeIfAbsent(c.accountId(),
                id -> accounts.find(id).map(a -> a.displayName()).orElse(id.toString())))).toList();
        List<Suppression> lifted = suppressions.lifted(100);
        model.addAttribute("title", "Form refusals and lifts");
        model.addAttribute("days", Math.max(1, Math.min(days, 366)));
        model.addAttribute("rows", rows);
        model.addAttribute("lifted", lifted);
        return "console/operator/form-refusals";
    }

    @PostMapping("/console/operator/suppressions/lift")
    String lift(@RequestParam(required = false) Long id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            if (id == null) throw new RuleViolation("id", "required", "the number of the suppression entry (in the evidence pack)");
            Suppression s = suppressions.liftByOperator(id, ConsoleAdvice.me().actor(), reason);
            if (s.accountId() != null) {
                actions.record(s.accountId(), OperatorActionStore.Kind.SUPPRESSION_LIFTED,
                        "suppression entry " + s.id() + " (" + s.reason().code() + ", " + s.channel().code() + ")", s.liftReason(),
                        ConsoleAdvice.me().actor());
            }
            flash.addFlashAttribute("notice", "Suppression entry " + id + " lifted.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:" + PATH;
    }

    /** The page's link in the operator's navigation. */
    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser user) {
            return user.operator() ? List.of(new NavLink("Form refusals", PATH, 36)) : List.of();
        }
    }
}
