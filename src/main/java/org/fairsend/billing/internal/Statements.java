package org.fairsend.billing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.billing.BillingStatements;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.BillingPolicy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicyTime;
import org.fairsend.reputation.ReputationViews;
import org.fairsend.reputation.ReputationViews.LineKind;
import org.fairsend.reputation.ReputationViews.PenaltyLine;
import org.fairsend.reputation.ReputationViews.Termination;
import org.springframework.stereotype.Service;

/**
 * {@link BillingStatements}: a month's statement computed from the account (fee, currency, opening day) and the
 * reputation module's ledger and terminations. Days and months are the policy's time zone's ({@link PolicyTime}), the
 * zone the ledger books its lines in: a penalty booked at 00:30 in Paris on the 1st (23:30 UTC the day before) is on
 * the new month's statement.
 *
 * <p>The subscription: the days of the month the account was in service, from the day it opened, through channel
 * suspensions (seed 002 §2.4: "without repercussion on the amount of the subscription"), to the day a termination took
 * effect (that day included); a termination later reversed leaves out the days between (the reinstatement day is billed
 * again). With {@code billing.subscriptionProration} {@code daily} the fee is prorated by days in service over the days
 * of the month (rounded half up to the cent); with {@code none} a month with a day in service is billed whole.
 */
@Service
class Statements implements BillingStatements {

    private final AccountDirectory accounts;
    private final ReputationViews reputation;
    private final PolicyService policies;
    private final PolicyTime time;
    private final Clock clock;

    Statements(AccountDirectory accounts, ReputationViews reputation, PolicyService policies, PolicyTime time, Clock clock) {
        this.accounts = accounts;
        this.reputation = reputation;
        this.policies = policies;
        this.time = time;
        this.clock = clock;
    }

    @Override
    public Statement statement(UUID accountId, YearMonth month) {
        Account account = accounts.get(accountId);
        ZoneId zone = time.zone();
        LocalDate today = time.today();
        if (month.isAfter(YearMonth.from(today))) {
            throw new RuleViolation("month", "billing", "a statement is for a month up to the current one (" + YearMonth.from(today) + ")");
        }
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        List<Line> lines = new ArrayList<>();

        // the subscription: days in service, suspensions or not
        List<Termination> terminations = reputation.terminations(accountId);
        LocalDate opened = account.createdAt().atZone(zone).toLocalDate();
        int days = 0;
        LocalDate first = null, last = null;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!inService(d, opened, terminations, zone)) continue;
            days++;
            if (first == null) first = d;
            last = d;
        }
        BillingPolicy.Proration proration = policies.current().policy().billing().subscriptionProration();
        long fee = account.subscriptionFeeCents();
        if (days > 0 && fee > 0) {
            int length = month.lengthOfMonth();
            String period = first + " to " + last;
            if (proration == BillingPolicy.Proration.NONE || days == length) {
                lines.add(new Line(LineType.SUBSCRIPTION, first, "Subscription, " + month + (days == length ? "" : " (" + days + " of " + length
                        + " days in service, " + period + "; a month with a day in service is billed whole)"), 1, "month", fee, fee,
                        account.currency(), null, null, null, null));
            } else {
                long amount = BigDecimal.valueOf(fee).multiply(BigDecimal.valueOf(days))
                        .divide(BigDecimal.valueOf(length), 0, RoundingMode.HALF_UP).longValueExact();
                lines.add(new Line(LineType.SUBSCRIPTION, first, "Subscription, " + month + ": " + days + " of " + length + " days in service ("
                        + period + ") at " + money(fee, account.currency()) + " a month", days, "day", null, amount, account.currency(), null, null,
                        null, null));
            }
        }

        // the ledger: penalties, termination charges and the credits of reversals booked this month
        for (PenaltyLine l : reputation.ledger(accountId, from, to)) {
            LineType type = l.reversesId() != null || l.amountCents() < 0 ? LineType.CREDIT
                    : l.kind() == LineKind.TERMINATION ? LineType.TERMINATION : LineType.PENALTY;
            String unit = l.kind() == LineKind.TERMINATION ? "month" : "spamtrap";
            lines.add(new Line(type, l.bookedOn(), l.description(), l.quantity(), unit, l.unitCents(), l.amountCents(), l.currency(),
                    l.campaignId(), l.incidentId(), l.id(), l.reversesId()));
        }

        Map<String, long[]> sums = new LinkedHashMap<>();
        sums.put(account.currency(), new long[4]);
        for (Line l : lines) {
            long[] s = sums.computeIfAbsent(l.currency(), c -> new long[4]);
            s[l.type().ordinal()] += l.amountCents();
        }
        List<Total> totals = new ArrayList<>();
        sums.forEach((c, s) -> totals.add(new Total(c, s[0], s[1], s[2], s[3], s[0] + s[1] + s[2] + s[3])));
        return new Statement(accountId, account.legalName(), month, from, to, zone.getId(), account.currency(), fee, days, List.copyOf(lines),
                List.copyOf(totals), today.isAfter(to), clock.instant());
    }

    /**
     * In service on day {@code d}: opened by then, and no termination in force that day (a termination's own day is
     * billed; a reversed one ends the day before its reversal).
     */
    static boolean inService(LocalDate d, LocalDate opened, List<Termination> terminations, ZoneId zone) {
        if (d.isBefore(opened)) return false;
        for (Termination t : terminations) {
            LocalDate ended = t.terminatedAt().atZone(zone).toLocalDate();
            LocalDate back = t.reversedAt() == null ? null : t.reversedAt().atZone(zone).toLocalDate();
            if (d.isAfter(ended) && (back == null || d.isBefore(back))) return false;
        }
        return true;
    }

    @Override
    public String csv(Statement statement) {
        return StatementFormats.csv(statement);
    }

    @Override
    public String html(Statement statement) {
        return StatementFormats.html(statement);
    }

    @Override
    public List<YearMonth> months(UUID accountId) {
        Account account = accounts.get(accountId);
        YearMonth first = YearMonth.from(account.createdAt().atZone(time.zone()));
        YearMonth now = YearMonth.from(time.today());
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = now; !m.isBefore(first) && out.size() < 120; m = m.minusMonths(1)) out.add(m);
        return out;
    }

    static String money(long cents, String currency) {
        return amount(cents) + " " + currency;
    }

    /** Major units with two decimals, a minus sign for a credit. */
    static String amount(long cents) {
        return (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format("%02d", Math.abs(cents) % 100);
    }
}
