package org.fairsend.console.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The operator's actions on an account taken from the console, each with who and why (append-only). */
@Component
class OperatorActions {

    record Action(long id, UUID accountId, String action, String detail, String reason, String actor, Instant at) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    OperatorActions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(UUID accountId, String action, String detail, String reason, String actor) {
        jdbc.sql("insert into console_operator_action (account_id, action, detail, reason, actor, at) values (?, ?, ?, ?, ?, ?)")
                .params(accountId, action, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000), reason, actor,
                        Timestamp.from(clock.instant()))
                .update();
    }

    List<Action> of(UUID accountId) {
        return jdbc.sql("select * from console_operator_action where account_id = ? order by at desc, id desc limit 200").param(accountId)
                .query((rs, n) -> new Action(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getString("action"),
                        rs.getString("detail"), rs.getString("reason"), rs.getString("actor"), rs.getTimestamp("at").toInstant()))
                .list();
    }
}
