package org.fairsend.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Ids;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test-only stand-in for the contacts module's {@link ConsentSubjects}, until that module lands: it keeps
 * the {@code contact} table in step the way the port describes. Steps aside as soon as a real implementation
 * (a scanned component) exists.
 */
@Configuration(proxyBeanMethods = false)
class StandInConsentSubjects {

    @Bean
    @ConditionalOnMissingBean(ConsentSubjects.class)
    ConsentSubjects consentSubjectsStandIn(JdbcClient jdbc) {
        return new ConsentSubjects() {
            @Override
            public UUID consentChanged(UUID accountId, Channel channel, String address, String state, ConsentBasis basis,
                    UUID listId, String source) {
                String col = channel == Channel.EMAIL ? "email" : "phone";
                Timestamp now = Timestamp.from(Instant.now());
                UUID id = jdbc.sql("select id from contact where account_id = ? and " + col + " = ?").params(accountId, address)
                        .query(UUID.class).optional().orElse(null);
                if (id == null) {
                    id = Ids.newId();
                    jdbc.sql("insert into contact (id, account_id, " + col + ", email_status, sms_status, voice_status, source,"
                            + " created_at, updated_at) values (?, ?, ?, 'none', 'none', 'none', ?, ?, ?)")
                            .params(id, accountId, address, source, now, now).update();
                }
                jdbc.sql("update contact set " + channel.code() + "_status = ?, " + channel.code() + "_basis = ?, updated_at = ? where id = ?")
                        .params(state, basis == null ? null : basis.code(), now, id).update();
                if (listId != null && jdbc.sql("select count(*) from contact_list_member where list_id = ? and contact_id = ?")
                        .params(listId, id).query(Long.class).single() == 0) {
                    jdbc.sql("insert into contact_list_member (list_id, contact_id, added_at) values (?, ?, ?)")
                            .params(listId, id, now).update();
                }
                return id;
            }

            @Override
            public boolean listExists(UUID accountId, UUID listId) {
                return jdbc.sql("select count(*) from contact_list where id = ? and account_id = ?").params(listId, accountId)
                        .query(Long.class).single() > 0;
            }
        };
    }
}
