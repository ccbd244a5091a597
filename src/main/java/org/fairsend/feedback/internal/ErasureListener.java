package org.fairsend.feedback.internal;

import org.fairsend.contacts.ContactErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * when a contact is erased, the feedback rows about its addresses keep only the address hash (the facts
 * stay countable for the indicators; the person is no longer readable). Runs inside the erasure transaction.
 */
@Component
class ErasureListener {

    private final JdbcClient jdbc;

    ErasureListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void erased(ContactErased e) {
        for (String hash : e.addressHashes()) {
            jdbc.sql("update bounce set recipient = null, reported_recipient = null, diagnostic = null where account_id = ? and recipient_hash = ?")
                    .params(e.accountId(), hash).update();
            jdbc.sql("update complaint set recipient = null, note = null where account_id = ? and recipient_hash = ?")
                    .params(e.accountId(), hash).update();
            jdbc.sql("update unsubscribe set recipient = null, ip = null, user_agent = null where account_id = ? and recipient_hash = ?")
                    .params(e.accountId(), hash).update();
            jdbc.sql("update engagement set ip = null, user_agent = null where account_id = ? and recipient_hash = ?")
                    .params(e.accountId(), hash).update();
            jdbc.sql("update sms_reply set from_number = null, text = null where account_id = ? and from_hash = ?")
                    .params(e.accountId(), hash).update();
        }
    }
}
