package org.fairsend.calltracking.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.platform.Channel.AddressKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Call tracking's sections of the evidence pack and of the access export (R-5, GDPR Art. 15): the calls from a
 * number (kept in full only when the account asked for full numbers, R-25: a masked call cannot be tied to anyone),
 * and the form and email contacts that name an address or a number.
 */
@Configuration(proxyBeanMethods = false)
class CallTrackingEvidence {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    EvidenceContributor callsEvidence(JdbcClient jdbc) {
        return new EvidenceContributor() {
            @Override
            public String section() {
                return "calls";
            }

            @Override
            public List<?> evidence(UUID accountId, String normalizedAddress) {
                if (AddressKind.ofNormalized(normalizedAddress) != AddressKind.PHONE) return List.of();
                // ct_call_account (account_id, started_at)
                return jdbc.sql("""
                        select c.started_at, c.answered_at, c.ended_at, c.duration_seconds, c.status, c.caller, n.e164 as tracked_number,
                               m.name as medium, c.redirected_to
                        from ct_call c join ct_number n on n.id = c.number_id left join ct_medium m on m.id = c.medium_id
                        where c.account_id = ? and c.caller = ? order by c.started_at, c.id""")
                        .params(accountId, normalizedAddress).query().listOfRows().stream().map(CallTrackingEvidence::camel).toList();
            }
        };
    }

    @Bean
    EvidenceContributor callTrackingContactsEvidence(JdbcClient jdbc) {
        return new EvidenceContributor() {
            @Override
            public String section() {
                return "callTrackingContacts";
            }

            @Override
            public List<?> evidence(UUID accountId, String normalizedAddress) {
                var person = new org.fairsend.platform.ErasedPerson(accountId,
                        AddressKind.ofNormalized(normalizedAddress) == AddressKind.EMAIL ? List.of(normalizedAddress) : List.of(),
                        AddressKind.ofNormalized(normalizedAddress) == AddressKind.PHONE ? List.of(normalizedAddress) : List.of(),
                        List.of(), List.of());
                List<Map<String, Object>> out = new ArrayList<>();
                jdbc.sql("""
                        select c.received_at, m.name as medium, c.fields from ct_form_contact c join ct_medium m on m.id = c.medium_id
                        where c.account_id = ? order by c.received_at""").param(accountId).query().listOfRows().forEach(r -> {
                    String fields = String.valueOf(value(r, "fields"));
                    if (!person.mentions(fields)) return;
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("receivedAt", value(r, "received_at"));
                    item.put("type", "form");
                    item.put("medium", value(r, "medium"));
                    try {
                        item.put("fields", JSON.readValue(fields, Map.class));
                    } catch (RuntimeException e) {
                        item.put("fields", fields);
                    }
                    out.add(item);
                });
                jdbc.sql("""
                        select c.received_at, m.name as medium, c.mail_from, c.subject from ct_email_contact c join ct_medium m on m.id = c.medium_id
                        where c.account_id = ? and lower(c.mail_from) = ? order by c.received_at""")
                        .params(accountId, normalizedAddress.toLowerCase(java.util.Locale.ROOT)).query().listOfRows().forEach(r -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("receivedAt", value(r, "received_at"));
                            item.put("type", "email");
                            item.put("medium", value(r, "medium"));
                            item.put("from", value(r, "mail_from"));
                            item.put("subject", value(r, "subject"));
                            out.add(item);
                        });
                out.replaceAll(CallTrackingEvidence::instants);
                return out;
            }
        };
    }

    private static Map<String, Object> camel(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (v == null) return;
            StringBuilder s = new StringBuilder();
            boolean up = false;
            for (char c : k.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
                if (c == '_') up = true;
                else { s.append(up ? Character.toUpperCase(c) : c); up = false; }
            }
            out.put(s.toString(), v instanceof java.sql.Timestamp t ? t.toInstant() : v);
        });
        return out;
    }

    private static Map<String, Object> instants(Map<String, Object> row) {
        row.replaceAll((k, v) -> v instanceof java.sql.Timestamp t ? t.toInstant() : v);
        return row;
    }

    private static Object value(Map<String, Object> row, String column) {
        for (var e : row.entrySet()) if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        return null;
    }
}
