package org.fairsend.policy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fairsend.policy.Policy;
import org.fairsend.policy.PolicySnapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of policy versions: table {@code policy_version} (V2), each document stored as JSON. */
@Repository
class PolicyStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest version number, null when none is stored. */
    Integer newestVersion() {
        // max() of no row is one NULL row, which single() refuses: ask for a number that is never a version instead
        int newest = jdbc.sql("select coalesce(max(version), 0) from policy_version").query(Integer.class).single();
        return newest == 0 ? null : newest;
    }

    Optional<PolicySnapshot> latest() {
        return jdbc.sql("select * from policy_version order by version desc limit 1").query(PolicyStore::map).optional();
    }

    List<PolicySnapshot> all() {
        return jdbc.sql("select * from policy_version order by version desc").query(PolicyStore::map).list();
    }

    Optional<PolicySnapshot> version(int v) {
        return jdbc.sql("select * from policy_version where version = ?").param(v).query(PolicyStore::map).optional();
    }

    void insert(int version, Policy policy, String who, String reason, Instant at) {
        jdbc.sql("insert into policy_version (version, document, created_by, reason, created_at) values (?, ?, ?, ?, ?)")
                .params(version, JSON.writeValueAsString(policy), who, reason, Timestamp.from(at)).update();
    }

    private static PolicySnapshot map(ResultSet rs, int n) throws SQLException {
        return new PolicySnapshot(rs.getInt("version"), JSON.readValue(rs.getString("document"), Policy.class),
                rs.getString("created_by"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
    }
}
