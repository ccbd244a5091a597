package org.fairsend.calltracking.internal;

import java.util.Map;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * what call tracking keeps about an erased person, inside the erasure transaction. A call stays (counted, with
 * its medium, times, duration and the number's prefix for the statistics) with its caller masked as R-25 masks it;
 * a form contact whose fields name the person's address or number stays counted with no field; an email contact
 * from their address stays counted without its sender or subject. Rows of the account and rows no account holds
 * (calls to a quarantined number).
 */
@Component
class CallTrackingErasure implements PersonalData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    CallTrackingErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedPerson person) {
        var account = person.accountId();
        for (String phone : person.phones()) {
            for (String form : ErasedPerson.phoneForms(phone)) {
                jdbc.sql("""
                        update ct_call set caller = coalesce(caller_prefix, '') || ?, caller_masked = true
                        where (account_id = ? or account_id is null) and caller = ?""")
                        .params(CallerNumbers.MASK, account, form).update();
            }
        }
        jdbc.sql("select id, fields from ct_form_contact where account_id = ?").param(account).query().listOfRows().forEach(row -> {
            String fields = String.valueOf(value(row, "fields"));
            if (names(person, fields)) {
                jdbc.sql("update ct_form_contact set fields = '{}', remote = null where id = ?").param(value(row, "id")).update();
            }
        });
        jdbc.sql("select id, mail_from, subject from ct_email_contact where account_id = ?").param(account).query().listOfRows().forEach(row -> {
            String from = (String) value(row, "mail_from");
            boolean theirs = (from != null && person.emails().stream().anyMatch(from.strip()::equalsIgnoreCase))
                    || person.mentions(from) || person.mentions((String) value(row, "subject"));
            if (theirs) jdbc.sql("update ct_email_contact set mail_from = null, subject = null where id = ?").param(value(row, "id")).update();
        });
    }

    /** True when the form's text, or one of its values read as an address or a number, is the person's. */
    private static boolean names(ErasedPerson person, String fields) {
        if (person.mentions(fields)) return true;
        try {
            JsonNode root = JSON.readTree(fields);
            for (JsonNode v : root.values()) {
                String s = v.asString();
                if (s == null || s.isBlank()) continue;
                var email = Addresses.emailOrError(s);
                if (email.ok() && person.emails().contains(email.value())) return true;
                var phone = Addresses.phoneOrEmpty(s, "FR");
                if (phone.isPresent() && person.phones().contains(phone.get().e164())) return true;
            }
        } catch (RuntimeException e) {
            // not JSON: the text search above decided
        }
        return false;
    }

    private static Object value(Map<String, Object> row, String column) {
        for (var e : row.entrySet()) if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        return null;
    }
}
