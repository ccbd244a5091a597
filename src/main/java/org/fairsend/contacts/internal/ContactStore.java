package org.fairsend.contacts.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.contacts.Contact.Subscription;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.platform.BulkInsert;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the contact, contact_subscription, contact_list and contact_list_member tables. A contact's
 * subscription rows are read with it and written with it: a channel with nothing to say has no row (V80).
 */
@Repository
class ContactStore {

    private static final String INSERT = """
            insert into contact (id, account_id, email, phone, phone_type, first_name, last_name, attributes,
                customer_since, relationship, contract_active, last_open_at, last_click_at, last_own_contact_at,
                retention_flagged_at, source, created_at, updated_at, language)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE = """
            update contact set email = ?, phone = ?, phone_type = ?, first_name = ?, last_name = ?, attributes = ?,
                customer_since = ?, relationship = ?, contract_active = ?, last_open_at = ?, last_click_at = ?,
                last_own_contact_at = ?, retention_flagged_at = ?, source = ?, updated_at = ?, language = ?
            where id = ? and account_id = ?""";

    private static final List<String> COLUMNS = List.of("id", "account_id", "email", "phone", "phone_type", "first_name",
            "last_name", "attributes", "customer_since", "relationship", "contract_active", "last_open_at", "last_click_at",
            "last_own_contact_at", "retention_flagged_at", "source", "created_at", "updated_at", "language");

    private static final List<String> SUBSCRIPTION_COLUMNS = List.of("contact_id", "channel", "status", "basis", "topics");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final BulkInsert bulk;

    ContactStore(JdbcClient jdbc, JdbcTemplate template, org.fairsend.platform.Database database) {
        this.jdbc = jdbc;
        this.template = template;
        this.bulk = new BulkInsert(template, database);
    }

    static ContactRow map(ResultSet rs, int n) throws SQLException {
        ContactRow r = new ContactRow();
        r.id = rs.getObject("id", UUID.class);
        r.accountId = rs.getObject("account_id", UUID.class);
        r.email = rs.getString("email");
        r.phone = rs.getString("phone");
        r.phoneType = rs.getString("phone_type");
        r.firstName = rs.getString("first_name");
        r.lastName = rs.getString("last_name");
        r.attributes = rs.getString("attributes");
        Date since = rs.getDate("customer_since");
        r.customerSince = since == null ? null : since.toLocalDate();
        r.relationship = rs.getString("relationship");
        r.contractActive = rs.getBoolean("contract_active");
        r.lastOpenAt = instant(rs, "last_open_at");
        r.lastClickAt = instant(rs, "last_click_at");
        r.lastOwnContactAt = instant(rs, "last_own_contact_at");
        r.retentionFlaggedAt = instant(rs, "retention_flagged_at");
        r.source = rs.getString("source");
        r.createdAt = instant(rs, "created_at");
        r.updatedAt = instant(rs, "updated_at");
        r.language = rs.getString("language");
        return r;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    Optional<ContactRow> find(UUID accountId, UUID id) {
        return withSubscriptions(jdbc.sql("select * from contact where id = ? and account_id = ?").params(id, accountId)
                .query(ContactStore::map).optional());
    }

    List<ContactRow> findAll(UUID accountId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) return List.of();
        List<ContactRow> out = new java.util.ArrayList<>(ids.size());
        var all = new java.util.ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            var chunk = all.subList(from, Math.min(all.size(), from + 1000));
            var params = new java.util.ArrayList<Object>();
            params.add(accountId);
            params.addAll(chunk);
            out.addAll(jdbc.sql("select * from contact where account_id = ? and id in ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")").params(params)
                    .query(ContactStore::map).list());
        }
        return withSubscriptions(out);
    }

    Optional<ContactRow> findForUpdate(UUID accountId, UUID id) {
        return withSubscriptions(jdbc.sql("select * from contact where id = ? and account_id = ? for update").params(id, accountId)
                .query(ContactStore::map).optional());
    }

    Optional<ContactRow> byEmail(UUID accountId, String email) {
        return withSubscriptions(jdbc.sql("select * from contact where account_id = ? and email = ?").params(accountId, email)
                .query(ContactStore::map).optional());
    }

    Optional<ContactRow> byPhone(UUID accountId, String phone) {
        return withSubscriptions(jdbc.sql("select * from contact where account_id = ? and phone = ?").params(accountId, phone)
                .query(ContactStore::map).optional());
    }

    /**
     * The contacts of an account holding any of the emails or phones: one query per import batch. Uses the
     * unique indexes (account_id, email) and (account_id, phone) through a bitmap OR.
     */
    List<ContactRow> byAddresses(UUID accountId, Collection<String> emails, Collection<String> phones) {
        if (emails.isEmpty() && phones.isEmpty()) return List.of();
        customPlans();
        List<ContactRow> rows = new ArrayList<>(lookup(accountId, "email", emails));
        Set<UUID> seen = new HashSet<>();
        for (ContactRow r : rows) seen.add(r.id);
        for (ContactRow r : lookup(accountId, "phone", phones)) if (seen.add(r.id)) rows.add(r);
        return withSubscriptions(rows);
    }

    private List<ContactRow> lookup(UUID accountId, String column, Collection<String> values) {
        if (values.isEmpty()) return List.of();
        return template.query((Connection con) -> {
            PreparedStatement ps = con.prepareStatement("select * from contact where account_id = ? and " + column + " = any(?)");
            ps.setObject(1, accountId);
            ps.setArray(2, con.createArrayOf("varchar", values.toArray()));
            return ps;
        }, ContactStore::map);
    }

    /**
     * During a bulk import the contact table grows faster than autovacuum analyses it: a cached generic plan
     * made while it was empty would scan the whole table for every batch. On PostgreSQL, plan the batch
     * lookups with the table's current size instead (for the current transaction only).
     */
    private void customPlans() {
        if (bulk.postgres()) template.execute("set local plan_cache_mode = force_custom_plan");
    }

    void insert(ContactRow r) {
        template.update(INSERT, insertArgs(r));
        insertSubscriptions(List.of(r));
    }

    /** Inserts new contacts and their subscriptions: COPY on PostgreSQL, batched inserts elsewhere. */
    void insertAll(List<ContactRow> rows) {
        if (rows.isEmpty()) return;
        List<Object[]> args = new ArrayList<>(rows.size());
        for (ContactRow r : rows) args.add(insertArgs(r));
        bulk.insert("contact", COLUMNS, args);
        insertSubscriptions(rows);
    }

    /** Updates the contact; its subscription rows are rewritten only when they changed. */
    void update(ContactRow r) {
        template.update(UPDATE, updateArgs(r));
        if (r.subscriptionsChanged) {
            jdbc.sql("delete from contact_subscription where contact_id = ?").param(r.id).update();
            insertSubscriptions(List.of(r));
        }
    }

    void updateAll(List<ContactRow> rows) {
        if (rows.isEmpty()) return;
        template.batchUpdate(UPDATE, rows.stream().map(ContactStore::updateArgs).toList());
        List<ContactRow> changed = rows.stream().filter(r -> r.subscriptionsChanged).toList();
        if (changed.isEmpty()) return;
        template.update((Connection con) -> {
            PreparedStatement ps = con.prepareStatement("delete from contact_subscription where contact_id = any(?)");
            ps.setArray(1, con.createArrayOf("uuid", changed.stream().map(r -> r.id).toArray()));
            return ps;
        });
        insertSubscriptions(changed);
    }

    /** The rows' subscriptions, one row per channel with something to say (batched: COPY on PostgreSQL). */
    private void insertSubscriptions(List<ContactRow> rows) {
        List<Object[]> args = new ArrayList<>(rows.size() * 2);
        for (ContactRow r : rows) {
            r.subscriptions.forEach((channel, s) -> args.add(new Object[] {r.id, channel.code(), s.status().code(),
                    s.basis() == null ? null : s.basis().code(), s.topics()}));
            r.subscriptionsChanged = false;
        }
        bulk.insert("contact_subscription", SUBSCRIPTION_COLUMNS, args);
    }

    private Optional<ContactRow> withSubscriptions(Optional<ContactRow> row) {
        row.ifPresent(r -> withSubscriptions(List.of(r)));
        return row;
    }

    /** Reads the subscriptions of the rows (one query per 1,000 rows, on the primary key); returns the rows. */
    private List<ContactRow> withSubscriptions(List<ContactRow> rows) {
        if (rows.isEmpty()) return rows;
        java.util.Map<UUID, ContactRow> byId = new java.util.HashMap<>();
        for (ContactRow r : rows) byId.put(r.id, r);
        List<UUID> ids = new ArrayList<>(byId.keySet());
        for (int from = 0; from < ids.size(); from += 1000) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            template.query((Connection con) -> {
                PreparedStatement ps = con.prepareStatement(
                        "select contact_id, channel, status, basis, topics from contact_subscription where contact_id = any(?)");
                ps.setArray(1, con.createArrayOf("uuid", chunk.toArray()));
                return ps;
            }, (ResultSet rs) -> {
                ContactRow r = byId.get(rs.getObject(1, UUID.class));
                r.subscriptions.put(Channel.of(rs.getString(2)),
                        new Subscription(SubscriptionState.fromDb(rs.getString(3)), ConsentBasis.fromDb(rs.getString(4)), rs.getString(5)));
            });
        }
        for (ContactRow r : rows) r.subscriptionsChanged = false;
        return rows;
    }

    private static Object[] insertArgs(ContactRow r) {
        return new Object[] {r.id, r.accountId, r.email, r.phone, r.phoneType, r.firstName, r.lastName, r.attributes,
                r.customerSince == null ? null : Date.valueOf(r.customerSince), r.relationship, r.contractActive,
                ts(r.lastOpenAt), ts(r.lastClickAt), ts(r.lastOwnContactAt), ts(r.retentionFlaggedAt), r.source,
                ts(r.createdAt), ts(r.updatedAt), r.language};
    }

    private static Object[] updateArgs(ContactRow r) {
        return new Object[] {r.email, r.phone, r.phoneType, r.firstName, r.lastName, r.attributes,
                r.customerSince == null ? null : Date.valueOf(r.customerSince), r.relationship, r.contractActive,
                ts(r.lastOpenAt), ts(r.lastClickAt), ts(r.lastOwnContactAt), ts(r.retentionFlaggedAt), r.source,
                ts(r.updatedAt), r.language, r.id, r.accountId};
    }

    /** Deletes the contact with its memberships and subscription rows (V80: no foreign key does it). */
    void delete(UUID accountId, UUID id) {
        jdbc.sql("delete from contact_list_member where contact_id = ?").param(id).update();
        jdbc.sql("delete from contact_subscription where contact_id = ?"
                + " and exists (select 1 from contact c where c.id = ? and c.account_id = ?)").params(id, id, accountId).update();
        jdbc.sql("delete from contact where id = ? and account_id = ?").params(id, accountId).update();
    }

    /** A page of contacts ordered by id (keyset paging: {@code id > after}). */
    List<ContactRow> page(UUID accountId, UUID after, int limit, String q, UUID listId, Channel channel,
            SubscriptionState status) {
        StringBuilder sql = new StringBuilder("select c.* from contact c where c.account_id = :account");
        var spec = new java.util.LinkedHashMap<String, Object>();
        spec.put("account", accountId);
        if (after != null) {
            sql.append(" and c.id > :after");
            spec.put("after", after);
        }
        if (q != null && !q.isBlank()) {
            sql.append(" and (c.email like :q or c.phone like :q or lower(c.first_name) like :q or lower(c.last_name) like :q)");
            spec.put("q", "%" + q.strip().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        if (listId != null) {
            sql.append(" and exists (select 1 from contact_list_member m where m.contact_id = c.id and m.list_id = :list)");
            spec.put("list", listId);
        }
        if (channel != null && status != null) {
            // a channel without a row is in state none
            sql.append(" and coalesce((select s.status from contact_subscription s where s.contact_id = c.id")
                    .append(" and s.channel = :channel), 'none') = :status");
            spec.put("channel", channel.code());
            spec.put("status", status.code());
        }
        sql.append(" order by c.id limit :limit");
        spec.put("limit", limit);
        return withSubscriptions(jdbc.sql(sql.toString()).params(spec).query(ContactStore::map).list());
    }

    // ----- lists

    record ListRow(UUID id, UUID accountId, String name, String description, Instant createdAt, long members) {}

    void insertList(ListRow l) {
        jdbc.sql("insert into contact_list (id, account_id, name, description, created_at) values (?, ?, ?, ?, ?)")
                .params(l.id(), l.accountId(), l.name(), l.description(), ts(l.createdAt())).update();
    }

    private static final String LIST_SELECT = """
            select l.*, (select count(*) from contact_list_member m where m.list_id = l.id) members
            from contact_list l""";

    private static ListRow mapList(ResultSet rs, int n) throws SQLException {
        return new ListRow(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("name"),
                rs.getString("description"), rs.getTimestamp("created_at").toInstant(), rs.getLong("members"));
    }

    Optional<ListRow> list(UUID accountId, UUID listId) {
        return jdbc.sql(LIST_SELECT + " where l.id = ? and l.account_id = ?").params(listId, accountId)
                .query(ContactStore::mapList).optional();
    }

    Optional<ListRow> listByName(UUID accountId, String name) {
        return jdbc.sql(LIST_SELECT + " where l.account_id = ? and l.name = ?").params(accountId, name)
                .query(ContactStore::mapList).optional();
    }

    List<ListRow> lists(UUID accountId) {
        return jdbc.sql(LIST_SELECT + " where l.account_id = ? order by l.name").param(accountId)
                .query(ContactStore::mapList).list();
    }

    List<org.fairsend.contacts.ContactBook.Membership> memberships(UUID contactId) {
        return jdbc.sql("""
                select l.id, l.name, m.added_at from contact_list_member m join contact_list l on l.id = m.list_id
                where m.contact_id = ? order by l.name""").param(contactId)
                .query((rs, n) -> new org.fairsend.contacts.ContactBook.Membership(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Adds the contact to the list; false when it already was a member. */
    boolean addMember(UUID listId, UUID contactId, Instant at) {
        int n = jdbc.sql("""
                insert into contact_list_member (list_id, contact_id, added_at)
                select ?, ?, ? where not exists (select 1 from contact_list_member where list_id = ? and contact_id = ?)""")
                .params(listId, contactId, ts(at), listId, contactId).update();
        return n > 0;
    }

    boolean removeMember(UUID listId, UUID contactId) {
        return jdbc.sql("delete from contact_list_member where list_id = ? and contact_id = ?").params(listId, contactId)
                .update() > 0;
    }

    /** Which of the contacts already are members of the list (imports: one query per batch). */
    Set<UUID> membersAmong(UUID listId, Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) return Set.of();
        List<UUID> ids = template.query((Connection con) -> {
            PreparedStatement ps = con.prepareStatement("select contact_id from contact_list_member where list_id = ? and contact_id = any(?)");
            ps.setObject(1, listId);
            Array arr = con.createArrayOf("uuid", contactIds.toArray());
            ps.setArray(2, arr);
            return ps;
        }, (rs, n) -> rs.getObject(1, UUID.class));
        return new HashSet<>(ids);
    }

    void insertMembers(UUID listId, Collection<UUID> contactIds, Instant at) {
        if (contactIds.isEmpty()) return;
        List<Object[]> args = new ArrayList<>(contactIds.size());
        for (UUID id : contactIds) args.add(new Object[] {listId, id, at});
        bulk.insert("contact_list_member", List.of("list_id", "contact_id", "added_at"), args);
    }

    /** Moves the memberships of {@code from} to {@code to} (a merge). */
    void moveMemberships(UUID from, UUID to) {
        jdbc.sql("""
                update contact_list_member set contact_id = ? where contact_id = ?
                and list_id not in (select list_id from contact_list_member where contact_id = ?)""")
                .params(to, from, to).update();
        jdbc.sql("delete from contact_list_member where contact_id = ?").param(from).update();
    }

    List<org.fairsend.contacts.ContactDirectory.ListMembership> memberships(UUID accountId, UUID contactId) {
        return jdbc.sql("""
                select l.id, l.name, exists (select 1 from contact_list_member m where m.list_id = l.id and m.contact_id = ?) as member
                from contact_list l where l.account_id = ? order by l.name""")
                .params(contactId, accountId)
                .query((rs, n) -> new org.fairsend.contacts.ContactDirectory.ListMembership(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getBoolean(3)))
                .list();
    }

    int removeMember(UUID accountId, UUID listId, UUID contactId) {
        return jdbc.sql("""
                delete from contact_list_member where list_id = ? and contact_id = ?
                  and exists (select 1 from contact_list l where l.id = ? and l.account_id = ?)""")
                .params(listId, contactId, listId, accountId).update();
    }
}
