package org.fairsend.feedback.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.feedback.Complaints;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link Complaints} over the complaint table. */
@Component
class JdbcComplaints implements Complaints {

    private final JdbcClient jdbc;

    JdbcComplaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Complaint> recent(UUID accountId, int limit) {
        int n = Math.max(1, Math.min(limit, 1000));
        if (accountId == null) {
            return jdbc.sql("select * from complaint order by received_at desc, id desc limit ?").param(n).query(JdbcComplaints::row).list();
        }
        return jdbc.sql("select * from complaint where account_id = ? order by received_at desc, id desc limit ?").params(accountId, n)
                .query(JdbcComplaints::row).list();
    }

    @Override
    public Optional<Complaint> find(long id) {
        return jdbc.sql("select * from complaint where id = ?").param(id).query(JdbcComplaints::row).optional();
    }

    private static Complaint row(ResultSet rs, int n) throws SQLException {
        return new Complaint(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                Channel.of(rs.getString("channel")), rs.getString("recipient"), rs.getString("complaint_kind"), rs.getString("feedback_type"),
                rs.getString("source"), rs.getString("note"), rs.getTimestamp("received_at").toInstant());
    }
}
