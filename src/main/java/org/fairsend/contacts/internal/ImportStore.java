package org.fairsend.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.contacts.ContactImports.Format;
import org.fairsend.contacts.ContactImports.Provenance;
import org.fairsend.contacts.ContactImports.Status;
import org.fairsend.platform.cluster.ClusterNodes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of contact_import and contact_import_rejection. */
@Repository
class ImportStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ImportStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** An import as the API shows it. {@code status}: running, finished, failed or refused. */
    record ImportView(UUID id, UUID accountId, UUID listId, Format format, Provenance provenance, String provenanceDetail,
            Status status, long rowsRead, long rowsAccepted, long rowsRejected, String error, Instant startedAt,
            Instant finishedAt) {}

    record Rejection(long line, String field, String reason) {}

    /** {@code nodeId}: the node that runs it (issue 18); null for a one-off command's import or one that does not run. */
    void insert(ImportView v, String nodeId) {
        jdbc.sql("""
                insert into contact_import (id, account_id, list_id, format, provenance, provenance_detail, status,
                    rows_read, rows_accepted, rows_rejected, error, started_at, finished_at, node_id)
                values (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)""")
                .params(v.id(), v.accountId(), v.listId(), v.format().code(), v.provenance().code(), v.provenanceDetail(),
                        v.status().code(),
                        v.error(), ts(v.startedAt()), ts(v.finishedAt()), nodeId)
                .update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static ImportView map(ResultSet rs, int n) throws SQLException {
        Timestamp fin = rs.getTimestamp("finished_at");
        return new ImportView(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getObject("list_id", UUID.class), Format.fromDb(rs.getString("format")),
                Provenance.fromDb(rs.getString("provenance")), rs.getString("provenance_detail"),
                Status.fromDb(rs.getString("status")), rs.getLong("rows_read"),
                rs.getLong("rows_accepted"), rs.getLong("rows_rejected"), rs.getString("error"),
                rs.getTimestamp("started_at").toInstant(), fin == null ? null : fin.toInstant());
    }

    Optional<ImportView> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from contact_import where id = ? and account_id = ?").params(id, accountId)
                .query(ImportStore::map).optional();
    }

    Optional<ImportView> find(UUID id) {
        return jdbc.sql("select * from contact_import where id = ?").param(id).query(ImportStore::map).optional();
    }

    List<ImportView> list(UUID accountId, int limit) {
        return jdbc.sql("select * from contact_import where account_id = ? order by started_at desc limit ?")
                .params(accountId, limit).query(ImportStore::map).list();
    }

    void progress(UUID id, long read, long accepted, long rejected) {
        jdbc.sql("update contact_import set rows_read = rows_read + ?, rows_accepted = rows_accepted + ?, rows_rejected = rows_rejected + ? where id = ?")
                .params(read, accepted, rejected, id).update();
    }

    void finish(UUID id, Status status, String error, Instant at) {
        jdbc.sql("update contact_import set status = ?, error = ?, finished_at = ? where id = ?")
                .params(status.code(), error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error, ts(at), id)
                .update();
    }

    /**
     * Imports left running by a node that is no longer alive (issue 18): stopped, or silent past the node timeout.
     * {@code aliveSince} is the parameter of {@link ClusterNodes#ALIVE_NODES}. Imports of live nodes, and those of a
     * one-off command (no node), are left alone.
     */
    int failAbandoned(Instant at, Timestamp aliveSince) {
        return jdbc.sql("update contact_import set status = 'failed', error = 'interrupted: the node running it (' || node_id || ') stopped during the import',"
                        + " finished_at = ? where status = 'running' and node_id is not null and node_id not in (" + ClusterNodes.ALIVE_NODES + ")")
                .params(ts(at), aliveSince).update();
    }

    void insertRejections(UUID importId, List<Rejection> rows) {
        if (rows.isEmpty()) return;
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Rejection r : rows) {
            args.add(new Object[] {importId, r.line(), r.field(), r.reason().length() > 1000 ? r.reason().substring(0, 1000) : r.reason()});
        }
        template.batchUpdate("insert into contact_import_rejection (import_id, line, field, reason) values (?, ?, ?, ?)", args);
    }

    List<Rejection> rejections(UUID importId, long afterLine, int limit) {
        return jdbc.sql("select line, field, reason from contact_import_rejection where import_id = ? and line > ? order by line limit ?")
                .params(importId, afterLine, limit)
                .query((rs, n) -> new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }
}
