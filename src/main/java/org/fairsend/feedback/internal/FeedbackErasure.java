package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.fairsend.platform.Database;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * what feedback keeps about an erased person, inside the erasure transaction. The bounces, complaints,
 * unsubscribes, engagement and SMS replies stay, countable under the keyed hash (the indicators and the evidence of
 * what happened survive), without the plain address, the report's diagnostic, the note, the IP, the user agent, the
 * clicked link or the reply's text. The raw inbound mail that names the person (a bounce report, a complaint, a
 * reply: {@code inbound_message} is not per account) is purged like the retention purge does: the outcome row stays
 * without its message, envelope or error.
 */
@Component
class FeedbackErasure implements PersonalData {

    private final JdbcClient jdbc;
    private final TextScrubber scrubber;
    private final Database database;
    private final Clock clock;

    FeedbackErasure(JdbcClient jdbc, TextScrubber scrubber, Database database, Clock clock) {
        this.jdbc = jdbc;
        this.scrubber = scrubber;
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void erase(ErasedPerson person) {
        var account = person.accountId();
        for (String hash : person.hashes()) {
            jdbc.sql("update bounce set recipient = null, reported_recipient = null, diagnostic = null where account_id = ? and recipient_hash = ?")
                    .params(account, hash).update();
            jdbc.sql("update complaint set recipient = null, note = null where account_id = ? and recipient_hash = ?")
                    .params(account, hash).update();
            jdbc.sql("update unsubscribe set recipient = null, ip = null, user_agent = null where account_id = ? and recipient_hash = ?")
                    .params(account, hash).update();
            jdbc.sql("update engagement set ip = null, user_agent = null, target = null where account_id = ? and recipient_hash = ?")
                    .params(account, hash).update();
            // a reply no account had written to is the platform's, and the person's all the same
            jdbc.sql("update sms_reply set from_number = null, text = null where (account_id = ? or account_id is null) and from_hash = ?")
                    .params(account, hash).update();
        }
        // a bounce reported for another address of the report, naming this person
        scrubber.scrub(person, "bounce", "id", List.of("reported_recipient", "diagnostic"), false, "account_id = ?", account);
        purgeInbound(person);
    }

    /** Purges the raw copy, envelope and error of every inbound message that names one of the person's addresses. */
    private void purgeInbound(ErasedPerson person) {
        List<String> matchers = person.matchers();
        if (matchers.isEmpty()) return;
        StringBuilder where = new StringBuilder();
        List<Object> params = new java.util.ArrayList<>();
        for (String m : matchers) {
            if (where.length() > 0) where.append(" or ");
            String like = "%" + m.toLowerCase(java.util.Locale.ROOT) + "%";
            where.append("lower(mail_from) like ? or lower(rcpt) like ? or lower(error) like ? or lower(outcome) like ?");
            params.addAll(List.of(like, like, like, like));
            if (database.isPostgres()) {
                // the raw bytes as text (non-ASCII bytes escaped): an address, a number is ASCII
                where.append(" or lower(encode(raw, 'escape')) like ?");
                params.add(like);
            }
        }
        List<Long> ids = new java.util.ArrayList<>(jdbc.sql("select id from inbound_message where " + where).params(params).query(Long.class).list());
        if (!database.isPostgres()) {
            // H2: read the raw copies still kept and look in them here
            jdbc.sql("select id, raw from inbound_message where raw is not null").query().listOfRows().forEach(r -> {
                Object raw = value(r, "raw");
                if (raw instanceof byte[] b && person.mentions(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    ids.add(((Number) value(r, "id")).longValue());
                }
            });
        }
        for (Long id : ids.stream().distinct().toList()) {
            Map<String, Object> row = jdbc.sql("select outcome, error from inbound_message where id = ?").param(id).query().singleRow();
            jdbc.sql("""
                    update inbound_message set raw = null, mail_from = null, rcpt = null, outcome = ?, error = ?,
                      purged_at = coalesce(purged_at, ?) where id = ?""")
                    .params(person.scrub((String) value(row, "outcome")), person.scrub((String) value(row, "error")),
                            Timestamp.from(clock.instant()), id).update();
        }
    }

    private static Object value(Map<String, Object> row, String column) {
        for (var e : row.entrySet()) if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        return null;
    }
}
