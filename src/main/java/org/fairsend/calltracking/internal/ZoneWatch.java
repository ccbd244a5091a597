package org.fairsend.calltracking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDetailsChanged;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.calltracking.CallTracking.RedirectStatus;
import org.fairsend.platform.Codes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When an account's main phone number or postcode changes, its zone may change: every redirection is
 * checked again; those that no longer comply are suspended (calls are then refused by the provider webhook's
 * answer) and reported to the account by mail; suspended ones that comply again are reinstated.
 */
@Component
class ZoneWatch {

    private static final Logger log = LoggerFactory.getLogger(ZoneWatch.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final TrackingSetup setup;
    private final AccountMail mail;

    ZoneWatch(JdbcClient jdbc, Clock clock, AccountDirectory accounts, TrackingSetup setup, AccountMail mail) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.setup = setup;
        this.mail = mail;
    }

    @ApplicationModuleListener
    void on(AccountDetailsChanged e) {
        recheck(e.accountId());
    }

    /** What a re-check did to a redirection, stored as the code in {@code ct_redirection_event.kind}. */
    enum ChangeKind {
        SUSPENDED, REINSTATED;

        @com.fasterxml.jackson.annotation.JsonValue
        String code() {
            return Codes.code(this);
        }

        static ChangeKind of(String code) {
            return Codes.of(ChangeKind.class, code, "kind");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    record Change(UUID numberId, String number, String redirectTo, ChangeKind kind, String reason) {}

    List<Change> recheck(UUID accountId) {
        Account account = accounts.get(accountId);
        List<Change> changes = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (TrackingSetup.Line l : setup.lines(accountId)) {
            if (l.redirectTo() == null || l.redirectStatus() == RedirectStatus.NONE) continue;
            RedirectionRules.Verdict v = setup.verdict(account, l.redirectTo());
            if (!v.allowed() && l.redirectStatus() == RedirectStatus.ACTIVE) {
                jdbc.sql("""
                        update ct_assignment set redirect_status = ?, suspended_reason = ?, suspended_at = ?
                        where number_id = ? and released_at is null""")
                        .params(RedirectStatus.SUSPENDED.code(), v.message(), now, l.numberId()).update();
                changes.add(new Change(l.numberId(), l.number(), l.redirectTo(), ChangeKind.SUSPENDED, v.message()));
            } else if (v.allowed() && l.redirectStatus() == RedirectStatus.SUSPENDED) {
                jdbc.sql("""
                        update ct_assignment set redirect_status = ?, suspended_reason = null, suspended_at = null
                        where number_id = ? and released_at is null""").params(RedirectStatus.ACTIVE.code(), l.numberId()).update();
                changes.add(new Change(l.numberId(), l.number(), l.redirectTo(), ChangeKind.REINSTATED, "complies with R-23 again"));
            }
        }
        if (changes.isEmpty()) return changes;
        for (Change c : changes) {
            jdbc.sql("""
                    insert into ct_redirection_event (assignment_id, account_id, kind, redirect_to, reason, at)
                    select id, ?, ?, ?, ?, ? from ct_assignment where number_id = ? and released_at is null""")
                    .params(accountId, c.kind().code(), c.redirectTo(), c.reason(), now, c.numberId()).update();
        }
        StringBuilder text = new StringBuilder("The telephone zone of " + account.displayName() + " is now "
                + FrenchNumbering.zoneOf(account).orElse("unknown") + " (from " + FrenchNumbering.zoneSource(account)
                + "). Redirections of your tracked numbers were checked again against R-23:\n\n");
        for (Change c : changes) {
            text.append("- ").append(c.number()).append(" -> ").append(c.redirectTo()).append(": ").append(c.kind().code()).append(". ")
                    .append(c.reason()).append('\n');
        }
        text.append("\nA suspended number's calls are not forwarded until you set a redirection in your zone "
                + "(PUT /api/calltracking/numbers/{id}).\n");
        try {
            mail.send(setup.recipient(accountId), "Call tracking: redirections " + (changes.stream().anyMatch(c -> c.kind() == ChangeKind.SUSPENDED)
                    ? ChangeKind.SUSPENDED : ChangeKind.REINSTATED).code(), text.toString(), null, null);
            jdbc.sql("update ct_redirection_event set reported_at = ? where account_id = ? and reported_at is null")
                    .params(Timestamp.from(clock.instant()), accountId).update();
        } catch (RuntimeException ex) {
            log.warn("redirection changes of account {} could not be mailed: {}", accountId, ex.getMessage());
        }
        return changes;
    }
}
