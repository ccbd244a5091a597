package org.fairsend.contacts.internal;

import java.util.List;
import java.util.Map;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * the contact row itself goes in {@code ContactService.erase}; what the contacts module keeps elsewhere is an
 * import's rejections (a reason may quote the refused value), its provenance detail and error, scrubbed of the
 * person's addresses, numbers and names.
 */
@Component
class ContactsErasure implements PersonalData {

    private final JdbcClient jdbc;
    private final TextScrubber scrubber;

    ContactsErasure(JdbcClient jdbc, TextScrubber scrubber) {
        this.jdbc = jdbc;
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        scrubber.scrub(person, "contact_import", "id", List.of("provenance_detail", "error"), false, "account_id = ?", person.accountId());
        List<String> matchers = person.matchers();
        if (matchers.isEmpty()) return;
        String likes = String.join(" or ", matchers.stream().map(m -> "lower(r.reason) like ?").toList());
        Object[] params = new Object[matchers.size() + 1];
        params[0] = person.accountId();
        for (int i = 0; i < matchers.size(); i++) params[i + 1] = "%" + matchers.get(i).toLowerCase(java.util.Locale.ROOT) + "%";
        List<Map<String, Object>> rows = jdbc.sql("select r.import_id, r.line, r.reason from contact_import_rejection r"
                + " join contact_import i on i.id = r.import_id where i.account_id = ? and (" + likes + ")").params(params).query().listOfRows();
        for (Map<String, Object> r : rows) {
            jdbc.sql("update contact_import_rejection set reason = ? where import_id = ? and line = ?")
                    .params(person.scrub((String) value(r, "reason")), value(r, "import_id"), value(r, "line")).update();
        }
    }

    private static Object value(Map<String, Object> row, String column) {
        for (var e : row.entrySet()) if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        return null;
    }
}
