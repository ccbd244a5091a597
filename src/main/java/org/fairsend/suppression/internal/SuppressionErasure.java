package org.fairsend.suppression.internal;

import java.util.List;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * every suppression of an erased person's addresses (the account's and the platform-wide ones) keeps its hash,
 * reason, channel and date, so it still blocks them, and loses the plain address; its detail is scrubbed. Runs inside
 * the erasure transaction, after the erasure's own suppression was recorded.
 */
@Component
class SuppressionErasure implements PersonalData {

    private final JdbcClient jdbc;
    private final TextScrubber scrubber;

    SuppressionErasure(JdbcClient jdbc, TextScrubber scrubber) {
        this.jdbc = jdbc;
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        for (String hash : person.hashes()) {
            // suppression_lookup (address_hash, channel)
            jdbc.sql("update suppression set address = null where address_hash = ? and (account_id = ? or account_id is null) and address is not null")
                    .params(hash, person.accountId()).update();
            scrubber.scrub(person, "suppression", "id", List.of("detail", "source"), true,
                    "address_hash = ? and (account_id = ? or account_id is null)", hash, person.accountId());
        }
    }
}
