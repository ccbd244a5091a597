package org.fairsend.console.internal;

import java.util.List;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.stereotype.Component;

/**
 * the operator's actions on an account keep what was done, by whom and when; an erased person's address,
 * number or name written in their detail or reason (free text) is replaced by the marker.
 */
@Component
class ConsoleErasure implements PersonalData {

    private final TextScrubber scrubber;

    ConsoleErasure(TextScrubber scrubber) {
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        scrubber.scrub(person, "console_operator_action", "id", List.of("detail", "reason"), false, "account_id = ?", person.accountId());
    }
}
