package org.fairsend.billing.internal;

import java.time.format.TextStyle;
import java.util.Locale;
import org.fairsend.billing.BillingStatements.Line;
import org.fairsend.billing.BillingStatements.Statement;
import org.fairsend.billing.BillingStatements.Total;
import org.springframework.web.util.HtmlUtils;

/**
 * A statement written as CSV and as printable HTML, with the same lines and totals as its JSON. Outside input (the
 * account's legal name, the operator's reasons quoted in credit lines) is escaped for each format: CSV cells are quoted
 * per RFC 4180 and a text cell starting with {@code = + - @}, a tab or a carriage return gets a leading {@code '} so a
 * spreadsheet never runs it as a formula (amounts are written by Fairsend and stay numbers); HTML text is escaped.
 */
final class StatementFormats {

    static final String CSV_HEADER = "account_id,account_name,month,type,date,description,quantity,unit,unit_amount,amount,currency,campaign_id,"
            + "incident_id,ledger_line_id,reverses_id";

    private StatementFormats() {}

    static String csv(Statement s) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (Line l : s.lines()) {
            row(out, s, l.type().code(), l.date().toString(), l.description(), String.valueOf(l.quantity()), l.unit(),
                    l.unitCents() == null ? "" : Statements.amount(l.unitCents()), Statements.amount(l.amountCents()), l.currency(),
                    str(l.campaignId()), str(l.incidentId()), str(l.ledgerLineId()), str(l.reversesId()));
        }
        for (Total t : s.totals()) {
            row(out, s, "total", s.to().toString(), "Total " + s.month() + " in " + t.currency() + " (subscription " + Statements.amount(t.subscriptionCents())
                    + ", penalties " + Statements.amount(t.penaltiesCents()) + ", termination " + Statements.amount(t.terminationCents())
                    + ", credits " + Statements.amount(t.creditsCents()) + ")", "", "", "", Statements.amount(t.totalCents()), t.currency(),
                    "", "", "", "");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Statement s, String... cells) {
        out.append(s.accountId()).append(',').append(cell(s.legalName())).append(',').append(s.month());
        for (String c : cells) out.append(',').append(cell(c));
        out.append("\r\n");
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** One CSV cell: formula-safe, then quoted when it holds a comma, a quote or a line break (the platform's writer). */
    static String cell(String v) {
        return org.fairsend.platform.CsvCells.cell(v);
    }

    static String html(Statement s) {
        String monthName = s.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + s.month().getYear();
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>Statement ").append(s.month()).append(" · ").append(e(s.legalName())).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/console/console.css\">\n</head>\n<body class=\"statement-page\">\n")
                .append("<main class=\"statement\" id=\"statement\" data-month=\"").append(s.month()).append("\">\n")
                .append("<header class=\"statement-head\"><p class=\"brand\">Fairsend</p><h1>Statement of account, ").append(monthName)
                .append("</h1></header>\n")
                .append("<table class=\"kv\">\n")
                .append(kv("Account", e(s.legalName())))
                .append(kv("Account id", s.accountId().toString()))
                .append(kv("Period", s.from() + " to " + s.to() + " (" + e(s.zone()) + ")"))
                .append(kv("Subscription", Statements.money(s.subscriptionFeeCents(), s.currency()) + " a month, " + s.daysInService()
                        + " day(s) in service this month"))
                .append(kv("Status", s.closed() ? "closed (the month is over)" : "provisional (the month is not over)"))
                .append("</table>\n")
                .append("<table class=\"lines\" id=\"lines\">\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Type</th>")
                .append("<th scope=\"col\">Description</th><th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" class=\"num\">Unit</th>")
                .append("<th scope=\"col\" class=\"num\">Amount</th></tr></thead>\n<tbody>\n");
        if (s.lines().isEmpty()) h.append("<tr><td colspan=\"6\">Nothing to bill this month.</td></tr>\n");
        for (Line l : s.lines()) {
            h.append("<tr class=\"line ").append(l.type().code()).append("\"><td>").append(l.date()).append("</td><td>").append(l.type().code())
                    .append("</td><td>").append(e(l.description())).append("</td><td class=\"num\">").append(l.quantity()).append(' ')
                    .append(e(l.unit())).append("</td><td class=\"num\">")
                    .append(l.unitCents() == null ? "" : Statements.money(l.unitCents(), l.currency())).append("</td><td class=\"num\">")
                    .append(Statements.money(l.amountCents(), l.currency())).append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot>\n");
        for (Total t : s.totals()) {
            h.append(sum("Subscription", t.subscriptionCents(), t.currency(), null))
                    .append(sum("Penalties", t.penaltiesCents(), t.currency(), null))
                    .append(sum("Termination charge", t.terminationCents(), t.currency(), null))
                    .append(sum("Credits from reversals", t.creditsCents(), t.currency(), null))
                    .append(sum("Total", t.totalCents(), t.currency(), "total-" + t.currency()));
        }
        h.append("</tfoot>\n</table>\n")
                .append("<p class=\"muted\">Amounts exclude tax. The subscription is billed during a channel suspension; penalties follow the"
                        + " sanctions ladder (R-15) per spamtrap observed on the incriminated campaigns of each step; credits are the operator's"
                        + " reversals. Generated ").append(s.generatedAt()).append(".</p>\n")
                .append("<p class=\"no-print muted\">To keep a PDF, print this page and choose \"Save as PDF\".</p>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String kv(String k, String v) {
        return "<tr><th scope=\"row\">" + k + "</th><td>" + v + "</td></tr>\n";
    }

    private static String sum(String label, long cents, String currency, String id) {
        return "<tr class=\"sum" + (id == null ? "" : " total") + "\"><th scope=\"row\" colspan=\"5\">" + label + " (" + e(currency) + ")</th>"
                + "<td class=\"num\"" + (id == null ? "" : " id=\"" + e(id) + "\"") + ">" + Statements.money(cents, currency) + "</td></tr>\n";
    }

    private static String e(String v) {
        return v == null ? "" : HtmlUtils.htmlEscape(v, "UTF-8");
    }
}
