package org.fairsend.reputation.internal;

import java.util.List;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.stereotype.Component;

/**
 * the reputation audit keeps every decision; an erased person's address or number quoted in a reason or a
 * detail (free text, an operator's or a sample's) is replaced by the marker.
 */
@Component
class ReputationErasure implements PersonalData {

    private final TextScrubber scrubber;

    ReputationErasure(TextScrubber scrubber) {
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        scrubber.scrub(person, "reputation_audit", "id", List.of("reason", "detail"), false, "account_id = ?", person.accountId());
    }
}
