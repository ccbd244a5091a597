package org.fairsend.billing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Codes;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An account's monthly statement (issue 19, seed 002 §2.4): what it owes for one month of the policy's time zone, as the
 * API and the console show it. An unknown account answers {@link org.fairsend.platform.NotFound}; a month after the
 * current one a {@link org.fairsend.platform.RuleViolation} on field {@code month}. The CSV and the HTML carry the same
 * lines and totals as the JSON.
 */
public interface BillingStatements {

    /** What a statement line is; {@link #toString()} is its code. */
    enum LineType {
        /** The month's subscription, whatever the channels' suspensions. */
        SUBSCRIPTION,
        /** a penalty per spamtrap observed on an incriminated campaign of a step of the ladder. */
        PENALTY,
        /** the termination charge, months of subscription. */
        TERMINATION,
        /** The operator reversed a penalty or a termination: a negative line naming the line it credits. */
        CREDIT;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /**
     * One line: amounts in minor units (cents) excluding tax. A subscription line counts days in service ({@code unit}
     * {@code day}, no unit amount, prorated) or a whole {@code month}; a ledger line names its ledger line, campaign
     * and incident, and a credit the line it reverses.
     */
    record Line(LineType type, LocalDate date, String description, long quantity, String unit, Long unitCents, long amountCents,
            String currency, UUID campaignId, Long incidentId, Long ledgerLineId, Long reversesId) {}

    /** The sums of one currency (a penalty may be in the ladder's currency, the subscription in the account's). */
    record Total(String currency, long subscriptionCents, long penaltiesCents, long terminationCents, long creditsCents, long totalCents) {}

    /**
     * The statement of {@code month} ({@code from}..{@code to}, days of the policy's time zone {@code zone}); {@code totals}
     * has the account's currency first; {@code closed} is false while the month is not over (it may still change).
     */
    record Statement(UUID accountId, String legalName, YearMonth month, LocalDate from, LocalDate to, String zone, String currency,
            long subscriptionFeeCents, int daysInService, List<Line> lines, List<Total> totals, boolean closed, Instant generatedAt) {

        /** The total of a currency (0 when nothing is in it). */
        public long totalCents(String currency) {
            return totals.stream().filter(t -> t.currency().equals(currency)).mapToLong(Total::totalCents).sum();
        }
    }

    Statement statement(UUID accountId, YearMonth month);

    /** The statement as CSV (RFC 4180, CRLF; text cells that a spreadsheet would read as a formula are prefixed with '). */
    String csv(Statement statement);

    /** The statement as a standalone HTML page for printing (to paper or PDF), every text escaped. */
    String html(Statement statement);

    /** The months of the account's statements, from the month it opened to the current one, latest first. */
    List<YearMonth> months(UUID accountId);

    /** A statement's month as a path gives it ({@code 2026-11}); anything else is a {@link RuleViolation} on {@code month}. */
    static YearMonth month(String v) {
        try {
            return YearMonth.parse(v == null ? "" : v.strip());
        } catch (DateTimeParseException e) {
            throw new RuleViolation("month", "format", "a month such as 2026-11");
        }
    }

    /** The statement's CSV as a download, for the API and the console alike. */
    default ResponseEntity<String> csvDownload(Statement s) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"fairsend-statement-" + s.month() + ".csv\"")
                .header("X-Content-Type-Options", "nosniff").body(csv(s));
    }

    /**
     * The printable statement, for the API and the console alike: a page of its own that runs no script, loads nothing
     * but its own styles and images, and submits nowhere.
     */
    default ResponseEntity<String> htmlDownload(Statement s) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html; charset=UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none';"
                        + " form-action 'none'; frame-ancestors 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"fairsend-statement-" + s.month() + ".html\"").body(html(s));
    }
}
