package org.fairsend.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairsend.consent.EvidenceReports.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** a contributed item (a message of the send log, a contact with its lists) as rows a reader understands. */
class EvidenceDocumentItemsTest {

    final JsonMapper json = JsonMapper.builder().build();
    final EvidenceDocument doc = new EvidenceDocument(ZoneId.of("Europe/Paris"), Locale.ENGLISH);

    List<Row> rows(Object item) {
        return doc.item(json.valueToTree(item));
    }

    @Test
    void aMessageShowsTheSubjectAsSentInWordsAndLocalTime() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", 42L);
        m.put("campaign", "Lettre de juin");
        m.put("subject", "Bonjour {{ contact.first_name }}");
        m.put("renderedSubject", "Bonjour Camille");
        m.put("channel", "email");
        m.put("outcome", "sent");
        m.put("at", Instant.parse("2026-06-01T08:30:00Z"));
        assertThat(rows(m)).containsExactly(new Row("Message number", "42"), new Row("Campaign", "Lettre de juin"),
                new Row("Subject", "Bonjour Camille"), new Row("Channel", "Email"), new Row("Outcome", "sent"),
                new Row("Date", "1 June 2026, 10:30 CEST"));

        m.remove("renderedSubject");
        assertThat(rows(m)).contains(new Row("Subject (as written, before personalisation)", "Bonjour {{ contact.first_name }}"));
    }

    @Test
    void nestedMapsAndListsBecomeRowsNotJson() {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("email", "camille@example.fr");
        contact.put("firstName", "Camille");
        contact.put("attributes", Map.of("city", "Lyon"));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("contact", contact);
        item.put("lists", List.of(Map.of("listName", "Clients"), Map.of("listName", "Lettre")));
        List<Row> rows = rows(item);
        assertThat(rows).contains(new Row("Contact — Email address", "camille@example.fr"), new Row("Contact — First name", "Camille"),
                new Row("Contact — Attributes — City", "Lyon"), new Row("Lists", "List: Clients; List: Lettre"));
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).doesNotContain("{").doesNotContain("\":"));
    }
}
