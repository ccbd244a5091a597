package org.fairsend.console.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.billing.BillingStatements;
import org.fairsend.billing.BillingStatements.Statement;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cluster.ReadReplica;
import org.fairsend.policy.PolicyTime;
import org.fairsend.reputation.ReputationViews;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The monthly statements in the console (issue 19), through {@link BillingStatements} only: the account's own under
 * {@code /console/billing}, any account's under {@code /console/operator/accounts/{id}/billing}; each month's
 * statement as a page, as CSV and as a printable page (print it, or save it as PDF) styled by {@code console.css}'s
 * print rules; on the operator's page of an account, its contract: terminations, and the operator's termination or
 * reinstatement with a reason (R-15, through {@link ReputationViews}, audited there and in the console's operator actions).
 */
@Controller
class BillingPages implements ConsolePage {

    private final BillingStatements statements;
    private final AccountService accounts;
    private final PolicyTime time;
    private final ReadReplica replica;
    private final ReputationViews reputation;
    private final OperatorActionStore actions;

    BillingPages(BillingStatements statements, AccountService accounts, PolicyTime time, ReadReplica replica, ReputationViews reputation,
            OperatorActionStore actions) {
        this.reputation = reputation;
        this.actions = actions;
        this.statements = statements;
        this.accounts = accounts;
        this.time = time;
        this.replica = replica;
    }

    /**
     * The navigation link for accounts, and a panel on the operator's page of an account: the contract (terminations,
     * terminate or reinstate with a reason) and the link to the monthly statements.
     */
    @Component
    static class Section implements ConsoleSection {
        private final ReputationViews reputation;
        private final AccountService accounts;

        Section(ReputationViews reputation, AccountService accounts) {
            this.reputation = reputation;
            this.accounts = accounts;
        }

        @Override
        public List<NavLink> links(ConsoleUser u) {
            return u.operator() ? List.of() : List.of(new NavLink("Billing", "/console/billing", 80));
        }

        @Override
        public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
            boolean terminated = accounts.get(accountId).status() == Account.Status.TERMINATED;
            return List.of(new HomePanel(ConsoleSection.Slot.SANCTIONS, "Contract and monthly statements", "console/billing-parts :: operator-panel",
                    Map.of("href", "/console/operator/accounts/" + accountId + "/billing", "base", "/console/operator/accounts/" + accountId + "/contract/",
                            "terminated", terminated, "terminations", reputation.terminations(accountId).reversed()), 2));
        }
    }

    /** the operator terminates the account's contract with a reason (the termination charge is booked). */
    @PostMapping("/console/operator/accounts/{id}/contract/terminate")
    String terminate(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        accounts.get(id);
        try {
            reputation.terminate(id, ConsoleAdvice.me().actor(), reason == null ? null : reason.strip());
            actions.record(id, OperatorActionStore.Kind.ACCOUNT_TERMINATED, "contract terminated", reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "The contract is terminated: nothing leaves any more; the termination charge is booked.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "#billing";
    }

    /** The operator reinstates a terminated account with a reason (the termination charge is credited). */
    @PostMapping("/console/operator/accounts/{id}/contract/reinstate")
    String reinstate(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        accounts.get(id);
        try {
            reputation.reinstate(id, ConsoleAdvice.me().actor(), reason == null ? null : reason.strip());
            actions.record(id, OperatorActionStore.Kind.ACCOUNT_REINSTATED, "contract reinstated", reason.strip(), ConsoleAdvice.me().actor());
            flash.addFlashAttribute("notice", "The account is reinstated; the termination charge is credited.");
        } catch (RuleViolation e) {
            flash.addFlashAttribute("errors", new ArrayList<>(e.violations()));
        }
        return "redirect:/console/operator/accounts/" + id + "#billing";
    }

    // ----- the account's own

    @GetMapping("/console/billing")
    String mine(@RequestParam(required = false) String month, Model model) {
        return page(ConsoleAdvice.me().account(), month, "/console/billing", model);
    }

    @GetMapping(value = "/console/billing/statements/{month}.csv", produces = "text/csv")
    ResponseEntity<String> mineCsv(@PathVariable String month) {
        return csv(read(ConsoleAdvice.me().account(), month));
    }

    @GetMapping(value = "/console/billing/statements/{month}/print", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> minePrint(@PathVariable String month) {
        return print(read(ConsoleAdvice.me().account(), month));
    }

    // ----- the operator's

    @GetMapping("/console/operator/accounts/{id}/billing")
    String operator(@PathVariable UUID id, @RequestParam(required = false) String month, Model model) {
        accounts.get(id);
        model.addAttribute("account", accounts.get(id));
        return page(id, month, "/console/operator/accounts/" + id + "/billing", model);
    }

    @GetMapping(value = "/console/operator/accounts/{id}/billing/statements/{month}.csv", produces = "text/csv")
    ResponseEntity<String> operatorCsv(@PathVariable UUID id, @PathVariable String month) {
        return csv(read(id, month));
    }

    @GetMapping(value = "/console/operator/accounts/{id}/billing/statements/{month}/print", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> operatorPrint(@PathVariable UUID id, @PathVariable String month) {
        return print(read(id, month));
    }

    private String page(UUID accountId, String month, String base, Model model) {
        Statement s = read(accountId, month == null || month.isBlank() ? YearMonth.from(time.today()).toString() : month);
        model.addAttribute("title", "Statement " + s.month());
        model.addAttribute("s", s);
        model.addAttribute("months", replica.read(() -> statements.months(accountId)));
        model.addAttribute("base", base);
        model.addAttribute("money", new Money());
        return "console/billing";
    }

    /** Amounts for the page: major units, two decimals, the currency. */
    static final class Money {
        public String of(long cents, String currency) {
            return (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format("%02d", Math.abs(cents) % 100) + " " + currency;
        }
    }

    private Statement read(UUID accountId, String month) {
        YearMonth m;
        try {
            m = BillingStatements.month(month);
        } catch (RuleViolation e) {
            throw new NotFound("statement"); // a page address naming no month is a page that does not exist
        }
        return replica.read(() -> statements.statement(accountId, m));
    }

    private ResponseEntity<String> csv(Statement s) {
        return statements.csvDownload(s);
    }

    private ResponseEntity<String> print(Statement s) {
        return statements.htmlDownload(s);
    }
}
