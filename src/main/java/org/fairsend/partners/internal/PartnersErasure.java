package org.fairsend.partners.internal;

import java.util.List;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.stereotype.Component;

/**
 * the partners module keeps no address of a subscriber (they are in the partner's account: its ledger, book and
 * suppressions, erased there). Free text may still name a person: the operator's reasons in the audit of the partner
 * whose account the person is erased from, and an account's notes and the decisions on its rentals. The rows stay,
 * the address, number or name is replaced by the marker.
 */
@Component
class PartnersErasure implements PersonalData {

    private final TextScrubber scrubber;

    PartnersErasure(TextScrubber scrubber) {
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        scrubber.scrub(person, "partner_audit", "id", List.of("detail"), false,
                "partner_id in (select id from partner where account_id = ?) or account_id = ?", person.accountId(), person.accountId());
        scrubber.scrub(person, "partner_rental", "id", List.of("note", "reason"), false,
                "account_id = ? or partner_id in (select id from partner where account_id = ?)", person.accountId(), person.accountId());
    }
}
