package org.fairsend.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomainSetup.Check;
import org.fairsend.accounts.SenderDomainSetup.CheckStatus;
import org.fairsend.platform.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of sender domains: tables {@code sender_domain}, {@code sender_domain_check} and
 * {@code account_source_address} (V9). Statuses are stored as their lower-case codes.
 */
@Repository
class SenderDomainStore {

    /** One row's sealed DKIM private keys (opened by {@link DkimKeys}). */
    record SealedKeys(UUID id, String domain, String rsaSelector, String rsaSealed, String edSelector, String edSealed) {}

    private final JdbcClient jdbc;

    SenderDomainStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(UUID accountId, String domain) {
        return jdbc.sql("select count(*) from sender_domain where account_id = ? and domain = ?").params(accountId, domain)
                .query(Long.class).single() > 0;
    }

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from sender_domain where id = ?").param(id).query(Long.class).single() > 0;
    }

    boolean selectorTaken(String domain, String selector) {
        return jdbc.sql("select count(*) from sender_domain where domain = ? and rsa_selector = ?").params(domain, selector)
                .query(Long.class).single() > 0;
    }

    /** A new {@code pending} domain; the Ed25519 columns are null when {@code edPublicKey} is. */
    void insert(UUID id, UUID accountId, String domain, String selector, String rsaPublicKey, String rsaSealed,
            String edSelector, String edPublicKey, String edSealed, Instant createdAt) {
        jdbc.sql("""
                insert into sender_domain (id, account_id, domain, status, rsa_selector, rsa_public_key, rsa_private_key,
                    ed_selector, ed_public_key, ed_private_key, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, domain, SenderDomain.Status.PENDING.code(), selector, rsaPublicKey, rsaSealed,
                        edSelector, edPublicKey, edSealed, Timestamp.from(createdAt))
                .update();
    }

    Optional<StoredSenderDomain> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from sender_domain where id = ? and account_id = ?").params(id, accountId)
                .query(SenderDomainStore::mapStored).optional();
    }

    Optional<StoredSenderDomain> findAny(UUID id) {
        return jdbc.sql("select * from sender_domain where id = ?").param(id).query(SenderDomainStore::mapStored).optional();
    }

    List<StoredSenderDomain> list(UUID accountId) {
        return jdbc.sql("select * from sender_domain where account_id = ? order by domain").param(accountId)
                .query(SenderDomainStore::mapStored).list();
    }

    void delete(UUID id) {
        changes.incrementAndGet();
        jdbc.sql("delete from sender_domain_check where sender_domain_id = ?").param(id).update();
        jdbc.sql("delete from sender_domain where id = ?").param(id).update();
    }

    List<Check> checks(UUID domainId) {
        return jdbc.sql("select * from sender_domain_check where sender_domain_id = ? order by record").param(domainId)
                .query((rs, n) -> new Check(rs.getString("record"), rs.getString("dns_name"), CheckStatus.of(rs.getString("status")),
                        rs.getString("expected"), rs.getString("found"), rs.getString("detail"),
                        rs.getTimestamp("checked_at").toInstant()))
                .list();
    }

    /**
     * Counts this node's writes of check results and domain decisions, so that what is derived from them (the
     * directory's cache) is asked again at once.
     */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    long changes() {
        return changes.get();
    }

    /** Replaces the domain's check results and records when it was checked. */
    void replaceChecks(UUID id, List<Check> results, Instant now) {
        changes.incrementAndGet();
        jdbc.sql("delete from sender_domain_check where sender_domain_id = ?").param(id).update();
        for (Check c : results) {
            jdbc.sql("""
                    insert into sender_domain_check (sender_domain_id, record, dns_name, status, expected, found, detail, checked_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, c.record(), c.name(), c.status().code(), cut(c.expected(), 2000), cut(c.found(), 4000),
                            cut(c.detail(), 2000), Timestamp.from(now))
                    .update();
        }
        jdbc.sql("update sender_domain set last_checked_at = ? where id = ?").params(Timestamp.from(now), id).update();
    }

    /** Locks every row of one domain name (serialises verifications of that name across accounts). */
    void lockDomainName(String domain) {
        jdbc.sql("select id from sender_domain where domain = ? order by id for update").param(domain).query(UUID.class).list();
    }

    /** Sets the status with who decided it, when and why. */
    void decide(UUID id, SenderDomain.Status status, Instant at, String actor, String reason) {
        changes.incrementAndGet();
        jdbc.sql("update sender_domain set status = ?, verified_at = ?, verified_by = ?, verification_reason = ? where id = ?")
                .params(status.code(), Timestamp.from(at), actor, cut(reason, 2000), id).update();
    }

    /** The longest of {@code names} that another account has verified, if any. */
    Optional<String> verifiedByAnother(UUID accountId, List<String> names) {
        if (names.isEmpty()) return Optional.empty();
        String in = String.join(",", Collections.nCopies(names.size(), "?"));
        List<Object> params = new ArrayList<>(names);
        params.add(accountId);
        params.add(SenderDomain.Status.VERIFIED.code());
        return jdbc.sql("select domain from sender_domain where domain in (" + in + ") and account_id <> ? and status = ?"
                        + " order by length(domain) desc")
                .params(params).query(String.class).list().stream().findFirst();
    }

    boolean isVerified(UUID accountId, String domain) {
        return jdbc.sql("select count(*) from sender_domain where account_id = ? and domain = ? and status = ?")
                .params(accountId, domain, SenderDomain.Status.VERIFIED.code()).query(Long.class).single() > 0;
    }

    /**
     * What the last DNS check found for the account's verified domain of that name: whether its RSA signing
     * key is published as generated (a domain verified by hand whose key was never seen in DNS has none), and its
     * return-path name when it points at the bounce host. Nothing for a domain that is not the account's or not
     * verified.
     */
    SendingChecks sendingChecks(UUID accountId, String domain) {
        boolean key = false;
        String returnPath = null;
        for (String[] r : jdbc.sql("""
                select c.record, c.dns_name from sender_domain d join sender_domain_check c on c.sender_domain_id = d.id
                where d.account_id = ? and d.domain = ? and d.status = ? and c.record in (?, ?) and c.status = ?""")
                .params(accountId, domain, SenderDomain.Status.VERIFIED.code(), "dkim-rsa", "return-path", CheckStatus.OK.code())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            if (r[0].equals("dkim-rsa")) key = true;
            else returnPath = r[1];
        }
        return new SendingChecks(key, Optional.ofNullable(returnPath));
    }

    record SendingChecks(boolean signingKeyPublished, Optional<String> returnPath) {}

    /** Whether some account has verified the domain of that name. */
    boolean verifiedByAnyAccount(String domain) {
        return jdbc.sql("select count(*) from sender_domain where domain = ? and status = ?")
                .params(domain, SenderDomain.Status.VERIFIED.code()).query(Long.class).single() > 0;
    }

    /** The sealed keys of the account's verified domain of that name. */
    Optional<SealedKeys> verifiedKeys(UUID accountId, String domain) {
        return jdbc.sql("""
                select id, domain, rsa_selector, rsa_private_key, ed_selector, ed_private_key from sender_domain
                where account_id = ? and domain = ? and status = ?""")
                .params(accountId, domain, SenderDomain.Status.VERIFIED.code())
                .query((rs, n) -> new SealedKeys(rs.getObject("id", UUID.class), rs.getString("domain"),
                        rs.getString("rsa_selector"), rs.getString("rsa_private_key"), rs.getString("ed_selector"),
                        rs.getString("ed_private_key")))
                .optional();
    }

    List<String> sourceAddresses(UUID accountId) {
        return jdbc.sql("select address from account_source_address where account_id = ? order by sort_order").param(accountId)
                .query(String.class).list();
    }

    void replaceSourceAddresses(UUID accountId, List<String> addresses) {
        jdbc.sql("delete from account_source_address where account_id = ?").param(accountId).update();
        int i = 0;
        for (String a : addresses) {
            jdbc.sql("insert into account_source_address (account_id, address, sort_order) values (?, ?, ?)")
                    .params(accountId, a, i++).update();
        }
    }

    private static String cut(String s, int max) {
        return Texts.storable(s, max);
    }

    private static StoredSenderDomain mapStored(ResultSet rs, int n) throws SQLException {
        Timestamp verified = rs.getTimestamp("verified_at");
        Timestamp checked = rs.getTimestamp("last_checked_at");
        SenderDomain d = new SenderDomain(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("domain"), SenderDomain.Status.of(rs.getString("status")), rs.getString("rsa_selector"),
                rs.getString("ed_selector"), verified == null ? null : verified.toInstant(), rs.getString("verified_by"),
                rs.getString("verification_reason"), checked == null ? null : checked.toInstant(),
                rs.getTimestamp("created_at").toInstant());
        return new StoredSenderDomain(d, rs.getString("rsa_public_key"), rs.getString("ed_public_key"));
    }
}
