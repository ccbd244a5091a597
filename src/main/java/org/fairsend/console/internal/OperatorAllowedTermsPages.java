package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.content.AllowedTerms;
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
 * The operator's page of an account's allowed terms and names: a brand, a shop or a place of the account that
 * contains a word of a theme ("Casino Shop", "Tabac de la Gare"); screening does not report a match inside one, for
 * this account only. Added with a reason and removed; the history keeps who did what and when.
 */
@Controller
class OperatorAllowedTermsPages implements ConsolePage {

    private final AllowedTerms terms;
    private final AccountService accounts;

    OperatorAllowedTermsPages(AllowedTerms terms, AccountService accounts) {
        this.terms = terms;
        this.accounts = accounts;
    }

    static String path(UUID accountId) {
        return "/console/operator/accounts/" + accountId + "/allowed-terms";
    }

    @GetMapping("/console/operator/accounts/{accountId}/allowed-terms")
    String page(@PathVariable UUID accountId, Model model) {
        Account a = accounts.find(accountId).orElseThrow(() -> new NotFound("account"));
        model.addAttribute("title", "Allowed terms - " + a.displayName());
        model.addAttribute("a", a);
        model.addAttribute("terms", terms.list(accountId));
        model.addAttribute("history", terms.history(accountId));
        return "console/operator/allowed-terms";
    }

    @PostMapping("/console/operator/accounts/{accountId}/allowed-terms")
    String add(@PathVariable UUID accountId, @RequestParam(required = false) String term, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        accounts.find(accountId).orElseThrow(() -> new NotFound("account"));
        try {
            var added = terms.add(accountId, term, reason, ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "'" + added.term() + "' is allowed for this account.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:" + path(accountId);
    }

    @PostMapping("/console/operator/accounts/{accountId}/allowed-terms/{id}/remove")
    String remove(@PathVariable UUID accountId, @PathVariable long id, RedirectAttributes flash) {
        if (!terms.remove(accountId, id, ConsoleAdvice.me().actor())) throw new NotFound("allowed term");
        flash.addFlashAttribute("notice", "The term was removed.");
        return "redirect:" + path(accountId);
    }
}
