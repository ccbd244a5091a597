package org.fairsend.contacts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.fairsend.suppression.SuppressionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final RetentionStore store;
    private final ContactService contacts;
    private final RetentionProperties props;
    private final org.fairsend.policy.PolicyService policies;
    private final Clock clock;
    private final TransactionTemplate tx;

    RetentionService(RetentionStore store, ContactService contacts, RetentionProperties props,
            org.fairsend.policy.PolicyService policies, Clock clock, PlatformTransactionManager txm) {
        this.store = store;
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
        // the period is policy, edited by the operator and versioned
        int prospectYears = policies.current().policy().retention().prospectYears();
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minusYears(prospectYears).toInstant();
        Instant purgeBefore = now.minus(Duration.ofDays(props.graceDays()));
        int unflagged = store.unflag(account, cutoff);
        int flagged = store.flag(account, cutoff, now);
        List<RetentionStore.Due> due = store.due(account, cutoff, purgeBefore);
        int purged = 0;
        for (RetentionStore.Due d : due) {
            tx.executeWithoutResult(s -> contacts.erase(d.account(), d.id(), SuppressionReason.RETENTION));
            purged++;
        }
        if (flagged + purged + unflagged > 0) {
            log.info("retention: {} prospect(s) flagged, {} purged, {} un-flagged (period {} years, grace {} days)",
                    flagged, purged, unflagged, prospectYears, props.graceDays());
        }
        return new RetentionRun(now, prospectYears, props.graceDays(), cutoff, unflagged, flagged, purged);
    }
}
