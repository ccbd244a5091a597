package org.fairsend.contacts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.fairsend.contacts.ContactHygiene;
import org.fairsend.contacts.EngagementState;
import org.fairsend.platform.Ids;
import org.fairsend.policy.PolicyService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * R-8 hygiene over the contact tables; "inactive" is the same test the audience applies ({@code AudienceSql.ENGAGEMENT},
 * {@link org.fairsend.contacts.EngagementState}): no person's open nor click and no machine's open since the cut-off, joined before
 * it, and at least the policy's {@code hygiene.minTrackedDeliveries} tracked messages sent since (delivery's published
 * read model {@code tracked_delivery}).
 */
@Component
class JdbcContactHygiene implements ContactHygiene {

    private static final String TRACKED = "(select t.contact_id, count(*) as n from tracked_delivery t where t.account_id = :account"
            + " and t.finished_at >= :since group by t.contact_id) trk";

    /** No person's signal since the cut-off. */
    private static final String SILENT = """
            c.account_id = :account and c.email is not null
            and (c.last_open_at is null or c.last_open_at < :since) and (c.last_click_at is null or c.last_click_at < :since)""";

    private static final String INACTIVE = SILENT + """

            and c.created_at < :since and (c.last_machine_open_at is null or c.last_machine_open_at < :since)
            and coalesce(trk.n, 0) >= :minTracked""";

    private static final String FROM = " from contact c left join " + TRACKED + " on trk.contact_id = c.id where ";

    static final int LIST_CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final PolicyService policies;
    private final Clock clock;

    JdbcContactHygiene(JdbcClient jdbc, PolicyService policies, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.clock = clock;
    }

    private int minTracked() {
        return policies.current().policy().hygiene().minTrackedDeliveries();
    }

    private long count(String where, UUID accountId, Timestamp since) {
        return jdbc.sql("select count(*)" + FROM + where).param("account", accountId).param("since", since)
                .param("minTracked", minTracked()).query(Long.class).single();
    }

    @Override
    public InactiveReport inactive(UUID accountId, Instant since, int limit) {
        Timestamp t = Timestamp.from(since);
        long n = count(INACTIVE, accountId, t);
        long onLists = count(INACTIVE + " and exists (select 1 from contact_list_member m where m.contact_id = c.id)", accountId, t);
        long unknown = count(SILENT, accountId, t) - n;
        List<InactiveContact> sample = jdbc.sql("select c.*" + FROM + INACTIVE + " order by c.created_at, c.id limit :limit")
                .param("account", accountId).param("since", t).param("minTracked", minTracked())
                .param("limit", Math.max(0, Math.min(limit, 1000)))
                .query((rs, i) -> new InactiveContact(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("phone"),
                        ts(rs.getTimestamp("last_open_at")), ts(rs.getTimestamp("last_click_at")), ts(rs.getTimestamp("created_at")),
                        rs.getString("source")))
                .list();
        return new InactiveReport(since, n, onLists, unknown, sample);
    }

    @Override
    public java.util.Optional<Engagement> engagement(UUID accountId, UUID contactId) {
        var hygiene = policies.current().policy().hygiene();
        // the window the audience uses (AudienceSql: the policy's months before now, in UTC)
        Instant since = clock.instant().atZone(java.time.ZoneOffset.UTC).minusMonths(hygiene.inactiveMonths()).toInstant();
        Timestamp t = Timestamp.from(since);
        return jdbc.sql("select c.created_at, coalesce(trk.n, 0) as tracked,"
                        + " case when c.last_open_at >= :since or c.last_click_at >= :since then 'engaged'"
                        + " when " + INACTIVE.replace("c.account_id = :account and c.email is not null", "1 = 1") + " then 'inactive'"
                        + " else 'unknown' end as state"
                        + FROM + "c.account_id = :account and c.id = :id and c.email is not null")
                .param("account", accountId).param("since", t).param("minTracked", hygiene.minTrackedDeliveries()).param("id", contactId)
                .query((rs, i) -> {
                    EngagementState state = EngagementState.of(rs.getString("state"));
                    long tracked = rs.getLong("tracked");
                    boolean joinedWithin = !rs.getTimestamp("created_at").toInstant().isBefore(since);
                    return new Engagement(state, state != EngagementState.ENGAGED && (joinedWithin || tracked == 0), tracked, since);
                })
                .optional();
    }

    @Override
    @Transactional
    public long excludeInactive(UUID accountId, Instant since) {
        Timestamp t = Timestamp.from(since);
        long contacts = count(INACTIVE + " and exists (select 1 from contact_list_member m where m.contact_id = c.id)", accountId, t);
        jdbc.sql("delete from contact_list_member where contact_id in (select c.id" + FROM + INACTIVE + ")")
                .param("account", accountId).param("since", t).param("minTracked", minTracked()).update();
        return contacts;
    }

    @Override
    @Transactional
    public void recordMachineOpen(UUID accountId, UUID contactId, Instant at) {
        jdbc.sql("""
                update contact set last_machine_open_at = ?
                where account_id = ? and id = ? and (last_machine_open_at is null or last_machine_open_at < ?)""")
                .params(Timestamp.from(at), accountId, contactId, Timestamp.from(at)).update();
    }

    @Override
    @Transactional
    public UUID listOf(UUID accountId, String name, String description, Collection<UUID> contactIds) {
        UUID id = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into contact_list (id, account_id, name, description, created_at) values (?, ?, ?, ?, ?)")
                .params(id, accountId, name, description, now).update();
        List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(contactIds));
        // in chunks: a statement takes at most 65,535 parameters
        for (int from = 0; from < ids.size(); from += LIST_CHUNK) {
            jdbc.sql("""
                    insert into contact_list_member (list_id, contact_id, added_at)
                    select :list, c.id, :now from contact c where c.account_id = :account and c.id in (:ids)""")
                    .param("list", id).param("now", now).param("account", accountId)
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + LIST_CHUNK))).update();
        }
        return id;
    }

    @Override
    public List<SourceCount> bouncedBySource(UUID accountId) {
        return jdbc.sql("""
                select coalesce(c.source, 'unknown') as src, sum(case when s.status = 'bounced' then 1 else 0 end) as bounced, count(*) as n
                from contact c left join contact_subscription s on s.contact_id = c.id and s.channel = 'email'
                where c.account_id = ? and c.email is not null group by coalesce(c.source, 'unknown') order by 2 desc""")
                .param(accountId)
                .query((rs, i) -> new SourceCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
