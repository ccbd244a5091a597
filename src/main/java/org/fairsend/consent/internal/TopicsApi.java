package org.fairsend.consent.internal;

import java.util.List;
import org.fairsend.accounts.Caller;
import org.fairsend.consent.ConsentScopes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * the topic keys the account's existing-customer and B2B records list, the ones a marketing campaign may declare
 * as its {@code topic} to reach those recipients.
 */
@RestController
class TopicsApi {

    private final ConsentScopes scopes;

    TopicsApi(ConsentScopes scopes) {
        this.scopes = scopes;
    }

    @GetMapping("/api/consents/topics")
    List<String> topics() {
        return scopes.topicsInUse(Caller.current().accountId());
    }
}
