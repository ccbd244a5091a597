package org.fairsend.delivery.voice;

import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * an erased person's number leaves the voice tables: the refusal keeps only its hash (it still bars the
 * number, X-4), and the provider's callbacks about their drops lose their bodies (the status and the time stay).
 * Runs inside the erasure transaction ({@link PersonalData}).
 */
@Component
class VoiceErasure implements PersonalData {

    private final JdbcClient jdbc;

    VoiceErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedPerson person) {
        for (String hash : person.hashes()) {
            jdbc.sql("update voice_refusal set recipient = null where account_id = ? and recipient_hash = ?").params(person.accountId(), hash).update();
            jdbc.sql("""
                    update voice_callback set body = null, error = null where message_id in
                      (select l.message_id from send_log l where l.account_id = ? and l.recipient_hash = ? and l.channel = 'voice')""")
                    .params(person.accountId(), hash).update();
        }
    }
}
