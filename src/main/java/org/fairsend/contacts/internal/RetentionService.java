package org.fairsend.contacts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * prospects' data is kept {@code prospectYears} from collection or from their last own contact (a click
 * counts, an open does not). A prospect is a contact with no contract in progress and no existing-customer
 * basis on any channel. Each run un-flags prospects who came back, flags those past the period, and erases
 * (reason {@code retention}: contact gone, consent personal data erased, addresses suppressed by hash) those
 * flagged at least {@code graceDays} ago and still inactive.
 */
@Service
class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    /** The contacts that count as prospects (SQL, alias-free, on table contact). */
    private static final String PROSPECT = """
            contract_active = false
            and coalesce(email_basis, '') <> 'existing_customer'
            and coalesce(sms_basis, '') <> 'existing_customer'
            and coalesce(voice_basis, '') <> 'existing_customer'""";
    /** Inactive since the cutoff: no own contact (else created_at) and no click after it. */
    private static final String INACTIVE = """
            coalesce(last_own_contact_at, created_at) < :cutoff
            and (last_click_at is null or last_click_at < :cutoff)""";

    private final JdbcClient jdbc;
    private final ContactService contacts;
    private final RetentionProperties props;
    private final org.fairsend.policy.PolicyService policies;
    private final Clock clock;
    private final TransactionTemplate tx;

    RetentionService(JdbcClient jdbc, ContactService contacts, RetentionProperties props, org.fairsend.policy.PolicyService policies, Clock clock,
            PlatformTransactionManager txm) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.props = props;
        this.policies = policies;
        this.clock = clock;
        this.tx = new TransactionTemplate(txm);
    }

    record RetentionRun(Instant asOf, int prospectYears, int graceDays, Instant cutoff, int unflagged, int flagged,
            int purged) {}

    RetentionRun run() {
        return run(null);
    }

    /** One run over every account, or over {@code account} only when it is not null. */
    RetentionRun run(UUID account) {
        Instant now = clock.instant();
        String scope = account == null ? "" : " and account_id = :account";
        // the period is policy, edited by the operator and versioned
        int prospectYears = policies.current().policy().retention().prospectYears();
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minusYears(prospectYears).toInstant();
        Instant purgeBefore = now.minus(Duration.ofDays(props.graceDays()));
        Timestamp c = Timestamp.from(cutoff);
        var unflag = jdbc.sql("update contact set retention_flagged_at = null where retention_flagged_at is not null and not ("
                + PROSPECT + " and " + INACTIVE + ")" + scope).param("cutoff", c);
        int unflagged = (account == null ? unflag : unflag.param("account", account)).update();
        var flag = jdbc.sql("update contact set retention_flagged_at = :now where retention_flagged_at is null and "
                + PROSPECT + " and " + INACTIVE + scope).param("now", Timestamp.from(now)).param("cutoff", c);
        int flagged = (account == null ? flag : flag.param("account", account)).update();
        record Due(UUID account, UUID id) {}
        var select = jdbc.sql("select account_id, id from contact where retention_flagged_at <= :before and "
                        + PROSPECT + " and " + INACTIVE + scope + " order by account_id, id")
                .param("before", Timestamp.from(purgeBefore)).param("cutoff", c);
        List<Due> due = (account == null ? select : select.param("account", account))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        int purged = 0;
        for (Due d : due) {
            tx.executeWithoutResult(s -> contacts.erase(d.account(), d.id(), "retention"));
            purged++;
        }
        if (flagged + purged + unflagged > 0) {
            log.info("retention: {} prospect(s) flagged, {} purged, {} un-flagged (period {} years, grace {} days)",
                    flagged, purged, unflagged, prospectYears, props.graceDays());
        }
        return new RetentionRun(now, prospectYears, props.graceDays(), cutoff, unflagged, flagged, purged);
    }
}
