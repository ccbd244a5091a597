package org.fairsend.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.contacts.ContactHygiene;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** R-8 hygiene over the contact tables; "inactive" is the same test the audience applies (AudienceSql). */
@Component
class JdbcContactHygiene implements ContactHygiene {

    private static final String INACTIVE = """
            c.account_id = :account and c.created_at < :since
            and (c.last_open_at is null or c.last_open_at < :since) and (c.last_click_at is null or c.last_click_at < :since)""";

    private final JdbcClient jdbc;

    JdbcContactHygiene(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public InactiveReport inactive(UUID accountId, Instant since, int limit) {
        Timestamp t = Timestamp.from(since);
        long n = jdbc.sql("select count(*) from contact c where " + INACTIVE).param("account", accountId).param("since", t)
                .query(Long.class).single();
        long onLists = jdbc.sql("select count(*) from contact c where " + INACTIVE
                + " and exists (select 1 from contact_list_member m where m.contact_id = c.id)")
                .param("account", accountId).param("since", t).query(Long.class).single();
        List<InactiveContact> sample = jdbc.sql("select * from contact c where " + INACTIVE + " order by c.created_at, c.id limit :limit")
                .param("account", accountId).param("since", t).param("limit", Math.max(0, Math.min(limit, 1000)))
                .query((rs, i) -> new InactiveContact(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("phone"),
                        ts(rs.getTimestamp("last_open_at")), ts(rs.getTimestamp("last_click_at")), ts(rs.getTimestamp("created_at")),
                        rs.getString("source")))
                .list();
        return new InactiveReport(since, n, onLists, sample);
    }

    @Override
    @Transactional
    public long excludeInactive(UUID accountId, Instant since) {
        Timestamp t = Timestamp.from(since);
        long contacts = jdbc.sql("select count(*) from contact c where " + INACTIVE
                + " and exists (select 1 from contact_list_member m where m.contact_id = c.id)")
                .param("account", accountId).param("since", t).query(Long.class).single();
        jdbc.sql("delete from contact_list_member where contact_id in (select c.id from contact c where " + INACTIVE + ")")
                .param("account", accountId).param("since", t).update();
        return contacts;
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
