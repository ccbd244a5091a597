package org.fairsend.suppression.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.AddressSuppressed;
import org.fairsend.suppression.Suppression;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list over table {@code suppression} (V3): {@link Suppressions} in SQL. Entries are looked up by
 * the address hash only, on the (address_hash, channel) index.
 */
@Service
class JdbcSuppressions implements Suppressions {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    private final org.fairsend.platform.Pseudonyms pseudonyms;

    JdbcSuppressions(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, org.fairsend.platform.Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Suppresses a normalised address, keeping it readable (for the evidence pack). */
    @Override
    @Transactional
    public void suppress(UUID accountId, Channel channel, String normalizedAddress, SuppressionReason reason, String source,
            String detail) {
        insert(accountId, channel, pseudonyms.address(normalizedAddress), normalizedAddress, reason, source, detail);
    }

    /** Suppresses by hash only: the address itself is not kept (erasure, X-5). */
    @Override
    @Transactional
    public void suppressHashed(UUID accountId, Channel channel, String addressHash, SuppressionReason reason, String source) {
        insert(accountId, channel, addressHash, null, reason, source, null);
    }

    private void insert(UUID accountId, Channel channel, String hash, String address, SuppressionReason reason, String source,
            String detail) {
        boolean exists = (accountId == null
                ? jdbc.sql("select count(*) from suppression where address_hash = ? and channel = ? and reason = ? and account_id is null"
                        + " and lifted_at is null")
                        .params(hash, channel.code(), reason.code())
                : jdbc.sql("select count(*) from suppression where address_hash = ? and channel = ? and reason = ? and account_id = ?"
                        + " and lifted_at is null")
                        .params(hash, channel.code(), reason.code(), accountId))
                .query(Long.class).single() > 0;
        if (exists) return;
        jdbc.sql("""
                insert into suppression (account_id, channel, address_hash, address, reason, source, detail, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, channel.code(), hash, address, reason.code(), truncate(source, 200), truncate(detail, 2000),
                        Timestamp.from(clock.instant()))
                .update();
        events.publishEvent(new AddressSuppressed(accountId, channel, hash, reason));
    }

    /** Whether messages of the account on the channel must not go to the address. */
    @Override
    public boolean isSuppressed(UUID accountId, Channel channel, String normalizedAddress) {
        return isSuppressedHash(accountId, channel, pseudonyms.address(normalizedAddress));
    }

    @Override
    public boolean isSuppressedHash(UUID accountId, Channel channel, String addressHash) {
        return jdbc.sql("""
                select count(*) from suppression where address_hash = ? and channel = ?
                  and (account_id = ? or account_id is null) and lifted_at is null""")
                .params(addressHash, channel.code(), accountId).query(Long.class).single() > 0;
    }

    /**
     * Of the given address hashes, those suppressed for the account on the channel. For transactional mail
     * ({@code hardOnly}) an unsubscribe does not count, only bounces, complaints, spamtraps and erasure.
     */
    @Override
    public java.util.Set<String> suppressedAmong(UUID accountId, Channel channel, java.util.Collection<String> hashes, boolean hardOnly) {
        if (hashes.isEmpty()) return java.util.Set.of();
        var found = new java.util.HashSet<String>();
        var list = new java.util.ArrayList<>(hashes);
        for (int from = 0; from < list.size(); from += 1000) {
            var chunk = list.subList(from, Math.min(list.size(), from + 1000));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            var params = new java.util.ArrayList<Object>(chunk);
            params.add(channel.code());
            params.add(accountId);
            found.addAll(jdbc.sql("select distinct address_hash from suppression where address_hash in (" + marks + ") and channel = ?"
                            + " and (account_id = ? or account_id is null) and lifted_at is null" + (hardOnly ? " and reason <> 'unsubscribed'" : ""))
                    .params(params).query(String.class).list());
        }
        return found;
    }

    /** Entries added after {@code afterId}, oldest first (other nodes' gates follow the list with it). */
    @Override
    public List<Suppression> since(long afterId, int limit) {
        return jdbc.sql("select * from suppression where id > ? order by id limit ?").params(afterId, limit).query(JdbcSuppressions::map).list();
    }

    @Override
    public long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from suppression").query(Long.class).single();
    }

    /**
     * For many addresses at once (imports): each suppressed one among {@code normalizedAddresses} with the
     * reasons of the entries that apply to the account on the channel (its own and platform-wide). One query
     * on the (address_hash, channel) index per call.
     */
    @Override
    public java.util.Map<String, List<SuppressionReason>> reasonsFor(UUID accountId, Channel channel,
            java.util.Collection<String> normalizedAddresses) {
        if (normalizedAddresses.isEmpty()) return java.util.Map.of();
        // the keyed hashes of a whole import batch: computed on every core (issue 17)
        List<String> addresses = List.copyOf(normalizedAddresses);
        pseudonyms.address(addresses.getFirst()); // the key loaded in the caller's transaction, should this be its first use
        List<String> hashes = org.fairsend.platform.Parallel.map(addresses.size(), i -> pseudonyms.address(addresses.get(i)));
        java.util.Map<String, String> byHash = java.util.HashMap.newHashMap(addresses.size());
        for (int i = 0; i < addresses.size(); i++) byHash.put(hashes.get(i), addresses.get(i));
        java.util.Map<String, List<SuppressionReason>> out = new java.util.HashMap<>();
        jdbc.sql("select address_hash, reason from suppression where channel = ? and (account_id = ? or account_id is null)"
                        + " and lifted_at is null and address_hash = any(?)")
                .params(channel.code(), accountId, byHash.keySet().toArray(String[]::new))
                .query((rs, n) -> {
                    out.computeIfAbsent(byHash.get(rs.getString(1)), k -> new java.util.ArrayList<>())
                            .add(SuppressionReason.of(rs.getString(2)));
                    return null;
                }).list();
        return out;
    }

    /** The entries about an address that apply to an account (its own and platform-wide). */
    @Override
    public List<Suppression> entriesFor(UUID accountId, String normalizedAddress) {
        return jdbc.sql("select * from suppression where address_hash = ? and (account_id = ? or account_id is null) order by created_at, id")
                .params(pseudonyms.address(normalizedAddress), accountId).query(JdbcSuppressions::map).list();
    }

    /** An account's entries, newest first, keyset-paged by id. */
    @Override
    public List<Suppression> list(UUID accountId, Long beforeId, int limit) {
        return jdbc.sql("select * from suppression where account_id = ? and id < ? order by id desc limit ?")
                .params(accountId, beforeId == null ? Long.MAX_VALUE : beforeId, Math.min(Math.max(limit, 1), 1000))
                .query(JdbcSuppressions::map).list();
    }

    /** Removes an account's manual entry (the other reasons are facts that stay). */
    @Override
    @Transactional
    public boolean removeManual(UUID accountId, long id) {
        return jdbc.sql("delete from suppression where id = ? and account_id = ? and reason = 'manual'").params(id, accountId).update() > 0;
    }

    /** The reasons an operator may lift, with a reason of their own (issue 15). */
    static final java.util.Set<SuppressionReason> OPERATOR_LIFTABLE = java.util.EnumSet.of(SuppressionReason.COMPLAINT,
            SuppressionReason.HARD_BOUNCE, SuppressionReason.REPEATED_SOFT_BOUNCE);

    @Override
    @Transactional
    public int liftUnsubscribe(UUID accountId, Channel channel, String normalizedAddress, String by, String why) {
        String hash = pseudonyms.address(normalizedAddress);
        List<Suppression> open = jdbc.sql("select * from suppression where address_hash = ? and channel = ? and account_id = ?"
                        + " and reason = 'unsubscribed' and lifted_at is null for update")
                .params(hash, channel.code(), accountId).query(JdbcSuppressions::map).list();
        for (Suppression s : open) lift(s, by, why);
        return open.size();
    }

    @Override
    @Transactional
    public Suppression liftByOperator(long id, String operator, String why) {
        Suppression s = jdbc.sql("select * from suppression where id = ? for update").param(id).query(JdbcSuppressions::map)
                .optional().orElseThrow(() -> new org.fairsend.platform.NotFound("suppression entry"));
        if (why == null || why.isBlank()) {
            throw new org.fairsend.platform.RuleViolation("reason", "required", "say why the entry is lifted (it is kept with it)");
        }
        if (!s.inForce()) {
            throw new org.fairsend.platform.RuleViolation(409, "id", "R-16", "this entry was already lifted on " + s.liftedAt());
        }
        if (!OPERATOR_LIFTABLE.contains(s.reason())) {
            throw new org.fairsend.platform.RuleViolation(409, "id", "R-16", switch (s.reason()) {
                case UNSUBSCRIBED -> "an unsubscribe is lifted only by the person's own new consent (a confirmed subscription)";
                case MANUAL -> "a manual entry is the account's own: the account removes it";
                default -> "a " + s.reason().code() + " entry is never lifted";
            });
        }
        lift(s, operator, why.strip());
        return find(id).orElseThrow();
    }

    private void lift(Suppression s, String by, String why) {
        jdbc.sql("update suppression set lifted_at = ?, lifted_by = ?, lift_reason = ? where id = ? and lifted_at is null")
                .params(Timestamp.from(clock.instant()), truncate(by, 200), truncate(why, 2000), s.id()).update();
        events.publishEvent(new org.fairsend.suppression.SuppressionLifted(s.accountId(), s.channel(), s.addressHash(), s.reason()));
    }

    @Override
    public java.util.Optional<Suppression> find(long id) {
        return jdbc.sql("select * from suppression where id = ?").param(id).query(JdbcSuppressions::map).optional();
    }

    @Override
    public List<Suppression> lifted(int limit) {
        return jdbc.sql("select * from suppression where lifted_at is not null order by lifted_at desc, id desc limit ?")
                .param(Math.min(Math.max(limit, 1), 1000)).query(JdbcSuppressions::map).list();
    }

    static Suppression map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Suppression(rs.getLong("id"), rs.getObject("account_id", UUID.class),
                Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)), rs.getString("address_hash"),
                rs.getString("address"), SuppressionReason.of(rs.getString("reason")), rs.getString("source"),
                rs.getString("detail"), rs.getTimestamp("created_at").toInstant(), instant(rs, "lifted_at"),
                rs.getString("lifted_by"), rs.getString("lift_reason"));
    }

    private static java.time.Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
