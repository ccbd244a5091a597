package org.fairsend.calltracking.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Codes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The call-tracking reads the REST API answers directly: redirection events, form and email contacts per
 * period, and the calls a number received while no account held it.
 */
@Repository
class CalltrackingStore {

    /** A redirection suspended or reinstated after a change of the account's zone. */
    record RedirectionEvent(String number, ZoneWatch.ChangeKind kind, String redirectTo, String reason, Instant at, boolean reported) {}

    /** A contact received through a medium: its form ({@code ct_form_contact}) or its inbound address ({@code ct_email_contact}). */
    enum ContactKind {
        FORM, EMAIL;

        @com.fasterxml.jackson.annotation.JsonValue
        String code() {
            return Codes.code(this);
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** A contact as listed: {@code fields} (JSON text) for a form, {@code subject} for an email. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contact(UUID id, ContactKind kind, UUID mediumId, String medium, Instant receivedAt, String fields, String subject,
            boolean forwarded) {}

    private final JdbcClient jdbc;

    CalltrackingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RedirectionEvent> redirectionEvents(UUID accountId) {
        return jdbc.sql("""
                select e.kind, e.redirect_to, e.reason, e.at, e.reported_at, n.e164 from ct_redirection_event e
                join ct_assignment a on a.id = e.assignment_id join ct_number n on n.id = a.number_id
                where e.account_id = ? order by e.id""").param(accountId)
                .query((rs, i) -> new RedirectionEvent(rs.getString("e164"), ZoneWatch.ChangeKind.of(rs.getString("kind")),
                        rs.getString("redirect_to"), rs.getString("reason"), rs.getTimestamp("at").toInstant(),
                        rs.getTimestamp("reported_at") != null))
                .list();
    }

    /** The account's contacts of one kind received in the period, oldest first. */
    List<Contact> contacts(UUID accountId, ContactKind kind, Reports.Period p) {
        boolean form = kind == ContactKind.FORM;
        String sql = form
                ? "select c.id, c.medium_id, m.name, c.received_at, c.fields as detail, c.forwarded_at from ct_form_contact c"
                : "select c.id, c.medium_id, m.name, c.received_at, c.subject as detail, c.forwarded_at from ct_email_contact c";
        return jdbc.sql(sql + " join ct_medium m on m.id = c.medium_id where c.account_id = ? and c.received_at >= ? and c.received_at < ?"
                        + " order by c.received_at")
                .params(accountId, Timestamp.from(p.start()), Timestamp.from(p.end()))
                .query((rs, i) -> new Contact(rs.getObject("id", UUID.class), kind, rs.getObject("medium_id", UUID.class),
                        rs.getString("name"), rs.getTimestamp("received_at").toInstant(), form ? rs.getString("detail") : null,
                        form ? null : rs.getString("detail"), rs.getTimestamp("forwarded_at") != null))
                .list();
    }

    /** Calls that reached the number while no account held it (in quarantine): why quarantine exists. */
    long callsWhileUnassigned(UUID numberId) {
        return jdbc.sql("select count(*) from ct_call where number_id = ? and assignment_id is null").param(numberId)
                .query(Long.class).single();
    }
}
