package org.fairsend.dedicatedip.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.dedicatedip.DedicatedIpEvent;
import org.fairsend.dedicatedip.DedicatedIpRequest;
import org.fairsend.dedicatedip.DedicatedIpStatus;
import org.fairsend.dedicatedip.PoolAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of {@code dedicated_ip}, {@code dedicated_ip_request}, {@code dedicated_ip_event}, {@code dedicated_ip_usage} (V130). */
@Component
class DedicatedIpStore {

    private static final String COLUMNS = "id, account_id, status, monthly_volume, domains, note, address, warmup_starts_on, decision_reason,"
            + " created_at, updated_at";

    private final JdbcClient jdbc;

    DedicatedIpStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DedicatedIpRequest r) {
        jdbc.sql("insert into dedicated_ip_request (" + COLUMNS + ", open_account_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.accountId(), r.status().code(), r.monthlyVolume(), String.join(",", r.domains()), r.note(), r.address(),
                        r.warmupStartsOn(), r.decisionReason(), Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()), r.accountId())
                .update();
    }

    Optional<DedicatedIpRequest> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dedicated_ip_request where id = ?").param(id).query(DedicatedIpStore::request).optional();
    }

    /** The account's open request (at most one), if any. */
    Optional<DedicatedIpRequest> open(UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from dedicated_ip_request where open_account_id = ?").param(accountId)
                .query(DedicatedIpStore::request).optional();
    }

    List<DedicatedIpRequest> byAccount(UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from dedicated_ip_request where account_id = ? order by created_at desc, id").param(accountId)
                .query(DedicatedIpStore::request).list();
    }

    List<DedicatedIpRequest> all(DedicatedIpStatus status) {
        if (status == null) {
            return jdbc.sql("select " + COLUMNS + " from dedicated_ip_request order by created_at desc, id").query(DedicatedIpStore::request).list();
        }
        return jdbc.sql("select " + COLUMNS + " from dedicated_ip_request where status = ? order by created_at desc, id").param(status.code())
                .query(DedicatedIpStore::request).list();
    }

    List<DedicatedIpRequest> inStatus(List<DedicatedIpStatus> statuses) {
        String in = String.join(",", statuses.stream().map(s -> "'" + s.code() + "'").toList());
        return jdbc.sql("select " + COLUMNS + " from dedicated_ip_request where status in (" + in + ")").query(DedicatedIpStore::request).list();
    }

    /**
     * Moves a request from {@code from} to {@code to} if it is still in {@code from} (false: another node or call moved
     * it first). The address is held while the new state holds one; the request stays open while the state is open.
     */
    boolean transition(UUID id, DedicatedIpStatus from, DedicatedIpStatus to, String address, LocalDate startsOn, String reason, Instant at) {
        return jdbc.sql("""
                update dedicated_ip_request set status = ?, address = coalesce(?, address), held_address = ?,
                    open_account_id = case when ? then account_id else null end,
                    warmup_starts_on = coalesce(?, warmup_starts_on), decision_reason = coalesce(?, decision_reason), updated_at = ?
                where id = ? and status = ?""")
                .params(to.code(), address, to.holdsAddress() ? (address != null ? address : currentAddress(id)) : null, to.open(), startsOn, reason,
                        Timestamp.from(at), id, from.code())
                .update() == 1;
    }

    private String currentAddress(UUID id) {
        return jdbc.sql("select address from dedicated_ip_request where id = ?").param(id).query(String.class).optional().orElse(null);
    }

    void event(UUID requestId, Instant at, String actor, DedicatedIpEvent.Action action, DedicatedIpStatus from, DedicatedIpStatus to, String detail) {
        jdbc.sql("insert into dedicated_ip_event (request_id, at, actor, action, from_status, to_status, detail) values (?, ?, ?, ?, ?, ?, ?)")
                .params(requestId, Timestamp.from(at), actor, action.code(), from == null ? null : from.code(), to.code(), detail).update();
    }

    List<DedicatedIpEvent> events(UUID requestId) {
        return jdbc.sql("select id, request_id, at, actor, action, from_status, to_status, detail from dedicated_ip_event where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new DedicatedIpEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        org.fairsend.platform.Codes.of(DedicatedIpEvent.Action.class, rs.getString(5), "action"),
                        rs.getString(6) == null ? null : DedicatedIpStatus.of(rs.getString(6)), DedicatedIpStatus.of(rs.getString(7)), rs.getString(8)))
                .list();
    }

    // --- the pool ---------------------------------------------------------------------------------------------------

    boolean addToPool(String address, String note, Instant at, String actor) {
        return jdbc.sql("insert into dedicated_ip (address, note, added_at, added_by) values (?, ?, ?, ?) on conflict do nothing")
                .params(address, note, Timestamp.from(at), actor).update() == 1;
    }

    boolean inPool(String address) {
        return jdbc.sql("select count(*) from dedicated_ip where address = ?").param(address).query(Long.class).single() > 0;
    }

    List<PoolAddress> pool() {
        return jdbc.sql("""
                select p.address, p.note, p.added_at, p.added_by, r.account_id, r.id
                from dedicated_ip p left join dedicated_ip_request r on r.held_address = p.address
                order by p.added_at, p.address""")
                .query((rs, n) -> new PoolAddress(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getObject(6, UUID.class)))
                .list();
    }

    // --- the warm-up's counts ---------------------------------------------------------------------------------------

    /**
     * Counts one message of the day to {@code provider}: through the dedicated address while fewer than {@code cap}
     * went that way today (null: no cap), else as overflow. Each statement is atomic, so every node shares the count.
     *
     * @return true when the message takes the dedicated address
     */
    boolean take(UUID requestId, LocalDate day, String provider, Integer cap) {
        boolean fits = cap == null || cap > 0;
        // the day's first message to the provider makes the row
        if (jdbc.sql("insert into dedicated_ip_usage (request_id, usage_day, provider, dedicated, overflow) values (?, ?, ?, ?, ?) on conflict do nothing")
                .params(requestId, day, provider, fits ? 1 : 0, fits ? 0 : 1).update() == 1) {
            return fits;
        }
        int taken = cap == null
                ? jdbc.sql("update dedicated_ip_usage set dedicated = dedicated + 1 where request_id = ? and usage_day = ? and provider = ?")
                        .params(requestId, day, provider).update()
                : jdbc.sql("update dedicated_ip_usage set dedicated = dedicated + 1 where request_id = ? and usage_day = ? and provider = ? and dedicated < ?")
                        .params(requestId, day, provider, cap).update();
        if (taken == 1) return true;
        jdbc.sql("update dedicated_ip_usage set overflow = overflow + 1 where request_id = ? and usage_day = ? and provider = ?")
                .params(requestId, day, provider).update();
        return false;
    }

    record Usage(LocalDate day, String provider, long dedicated, long overflow) {}

    List<Usage> usage(UUID requestId) {
        return jdbc.sql("select usage_day, provider, dedicated, overflow from dedicated_ip_usage where request_id = ? order by usage_day, provider").param(requestId)
                .query((rs, n) -> new Usage(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    private static DedicatedIpRequest request(ResultSet rs, int n) throws SQLException {
        String domains = rs.getString("domains");
        return new DedicatedIpRequest(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), DedicatedIpStatus.of(rs.getString("status")),
                rs.getLong("monthly_volume"), domains == null || domains.isEmpty() ? List.of() : Arrays.asList(domains.split(",")), rs.getString("note"),
                rs.getString("address"), rs.getObject("warmup_starts_on", LocalDate.class), rs.getString("decision_reason"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
