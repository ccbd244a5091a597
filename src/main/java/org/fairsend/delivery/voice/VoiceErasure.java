package org.fairsend.delivery.voice;

import org.fairsend.contacts.ContactErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * an erased contact's number leaves the voice tables: the refusal keeps only its hash (it still bars the
 * number, X-4), and the provider's callbacks about its drops lose their bodies.
 */
@Component
class VoiceErasure {

    private final JdbcClient jdbc;

    VoiceErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void erased(ContactErased e) {
        for (String hash : e.addressHashes()) {
            jdbc.sql("update voice_refusal set recipient = null where account_id = ? and recipient_hash = ?").params(e.accountId(), hash).update();
            jdbc.sql("""
                    update voice_callback set body = null where message_id in
                      (select l.message_id from send_log l where l.account_id = ? and l.recipient_hash = ? and l.channel = 'voice')""")
                    .params(e.accountId(), hash).update();
        }
    }
}
