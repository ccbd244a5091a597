package org.fairsend.console.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The store of the operator's actions on an account taken from the console, each with who and why (append-only,
 * table {@code console_operator_action}): the console's SQL for them.
 */
@Component
class OperatorActionStore {

    /** What the operator did; the table keeps the code ({@code sms-sender-approved}, ...). */
    enum Kind {
        REGULATED_CATEGORIES, CONSOLE_USER, CAMPAIGN_RESUMED, SANCTION_REVERSED, CHANNEL_SUSPENDED, CHANNEL_REINSTATED,
        SMS_SENDER_APPROVED, SMS_SENDER_WITHDRAWN, SUPPRESSION_LIFTED,
        /** Issue 19: the operator terminated or reinstated an account's contract. */
        ACCOUNT_TERMINATED, ACCOUNT_REINSTATED;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean smsSender() {
            return this == SMS_SENDER_APPROVED || this == SMS_SENDER_WITHDRAWN;
        }

        static Kind of(String code) {
            return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown operator action " + code));
        }

        @Override
        public String toString() {
            return code();
        }
    }

    record Action(long id, UUID accountId, Kind action, String detail, String reason, String actor, Instant at) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    OperatorActionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(UUID accountId, Kind action, String detail, String reason, String actor) {
        jdbc.sql("insert into console_operator_action (account_id, action, detail, reason, actor, at) values (?, ?, ?, ?, ?, ?)")
                .params(accountId, action.code(), detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000), reason, actor,
                        Timestamp.from(clock.instant()))
                .update();
    }

    List<Action> of(UUID accountId) {
        return jdbc.sql("select * from console_operator_action where account_id = ? order by at desc, id desc limit 200").param(accountId)
                .query((rs, n) -> new Action(rs.getLong("id"), rs.getObject("account_id", UUID.class), Kind.of(rs.getString("action")),
                        rs.getString("detail"), rs.getString("reason"), rs.getString("actor"), rs.getTimestamp("at").toInstant()))
                .list();
    }
}
