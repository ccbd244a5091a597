package org.fairsend.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the retention of prospects' data: which contacts are prospects past the period, flagged
 * and un-flagged in one statement each, and those due for erasure.
 */
@Repository
class RetentionStore {

    /**
     * The contacts that count as prospects (SQL on table contact, no alias): no contract in progress and no
     * existing-customer basis on any channel (the subscription rows' primary key serves the look-up).
     */
    private static final String PROSPECT = """
            contract_active = false
            and not exists (select 1 from contact_subscription s where s.contact_id = contact.id
                and s.basis = 'existing_customer')""";
    /** Inactive since the cutoff: no own contact (else created_at) and no click after it. */
    private static final String INACTIVE = """
            coalesce(last_own_contact_at, created_at) < :cutoff
            and (last_click_at is null or last_click_at < :cutoff)""";

    private final JdbcClient jdbc;

    RetentionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact due for erasure. */
    record Due(UUID account, UUID id) {}

    /** Un-flags the flagged contacts that are no longer inactive prospects; {@code account} null: every account. */
    int unflag(UUID account, Instant cutoff) {
        var unflag = jdbc.sql("update contact set retention_flagged_at = null where retention_flagged_at is not null and not ("
                + PROSPECT + " and " + INACTIVE + ")" + scope(account)).param("cutoff", Timestamp.from(cutoff));
        return (account == null ? unflag : unflag.param("account", account)).update();
    }

    /** Flags the inactive prospects not flagged yet. */
    int flag(UUID account, Instant cutoff, Instant now) {
        var flag = jdbc.sql("update contact set retention_flagged_at = :now where retention_flagged_at is null and "
                + PROSPECT + " and " + INACTIVE + scope(account)).param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(cutoff));
        return (account == null ? flag : flag.param("account", account)).update();
    }

    /** The inactive prospects flagged before {@code flaggedBefore}, by account. */
    List<Due> due(UUID account, Instant cutoff, Instant flaggedBefore) {
        var select = jdbc.sql("select account_id, id from contact where retention_flagged_at <= :before and "
                        + PROSPECT + " and " + INACTIVE + scope(account) + " order by account_id, id")
                .param("before", Timestamp.from(flaggedBefore)).param("cutoff", Timestamp.from(cutoff));
        return (account == null ? select : select.param("account", account))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    private static String scope(UUID account) {
        return account == null ? "" : " and account_id = :account";
    }
}
