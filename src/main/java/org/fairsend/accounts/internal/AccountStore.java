package org.fairsend.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory.ChannelState;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of accounts: tables {@code account} and {@code account_channel} (V1, V14; its marketing pause V102). Statuses are stored as the
 * lower-case codes of {@link Account.Status} and {@link ChannelState}.
 */
@Repository
class AccountStore {

    /** One stored {@code account_channel} row, as written (a lapsed suspension is still {@code suspended} here). */
    record ChannelRow(ChannelState status, Instant until, String reason) {}

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new active account with every channel active. */
    void insert(UUID id, String legalName, String tradeName, String country, boolean mainlandFrance, String email, String phone,
            String postcode, long fee, String currency, Instant now) {
        jdbc.sql("""
                insert into account (id, legal_name, trade_name, country, mainland_france, contact_email, main_phone,
                    postcode, subscription_fee_cents, currency, status, regulated, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)""")
                .params(id, legalName, tradeName, country, mainlandFrance, email, phone, postcode, fee, currency,
                        code(Account.Status.ACTIVE), Timestamp.from(now))
                .update();
        for (Channel c : Channel.values()) {
            jdbc.sql("insert into account_channel (account_id, channel, status, updated_at) values (?, ?, ?, ?)")
                    .params(id, c.code(), ChannelState.ACTIVE.code(), Timestamp.from(now)).update();
        }
    }

    void updateDetails(UUID id, String phone, String postcode) {
        jdbc.sql("update account set main_phone = ?, postcode = ? where id = ?").params(phone, postcode, id).update();
    }

    /** Issue 20: the account's default recipient language and its postal address, as given (null: none). */
    void updateSettings(UUID id, String language, String postalAddress) {
        jdbc.sql("update account set language = ?, postal_address = ? where id = ?").params(language, postalAddress, id).update();
    }

    Optional<Account> find(UUID id) {
        return jdbc.sql("select * from account where id = ?").param(id).query(AccountStore::map).optional();
    }

    List<Account> list() {
        return jdbc.sql("select * from account order by created_at").query(AccountStore::map).list();
    }

    Optional<ChannelRow> channel(UUID accountId, Channel channel) {
        return jdbc.sql("select status, until_at, reason from account_channel where account_id = ? and channel = ?")
                .params(accountId, channel.code())
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp("until_at");
                    return new ChannelRow(ChannelState.of(rs.getString("status")), until == null ? null : until.toInstant(),
                            rs.getString("reason"));
                })
                .optional();
    }

    /** Sets a channel's status; {@code until} null for no end. */
    void setChannel(UUID accountId, Channel channel, ChannelState status, Instant until, String reason, Instant now) {
        jdbc.sql("update account_channel set status = ?, until_at = ?, reason = ?, updated_at = ? where account_id = ? and channel = ?")
                .params(status.code(), until == null ? null : Timestamp.from(until), reason, Timestamp.from(now), accountId,
                        channel.code())
                .update();
    }

    /** The marketing pause of a channel (R-14, V102): since when and why, or empty. */
    Optional<org.fairsend.accounts.AccountDirectory.MarketingPause> marketingPause(UUID accountId, Channel channel) {
        return jdbc.sql("select marketing_paused_at, marketing_pause_reason from account_channel where account_id = ? and channel = ?"
                + " and marketing_paused_at is not null")
                .params(accountId, channel.code())
                .query((rs, n) -> new org.fairsend.accounts.AccountDirectory.MarketingPause(channel,
                        rs.getTimestamp("marketing_paused_at").toInstant(), rs.getString("marketing_pause_reason")))
                .optional();
    }

    /** Pauses the channel's marketing unless it already is; true when this call paused it. */
    boolean pauseMarketing(UUID accountId, Channel channel, String reason, Instant now) {
        return jdbc.sql("update account_channel set marketing_paused_at = ?, marketing_pause_reason = ?, updated_at = ?"
                + " where account_id = ? and channel = ? and marketing_paused_at is null")
                .params(Timestamp.from(now), reason, Timestamp.from(now), accountId, channel.code()).update() > 0;
    }

    /** Lifts the channel's marketing pause; true when it was paused. */
    boolean resumeMarketing(UUID accountId, Channel channel, Instant now) {
        return jdbc.sql("update account_channel set marketing_paused_at = null, marketing_pause_reason = null, updated_at = ?"
                + " where account_id = ? and channel = ? and marketing_paused_at is not null")
                .params(Timestamp.from(now), accountId, channel.code()).update() > 0;
    }

    void setStatus(UUID accountId, Account.Status status) {
        jdbc.sql("update account set status = ? where id = ?").params(code(status), accountId).update();
    }

    private static String code(Account.Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    static Account map(ResultSet rs, int n) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("legal_name"), rs.getString("trade_name"),
                rs.getString("country"), rs.getBoolean("mainland_france"), rs.getString("contact_email"),
                rs.getString("main_phone"), rs.getString("postcode"), rs.getLong("subscription_fee_cents"),
                rs.getString("currency"), Account.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                // the coarse columns of V1 and V14 are superseded by the approvals in force (V124): AccountManager sets them
                false, Set.of(), rs.getTimestamp("created_at").toInstant(), rs.getString("language"), rs.getString("postal_address"));
    }
}
