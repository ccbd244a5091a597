package org.fairsend.calltracking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.policy.PolicyTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Weekly and monthly reports mailed to the accounts that asked for them: the last completed week
 * (Monday to Sunday) or month in the policy's time zone, as CSV and HTML, each period once ({@code ct_report_sent}). Run
 * by {@link ReportSchedule}; "now" comes from the application clock.
 */
@Service
class RecurringReports {

    private static final Logger log = LoggerFactory.getLogger(RecurringReports.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TrackingSetup setup;
    private final Reports reports;
    private final AccountMail mail;
    private final AccountDirectory accounts;
    private final TransactionTemplate tx;
    private final PolicyTime time;

    RecurringReports(JdbcClient jdbc, Clock clock, TrackingSetup setup, Reports reports, AccountMail mail,
            AccountDirectory accounts, TransactionTemplate tx, PolicyTime time) {
        this.time = time;
        this.jdbc = jdbc;
        this.clock = clock;
        this.setup = setup;
        this.reports = reports;
        this.mail = mail;
        this.accounts = accounts;
        this.tx = tx;
    }

    record Sent(UUID accountId, ReportPeriod period, LocalDate from, LocalDate to, String recipient) {}

    /** Sends every report due at the clock's now. */
    List<Sent> runDue() {
        return runDue(clock.instant());
    }

    List<Sent> runDue(Instant now) {
        LocalDate today = time.dayOf(now);
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        LocalDate monthStart = today.withDayOfMonth(1).minusMonths(1);
        List<Sent> sent = new ArrayList<>();
        for (ReportPeriod period : ReportPeriod.values()) {
            Reports.Period p = period == ReportPeriod.WEEKLY ? reports.period(weekStart, weekStart.plusDays(6))
                    : reports.period(monthStart, monthStart.with(TemporalAdjusters.lastDayOfMonth()));
            for (UUID account : setup.reportAccounts(period)) {
                try {
                    Sent s = tx.execute(t -> send(account, period, p));
                    if (s != null) sent.add(s);
                } catch (RuntimeException e) {
                    log.warn("{} call tracking report of account {} not sent (retried at the next run): {}", period, account, e.getMessage());
                }
            }
        }
        return sent;
    }

    private Sent send(UUID accountId, ReportPeriod period, Reports.Period p) {
        Account account = accounts.find(accountId).orElse(null);
        if (account == null || account.status() != Account.Status.ACTIVE) return null;
        String to = setup.recipient(accountId);
        int claimed = jdbc.sql("""
                insert into ct_report_sent (account_id, period, period_start, sent_at, recipient)
                select ?, ?, ?, ?, ? where not exists
                  (select 1 from ct_report_sent where account_id = ? and period = ? and period_start = ?)""")
                .params(accountId, period.code(), p.from(), Timestamp.from(clock.instant()), to, accountId, period.code(), p.from()).update();
        if (claimed == 0) return null;
        Reports.Report r = reports.report(accountId, p);
        String notice = setup.fullNumbers(accountId) && r.totals().missed() > 0 ? TrackingSetup.OPPOSITION_NOTICE : null;
        String text = "Call tracking, " + period.code() + " report for " + account.displayName() + ", " + p.from() + " to " + p.to()
                + " (" + p.zone().getId() + ")\n\n" + r.media().stream().map(m -> "- " + m.name() + ": " + m.calls() + " calls (" + m.answered()
                + " answered, " + m.missed() + " missed, " + m.durationSeconds() + " s), " + m.forms() + " forms, " + m.emails()
                + " emails").reduce("", (a, b) -> a + b + "\n")
                + "\nTotal: " + r.totals().calls() + " calls, " + r.totals().forms() + " forms, " + r.totals().emails()
                + " emails.\nThe attached CSV has the figures by zone, département and line type.\n"
                + (notice == null ? "" : "\nCalling back missed calls: " + notice + "\n");
        mail.send(to, "Call tracking " + period.code() + " report " + p.from() + " to " + p.to(), text,
                Reports.html(r, account.displayName(), notice), null,
                new AccountMail.Attachment("calltracking-" + period.code() + "-" + p.from() + ".csv", "text/csv; charset=UTF-8",
                        AccountMail.utf8(Reports.csv(r))));
        return new Sent(accountId, period, p.from(), p.to(), to);
    }
}
