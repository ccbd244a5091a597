package org.fairsend.feedback.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.EvidenceContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The evidence pack's sections: bounces, complaints, unsubscribes, engagement and SMS replies about an address. */
@Configuration(proxyBeanMethods = false)
class FeedbackEvidence {

    record Section(String section, String sql, JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) implements EvidenceContributor {
        @Override
        public List<?> evidence(UUID accountId, String normalizedAddress) {
            return jdbc.sql(sql).params(accountId, pseudonyms.address(normalizedAddress)).query().listOfRows().stream()
                    .map(row -> {
                        var out = new java.util.LinkedHashMap<String, Object>();
                        row.forEach((k, v) -> { if (v != null) out.put(camel(k), v instanceof java.sql.Timestamp t ? t.toInstant() : v); });
                        return (Map<String, Object>) out;
                    }).toList();
        }
    }

    static String camel(String column) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : column.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') up = true;
            else { s.append(up ? Character.toUpperCase(c) : c); up = false; }
        }
        return s.toString();
    }

    @Bean
    EvidenceContributor bouncesEvidence(JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) {
        return new Section("bounces", """
                select received_at, message_id, campaign_id, recipient, reported_recipient, kind, status_code, reply_code, reason,
                  diagnostic, source from bounce where account_id = ? and recipient_hash = ? order by received_at, id""", jdbc, pseudonyms);
    }

    @Bean
    EvidenceContributor complaintsEvidence(JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) {
        return new Section("complaints", """
                select received_at, message_id, campaign_id, recipient, complaint_kind, feedback_type, source, note
                from complaint where account_id = ? and recipient_hash = ? order by received_at, id""", jdbc, pseudonyms);
    }

    @Bean
    EvidenceContributor unsubscribesEvidence(JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) {
        return new Section("unsubscribes", """
                select received_at, message_id, campaign_id, channel, recipient, source, ip, user_agent
                from unsubscribe where account_id = ? and recipient_hash = ? order by received_at, id""", jdbc, pseudonyms);
    }

    @Bean
    EvidenceContributor engagementEvidence(JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) {
        return new Section("engagement", """
                select occurred_at, message_id, campaign_id, event_type, target, counted, classification, flag, ip, user_agent
                from engagement where account_id = ? and recipient_hash = ? order by occurred_at, id""", jdbc, pseudonyms);
    }

    @Bean
    EvidenceContributor smsRepliesEvidence(JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) {
        return new Section("smsReplies", """
                select received_at, from_number, to_number, text, keyword, result, source
                from sms_reply where account_id = ? and from_hash = ? order by received_at, id""", jdbc, pseudonyms);
    }
}
