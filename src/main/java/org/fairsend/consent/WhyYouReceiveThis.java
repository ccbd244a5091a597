package org.fairsend.consent;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairsend.platform.RecipientLanguages;

/**
 * how an address was collected, from the grant in force, as the recipient reads it in their language (issue 20):
 * "You subscribed to ... on ... on ..." / "Vous vous êtes inscrit à ... sur ... le ...". The words are in the recipient
 * bundle ({@code why.*}); the evidence pack keeps its own English wording ({@link ConsentState#collectedHow()}).
 */
public record WhyYouReceiveThis(ConsentBasis basis, String subject, String sourceUrl, String contextDetail, LocalDate on,
        String relationshipNature) {

    public static WhyYouReceiveThis of(ConsentRecord r) {
        return new WhyYouReceiveThis(r.basis(), r.subject(), r.sourceUrl(), r.contextDetail(),
                r.collectedAt() == null ? null : r.collectedAt().atZone(ZoneOffset.UTC).toLocalDate(), r.relationshipNature());
    }

    /** The statement in {@code locale}. */
    public String in(RecipientLanguages texts, Locale locale) {
        return switch (basis) {
            case OPT_IN -> {
                List<String> parts = new ArrayList<>();
                parts.add(texts.text(locale, "why.optin"));
                if (subject != null) parts.add(texts.text(locale, "why.optin.subject", subject));
                if (sourceUrl != null) parts.add(texts.text(locale, "why.optin.url", sourceUrl));
                else if (contextDetail != null) parts.add(texts.text(locale, "why.optin.context", contextDetail));
                if (on != null) parts.add(texts.text(locale, "why.optin.date", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale).format(on)));
                yield String.join(" ", parts) + ".";
            }
            case EXISTING_CUSTOMER -> relationshipNature == null ? texts.text(locale, "why.customer")
                    : texts.text(locale, "why.customer.nature", relationshipNature);
            case B2B -> subject == null ? texts.text(locale, "why.b2b") : texts.text(locale, "why.b2b.subject", subject);
        };
    }
}
