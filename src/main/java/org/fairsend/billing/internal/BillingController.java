package org.fairsend.billing.internal;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.billing.BillingStatements;
import org.fairsend.billing.BillingStatements.Statement;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cluster.ReadReplica;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly statements (issue 19). {@code /api/billing/**} is the caller's own account (another account's id answers
 * 404); {@code /api/operator/billing/**} any account. Each statement as JSON, as CSV ({@code .csv}, an attachment) and as
 * printable HTML ({@code .html}, shown inline, with nosniff and a content security policy that allows no script). Read
 * on the read replica when one is configured, like the other reports.
 */
@RestController
class BillingController {

    private final BillingStatements statements;
    private final ReadReplica replica;

    BillingController(BillingStatements statements, ReadReplica replica) {
        this.statements = statements;
        this.replica = replica;
    }

    // ----- the account's own

    @GetMapping("/api/billing/statements")
    List<YearMonth> months() {
        return replica.read(() -> statements.months(Caller.current().accountId()));
    }

    @GetMapping("/api/billing/statements/{month}")
    Statement statement(@PathVariable String month) {
        return own(Caller.current().accountId(), month);
    }

    @GetMapping(value = "/api/billing/statements/{month}.csv", produces = "text/csv")
    ResponseEntity<String> statementCsv(@PathVariable String month) {
        return csv(own(Caller.current().accountId(), month));
    }

    @GetMapping(value = "/api/billing/statements/{month}.html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> statementHtml(@PathVariable String month) {
        return html(own(Caller.current().accountId(), month));
    }

    @GetMapping("/api/billing/accounts/{id}/statements/{month}")
    Statement accountStatement(@PathVariable UUID id, @PathVariable String month) {
        return own(id, month);
    }

    @GetMapping(value = "/api/billing/accounts/{id}/statements/{month}.csv", produces = "text/csv")
    ResponseEntity<String> accountStatementCsv(@PathVariable UUID id, @PathVariable String month) {
        return csv(own(id, month));
    }

    @GetMapping(value = "/api/billing/accounts/{id}/statements/{month}.html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> accountStatementHtml(@PathVariable UUID id, @PathVariable String month) {
        return html(own(id, month));
    }

    // ----- the operator's

    @GetMapping("/api/operator/billing/accounts/{id}/statements")
    List<YearMonth> operatorMonths(@PathVariable UUID id) {
        return replica.read(() -> statements.months(id));
    }

    @GetMapping("/api/operator/billing/accounts/{id}/statements/{month}")
    Statement operatorStatement(@PathVariable UUID id, @PathVariable String month) {
        return read(id, month);
    }

    @GetMapping(value = "/api/operator/billing/accounts/{id}/statements/{month}.csv", produces = "text/csv")
    ResponseEntity<String> operatorStatementCsv(@PathVariable UUID id, @PathVariable String month) {
        return csv(read(id, month));
    }

    @GetMapping(value = "/api/operator/billing/accounts/{id}/statements/{month}.html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> operatorStatementHtml(@PathVariable UUID id, @PathVariable String month) {
        return html(read(id, month));
    }

    /** The caller's own account only: another account's statement does not exist for it. */
    private Statement own(UUID id, String month) {
        if (!id.equals(Caller.current().accountId())) throw new NotFound("account");
        return read(id, month);
    }

    private Statement read(UUID id, String month) {
        YearMonth m = BillingStatements.month(month);
        return replica.read(() -> statements.statement(id, m));
    }

    private ResponseEntity<String> csv(Statement s) {
        return statements.csvDownload(s);
    }

    private ResponseEntity<String> html(Statement s) {
        return statements.htmlDownload(s);
    }
}
