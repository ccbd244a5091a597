package org.fairsend.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Hosted subscription forms as the account's own pages build them; {@code url} is the public page. */
public interface SubscriptionForms {

    record Form(UUID id, UUID listId, String name, String subject, String declarationText, OptInType optInType,
            String redirectUrl, Instant createdAt, String url) {}

    record NewForm(String name, UUID listId, String subject, String declarationText, String optInType, String redirectUrl) {}

    /** Creates a form; a {@code RuleViolation} names each refused field and its rule. */
    Form create(UUID accountId, NewForm in);

    List<Form> forms(UUID accountId);

    Form form(UUID accountId, UUID formId);
}
