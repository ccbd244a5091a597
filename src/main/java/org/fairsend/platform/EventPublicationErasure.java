package org.fairsend.platform;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * the event publication registry ({@code event_publication}, completed publications are kept) may hold an
 * event that carried a plain address ({@code delivery.MessageFailed}'s recipient and the peer's reply). The erased
 * person's addresses, numbers and names are replaced by the marker in the publications of their account, completed
 * or not (an incomplete one still runs, with the hash it carries).
 */
@Component
class EventPublicationErasure implements PersonalData {

    private final TextScrubber scrubber;

    EventPublicationErasure(TextScrubber scrubber) {
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        scrubber.scrub(person, "event_publication", "id", List.of("serialized_event"), false, "serialized_event like ?",
                "%" + person.accountId() + "%");
    }
}
