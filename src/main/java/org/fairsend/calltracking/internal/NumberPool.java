package org.fairsend.calltracking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.calltracking.CallTracking.NumberStatus;
import org.fairsend.calltracking.CallTracking.RedirectStatus;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's pool of tracked numbers (R-24: they belong to the platform, are not portable, and the operator
 * assigns, reassigns, replaces, releases and retires them; every assignment stays in {@code ct_assignment}). A
 * released number rests in quarantine for {@code calltracking.quarantineDays} of the policy before it is
 * assigned again. A French number goes only to an account established in mainland France.
 */
@Service
class NumberPool {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final PolicyService policy;

    NumberPool(JdbcClient jdbc, Clock clock, AccountDirectory accounts, PolicyService policy) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.policy = policy;
    }

    /** A number as the operator sees it; {@code status} is effective (a lapsed quarantine reads available). */
    record TrackedNumber(UUID id, String e164, String country, String lineType, NumberStatus status, UUID accountId,
            Instant quarantineUntil, String note, Instant importedAt, Instant retiredAt) {}

    record Assignment(UUID id, UUID numberId, String e164, UUID accountId, Instant assignedAt, String assignedBy,
            String assignReason, Instant releasedAt, String releasedBy, String releaseReason, UUID mediumId,
            String redirectTo, RedirectStatus redirectStatus, String suspendedReason) {}

    record ImportResult(List<TrackedNumber> imported, List<String> alreadyInPool) {}

    @Transactional
    ImportResult importNumbers(List<String> numbers, String note) {
        if (numbers == null || numbers.isEmpty()) throw new RuleViolation("numbers", "required", "give at least one number");
        if (numbers.size() > 10_000) throw new RuleViolation("numbers", "size", "at most 10000 numbers per import");
        if (note != null && note.length() > 200) throw new RuleViolation("note", "length", "at most 200 characters");
        List<RuleViolation.Violation> bad = new ArrayList<>();
        List<Addresses.Phone> parsed = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            Optional<Addresses.Phone> p = Addresses.phoneOrEmpty(numbers.get(i), "FR");
            if (p.isEmpty()) bad.add(new RuleViolation.Violation("numbers[" + i + "]", "phone", "not a valid phone number: " + numbers.get(i)));
            else parsed.add(p.get());
        }
        if (!bad.isEmpty()) throw new RuleViolation(422, bad);
        List<TrackedNumber> imported = new ArrayList<>();
        List<String> already = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (Addresses.Phone p : parsed) {
            if (findByE164(p.e164()).isPresent() || imported.stream().anyMatch(t -> t.e164().equals(p.e164()))) {
                already.add(p.e164());
                continue;
            }
            UUID id = Ids.newId();
            jdbc.sql("""
                    insert into ct_number (id, e164, country, line_type, status, note, imported_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, p.e164(), p.region() == null ? "ZZ" : p.region(), p.type(), NumberStatus.AVAILABLE.code(), note, now)
                    .update();
            imported.add(get(id));
        }
        return new ImportResult(imported, already);
    }

    List<TrackedNumber> list(String status) {
        List<TrackedNumber> all = jdbc.sql("select * from ct_number order by e164").query(this::map).list();
        return status == null || status.isBlank() ? all : all.stream().filter(n -> n.status().code().equals(status)).toList();
    }

    TrackedNumber get(UUID id) {
        return jdbc.sql("select * from ct_number where id = ?").param(id).query(this::map).optional()
                .orElseThrow(() -> new NotFound("tracked number"));
    }

    Optional<TrackedNumber> findByE164(String e164) {
        return jdbc.sql("select * from ct_number where e164 = ?").param(e164).query(this::map).optional();
    }

    List<Assignment> history(UUID numberId) {
        get(numberId);
        return jdbc.sql(ASSIGNMENTS + " where a.number_id = ? order by a.assigned_at, a.id").param(numberId).query(NumberPool::assignment).list();
    }

    /** The open assignment of a number, if it is assigned. */
    Optional<Assignment> current(UUID numberId) {
        return jdbc.sql(ASSIGNMENTS + " where a.number_id = ? and a.released_at is null").param(numberId)
                .query(NumberPool::assignment).optional();
    }

    /** The assignment that held the number at that moment (calls are counted for who held the number then). */
    Optional<Assignment> heldAt(UUID numberId, Instant at) {
        Timestamp t = Timestamp.from(at);
        return jdbc.sql(ASSIGNMENTS + " where a.number_id = ? and a.assigned_at <= ? and (a.released_at is null or a.released_at > ?)"
                + " order by a.assigned_at desc limit 1")
                .params(numberId, t, t).query(NumberPool::assignment).optional();
    }

    static final String ASSIGNMENTS = "select a.*, n.e164 from ct_assignment a join ct_number n on n.id = a.number_id";

    @Transactional
    Assignment assign(UUID numberId, UUID accountId, String actor, String reason) {
        TrackedNumber n = lock(numberId);
        if (n.status() != NumberStatus.AVAILABLE) {
            throw new RuleViolation(409, "numberId", "R-24", switch (n.status()) {
                case ASSIGNED -> "the number is assigned to an account: reassign it instead";
                case QUARANTINED -> "the number rests in quarantine until " + n.quarantineUntil() + " (R-24)";
                default -> "the number is retired";
            });
        }
        return open(n, eligible(n, accountId), actor, reason, null, null);
    }

    /** Assigns the first available number of a country (FR by default) to the account. */
    @Transactional
    Assignment assignNext(UUID accountId, String country, String actor, String reason) {
        String c = country == null || country.isBlank() ? "FR" : country.strip().toUpperCase(java.util.Locale.ROOT);
        UUID id = nextAvailable(c, null).orElseThrow(() -> new RuleViolation(409, "country", "pool",
                "no available " + c + " number in the pool: import more"));
        return assign(id, accountId, actor, reason);
    }

    private Optional<UUID> nextAvailable(String country, UUID except) {
        return jdbc.sql("""
                select id from ct_number where country = ? and (status = ? or (status = ? and quarantine_until <= ?))
                order by e164 limit 50""")
                .params(country, NumberStatus.AVAILABLE.code(), NumberStatus.QUARANTINED.code(), Timestamp.from(clock.instant())).query(UUID.class).list().stream()
                .filter(id -> !id.equals(except)).findFirst();
    }

    /** Releases the number from its account; it rests in quarantine. */
    @Transactional
    TrackedNumber release(UUID numberId, String actor, String reason) {
        TrackedNumber n = lock(numberId);
        Assignment a = current(numberId).orElseThrow(() -> new RuleViolation(409, "numberId", "R-24", "the number is not assigned"));
        close(a, actor, reason);
        quarantine(n);
        return get(numberId);
    }

    /** Moves an assigned number to another account at once (no quarantine: the operator decides, with a reason). */
    @Transactional
    Assignment reassign(UUID numberId, UUID toAccount, String actor, String reason) {
        TrackedNumber n = lock(numberId);
        Account to = eligible(n, toAccount);
        Assignment a = current(numberId).orElseThrow(() -> new RuleViolation(409, "numberId", "R-24", "the number is not assigned: assign it"));
        if (a.accountId().equals(toAccount)) throw new RuleViolation(409, "accountId", "R-24", "the number is already this account's");
        close(a, actor, "reassigned: " + reason);
        return open(n, to, actor, reason, null, null);
    }

    /**
     * Gives the account another number from the pool in place of this one, keeping its medium and redirection;
     * the replaced number goes to quarantine.
     */
    @Transactional
    Assignment replace(UUID numberId, String actor, String reason) {
        TrackedNumber old = lock(numberId);
        Assignment a = current(numberId).orElseThrow(() -> new RuleViolation(409, "numberId", "R-24", "the number is not assigned"));
        UUID nextId = nextAvailable(old.country(), numberId).orElseThrow(() -> new RuleViolation(409, "numberId", "pool",
                "no available " + old.country() + " number in the pool to replace it with"));
        TrackedNumber next = lock(nextId);
        Account account = eligible(next, a.accountId());
        close(a, actor, "replaced by " + next.e164() + ": " + reason);
        quarantine(old);
        Assignment fresh = open(next, account, actor, "replaces " + old.e164() + ": " + reason, a.mediumId(), a.redirectTo());
        if (a.redirectTo() != null) {
            jdbc.sql("update ct_assignment set redirect_status = ?, suspended_reason = ?, suspended_at = ? where id = ?")
                    .params(a.redirectStatus().code(), a.suspendedReason(), null, fresh.id()).update();
        }
        return assignment(fresh.id());
    }

    @Transactional
    TrackedNumber retire(UUID numberId, String actor, String reason) {
        TrackedNumber n = lock(numberId);
        if (n.status() == NumberStatus.ASSIGNED) throw new RuleViolation(409, "numberId", "R-24", "release the number before retiring it");
        if (n.status() == NumberStatus.RETIRED) return n;
        jdbc.sql("update ct_number set status = ?, retired_at = ?, note = ? where id = ?")
                .params(NumberStatus.RETIRED.code(), Timestamp.from(clock.instant()), trim(reason == null ? n.note() : "retired: " + reason), numberId).update();
        return get(numberId);
    }

    Assignment assignment(UUID id) {
        return jdbc.sql(ASSIGNMENTS + " where a.id = ?").param(id).query(NumberPool::assignment).single();
    }

    private Account eligible(TrackedNumber n, UUID accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new RuleViolation(404, "accountId", "exists", "account not found"));
        if (account.status() != Account.Status.ACTIVE) {
            throw new RuleViolation(409, "accountId", account.status() == Account.Status.FROZEN ? "frozen" : "R-15",
                    "the account is " + org.fairsend.platform.Codes.code(account.status()));
        }
        if (n.country().equals("FR") && !account.mainlandFrance()) {
            throw new RuleViolation(422, "accountId", "R-23",
                    "R-23: a French tracked number is assigned only to an account established in mainland France");
        }
        if (n.status() == NumberStatus.RETIRED) throw new RuleViolation(409, "numberId", "R-24", "the number is retired");
        return account;
    }

    private Assignment open(TrackedNumber n, Account account, String actor, String reason, UUID mediumId, String redirectTo) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into ct_assignment (id, number_id, account_id, assigned_at, assigned_by, assign_reason, medium_id,
                    redirect_to, redirect_status, open_number_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, n.id(), account.id(), Timestamp.from(clock.instant()), actor, trim(reason), mediumId, redirectTo,
                        (redirectTo == null ? RedirectStatus.NONE : RedirectStatus.ACTIVE).code(), n.id())
                .update();
        jdbc.sql("update ct_number set status = ?, account_id = ?, quarantine_until = null where id = ?")
                .params(NumberStatus.ASSIGNED.code(), account.id(), n.id()).update();
        return assignment(id);
    }

    private void close(Assignment a, String actor, String reason) {
        jdbc.sql("update ct_assignment set released_at = ?, released_by = ?, release_reason = ?, open_number_id = null where id = ?")
                .params(Timestamp.from(clock.instant()), actor, trim(reason), a.id()).update();
    }

    private void quarantine(TrackedNumber n) {
        int days = policy.current().policy().calltracking().quarantineDays();
        Instant until = clock.instant().plus(Duration.ofDays(days));
        jdbc.sql("update ct_number set status = ?, account_id = null, quarantine_until = ? where id = ?")
                .params((days == 0 ? NumberStatus.AVAILABLE : NumberStatus.QUARANTINED).code(), days == 0 ? null : Timestamp.from(until), n.id()).update();
    }

    private TrackedNumber lock(UUID id) {
        return jdbc.sql("select * from ct_number where id = ? for update").param(id).query(this::map).optional()
                .orElseThrow(() -> new NotFound("tracked number"));
    }

    private static String trim(String s) {
        if (s == null) return null;
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private TrackedNumber map(ResultSet rs, int i) throws SQLException {
        NumberStatus status = NumberStatus.of(rs.getString("status"));
        Timestamp q = rs.getTimestamp("quarantine_until");
        if (status == NumberStatus.QUARANTINED && q != null && !q.toInstant().isAfter(clock.instant())) status = NumberStatus.AVAILABLE;
        Timestamp r = rs.getTimestamp("retired_at");
        return new TrackedNumber(rs.getObject("id", UUID.class), rs.getString("e164"), rs.getString("country"),
                rs.getString("line_type"), status, rs.getObject("account_id", UUID.class), q == null ? null : q.toInstant(),
                rs.getString("note"), rs.getTimestamp("imported_at").toInstant(), r == null ? null : r.toInstant());
    }

    static Assignment assignment(ResultSet rs, int i) throws SQLException {
        Timestamp rel = rs.getTimestamp("released_at");
        return new Assignment(rs.getObject("id", UUID.class), rs.getObject("number_id", UUID.class), rs.getString("e164"),
                rs.getObject("account_id", UUID.class), rs.getTimestamp("assigned_at").toInstant(), rs.getString("assigned_by"),
                rs.getString("assign_reason"), rel == null ? null : rel.toInstant(), rs.getString("released_by"),
                rs.getString("release_reason"), rs.getObject("medium_id", UUID.class), rs.getString("redirect_to"),
                RedirectStatus.of(rs.getString("redirect_status")), rs.getString("suspended_reason"));
    }
}
