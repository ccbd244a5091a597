package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.calltracking.CallTracking;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's pool of tracked numbers: import, assign to an account, release into quarantine, each with who and why. */
@Controller
class CallTrackingOperatorPages implements ConsolePage {

    private final CallTracking tracking;
    private final AccountDirectory accounts;

    CallTrackingOperatorPages(CallTracking tracking, AccountDirectory accounts) {
        this.tracking = tracking;
        this.accounts = accounts;
    }

    private static final String BACK = "redirect:/console/operator/calltracking";

    @GetMapping("/console/operator/calltracking")
    String pool(@RequestParam(required = false) String status, Model model) {
        model.addAttribute("title", "Tracked numbers");
        model.addAttribute("status", status);
        model.addAttribute("numbers", tracking.pool(status == null || status.isBlank() ? null : status));
        return "console/calltracking/operator-pool";
    }

    @GetMapping("/console/operator/calltracking/numbers/{id}")
    String number(@PathVariable UUID id, Model model) {
        var n = tracking.pool(null).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new org.fairsend.platform.NotFound("tracked number"));
        model.addAttribute("title", n.e164());
        model.addAttribute("n", n);
        model.addAttribute("history", tracking.history(id));
        return "console/calltracking/operator-number";
    }

    /** One number a line (or separated by commas); nothing is imported when one is invalid. */
    @PostMapping("/console/operator/calltracking/import")
    String importNumbers(@RequestParam(required = false) String numbers, @RequestParam(required = false) String note, RedirectAttributes flash) {
        List<String> list = numbers == null ? List.of()
                : Arrays.stream(numbers.split("[\\r\\n,;]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            var r = tracking.importNumbers(list, note == null || note.isBlank() ? null : note.strip());
            flash.addFlashAttribute("notice", r.imported().size() + " imported"
                    + (r.alreadyInPool().isEmpty() ? "." : ", already in the pool: " + String.join(", ", r.alreadyInPool()) + "."));
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return BACK;
    }

    @PostMapping("/console/operator/calltracking/numbers/{id}/assign")
    String assign(@PathVariable UUID id, @RequestParam(required = false) String accountId, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        try {
            UUID account;
            try {
                account = UUID.fromString(accountId == null ? "" : accountId.strip());
            } catch (IllegalArgumentException e) {
                throw new RuleViolation("accountId", "uuid", "give the account's id (from its page)");
            }
            var a = tracking.assign(id, account, ConsoleAdvice.me().actor(), reason == null || reason.isBlank() ? null : reason.strip());
            flash.addFlashAttribute("notice", a.e164() + " assigned to " + accounts.get(a.accountId()).displayName() + ".");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return BACK;
    }

    @PostMapping("/console/operator/calltracking/numbers/{id}/release")
    String release(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            var n = tracking.release(id, ConsoleAdvice.me().actor(), reason);
            flash.addFlashAttribute("notice", n.e164() + " released: in quarantine until " + n.quarantineUntil() + " (R-24).");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return BACK;
    }
}
