package org.fairsend.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads accounts and their channel status. */
@Service
public class AccountService implements AccountDirectory, AccountSanctions {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final org.springframework.beans.factory.ObjectProvider<RegulatedCategories> regulated;

    AccountService(JdbcClient jdbc, Clock clock, org.springframework.context.ApplicationEventPublisher events,
            org.springframework.beans.factory.ObjectProvider<RegulatedCategories> regulated) {
        this.regulated = regulated;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** What the operator supplies to open an account. */
    public record NewAccount(String legalName, String tradeName, String country, Boolean mainlandFrance,
            String contactEmail, String mainPhone, String postcode, Long subscriptionFeeCents, String currency) {}

    @Transactional
    public Account create(NewAccount in) {
        if (in.legalName() == null || in.legalName().isBlank()) {
            throw new RuleViolation("legalName", "required", "the account's legal name is required");
        }
        if (in.legalName().length() > 200) throw new RuleViolation("legalName", "length", "at most 200 characters");
        if (in.tradeName() != null && in.tradeName().length() > 200) throw new RuleViolation("tradeName", "length", "at most 200 characters");
        String country = in.country() == null ? "" : in.country().trim().toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}") || !List.of(Locale.getISOCountries()).contains(country)) {
            throw new RuleViolation("country", "iso-3166", "country must be an ISO 3166 alpha-2 code such as FR");
        }
        if (in.mainlandFrance() == null) {
            throw new RuleViolation("mainlandFrance", "required", "say whether the account is established in mainland France (R-23)");
        }
        if (in.mainlandFrance() && !country.equals("FR")) {
            throw new RuleViolation("mainlandFrance", "R-23", "an account established in mainland France has country FR");
        }
        String email = Addresses.email(in.contactEmail(), "contactEmail");
        String phone = in.mainPhone() == null || in.mainPhone().isBlank() ? null
                : Addresses.phone(in.mainPhone(), country, "mainPhone").e164();
        if (in.postcode() != null && in.postcode().length() > 16) throw new RuleViolation("postcode", "length", "at most 16 characters");
        long fee = in.subscriptionFeeCents() == null ? 0 : in.subscriptionFeeCents();
        if (fee < 0) throw new RuleViolation("subscriptionFeeCents", "min", "the subscription fee cannot be negative");
        String currency = in.currency() == null ? "EUR" : in.currency().trim().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) throw new RuleViolation("currency", "iso-4217", "currency must be an ISO 4217 code such as EUR");

        UUID id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into account (id, legal_name, trade_name, country, mainland_france, contact_email, main_phone,
                    postcode, subscription_fee_cents, currency, status, regulated, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', false, ?)""")
                .params(id, in.legalName().strip(), blankToNull(in.tradeName()), country, in.mainlandFrance(), email, phone,
                        blankToNull(in.postcode()), fee, currency, Timestamp.from(now))
                .update();
        for (Channel c : Channel.values()) {
            jdbc.sql("insert into account_channel (account_id, channel, status, updated_at) values (?, ?, 'active', ?)")
                    .params(id, c.code(), Timestamp.from(now)).update();
        }
        return get(id);
    }

    /**
     * What the operator may correct on an account: its main phone number and postcode (null: unchanged, blank:
     * removed). They place the account in a French telephone zone: a change publishes
     * {@link AccountDetailsChanged}.
     */
    public record DetailsUpdate(String mainPhone, String postcode) {}

    @Transactional
    public Account updateDetails(UUID id, DetailsUpdate in) {
        Account a = get(id);
        String phone = a.mainPhone();
        if (in.mainPhone() != null) {
            phone = in.mainPhone().isBlank() ? null : Addresses.phone(in.mainPhone(), a.country(), "mainPhone").e164();
        }
        String postcode = a.postcode();
        if (in.postcode() != null) {
            if (in.postcode().length() > 16) throw new RuleViolation("postcode", "length", "at most 16 characters");
            postcode = blankToNull(in.postcode());
        }
        if (java.util.Objects.equals(phone, a.mainPhone()) && java.util.Objects.equals(postcode, a.postcode())) return a;
        jdbc.sql("update account set main_phone = ?, postcode = ? where id = ?").params(phone, postcode, id).update();
        events.publishEvent(new AccountDetailsChanged(id, a.mainPhone(), a.postcode(), clock.instant()));
        return get(id);
    }

    @Override
    public Optional<Account> find(UUID id) {
        return jdbc.sql("select * from account where id = ?").param(id).query(AccountService::map).optional();
    }

    @Override
    public Account get(UUID id) {
        return find(id).orElseThrow(() -> new NotFound("account"));
    }

    public List<Account> list() {
        return jdbc.sql("select * from account order by created_at").query(AccountService::map).list();
    }

    @Override
    public ChannelStatus channelStatus(UUID accountId, Channel channel) {
        Account a = get(accountId);
        if (a.status() == Account.Status.TERMINATED) {
            return new ChannelStatus(channel, "terminated", null, "the account is terminated");
        }
        return jdbc.sql("select status, until_at, reason from account_channel where account_id = ? and channel = ?")
                .params(accountId, channel.code())
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp("until_at");
                    String status = rs.getString("status");
                    Instant untilAt = until == null ? null : until.toInstant();
                    // a time-limited suspension lapses by itself
                    if (!"active".equals(status) && untilAt != null && !untilAt.isAfter(clock.instant())) status = "active";
                    return new ChannelStatus(channel, status, untilAt, rs.getString("reason"));
                })
                .optional().orElse(new ChannelStatus(channel, "active", null, null));
    }

    @Override
    @Transactional
    public void suspendChannel(UUID accountId, Channel channel, Instant until, String reason) {
        get(accountId);
        jdbc.sql("update account_channel set status = 'suspended', until_at = ?, reason = ?, updated_at = ? where account_id = ? and channel = ?")
                .params(until == null ? null : Timestamp.from(until), reason, Timestamp.from(clock.instant()), accountId, channel.code())
                .update();
    }

    @Override
    @Transactional
    public void reinstateChannel(UUID accountId, Channel channel, String reason) {
        get(accountId);
        jdbc.sql("update account_channel set status = 'active', until_at = null, reason = ?, updated_at = ? where account_id = ? and channel = ?")
                .params(reason, Timestamp.from(clock.instant()), accountId, channel.code()).update();
    }

    @Override
    @Transactional
    public void terminate(UUID accountId, String reason) {
        get(accountId);
        jdbc.sql("update account set status = 'terminated' where id = ?").param(accountId).update();
    }

    @Override
    @Transactional
    public void reinstate(UUID accountId, String reason) {
        get(accountId);
        jdbc.sql("update account set status = 'active' where id = ?").param(accountId).update();
    }

    /** The operator approves the R-11 regulated categories an account may write about (a regulated sector). */
    @Transactional
    public Account approveCategories(UUID accountId, java.util.Set<String> categories) {
        get(accountId);
        // only the themes the policy marks regulated can be approved (the others are always prohibited)
        java.util.Set<String> approvable = regulated.getObject().approvable();
        for (String c : categories) {
            if (c == null || !approvable.contains(c)) {
                throw new RuleViolation("categories", "R-11", "'" + c + "' is not a theme an account may be approved for;"
                        + " approvable: " + String.join(", ", approvable));
            }
        }
        jdbc.sql("update account set approved_categories = ?, regulated = ? where id = ?")
                .params(String.join(",", new java.util.TreeSet<>(categories)), !categories.isEmpty(), accountId).update();
        return get(accountId);
    }

    public List<ChannelStatus> channels(UUID accountId) {
        return java.util.Arrays.stream(Channel.values()).map(c -> channelStatus(accountId, c)).toList();
    }

    static Account map(ResultSet rs, int n) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("legal_name"), rs.getString("trade_name"),
                rs.getString("country"), rs.getBoolean("mainland_france"), rs.getString("contact_email"),
                rs.getString("main_phone"), rs.getString("postcode"), rs.getLong("subscription_fee_cents"),
                rs.getString("currency"), Account.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getBoolean("regulated"), categories(rs.getString("approved_categories")), rs.getTimestamp("created_at").toInstant());
    }

    static java.util.Set<String> categories(String csv) {
        if (csv == null || csv.isBlank()) return java.util.Set.of();
        return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
