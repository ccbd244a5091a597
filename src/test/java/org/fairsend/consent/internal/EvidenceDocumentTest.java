package org.fairsend.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * the printable evidence pack, through real HTTP, reads as a document: labels in words, dates in the policy's time
 * zone and the reader's date format with the zone named, the chain check in a sentence, no raw JSON.
 */
@PostgresTest
class EvidenceDocumentTest {

    @Autowired Fixtures fixtures;

    @Test
    void thePrintablePackHasLabelsLocalDatesAndNoJson() {
        var a = fixtures.account();
        Instant collected = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> m = new HashMap<>();
        m.put("channel", "email");
        m.put("address", "Juliette@Example.fr");
        m.put("basis", "opt_in");
        m.put("optInType", "single");
        m.put("context", "newsletter");
        m.put("collectedAt", collected.toString());
        m.put("sourceUrl", "https://boulangerie.example.fr/lettre?email=juliette@example.fr");
        m.put("ip", "203.0.113.9");
        m.put("declarationText", "J'accepte de recevoir la lettre de la boulangerie.");
        m.put("subject", "la lettre de la boulangerie");
        m.put("separateConsent", true);
        m.put("explicit", true);
        assertThat(a.api().post("/api/consents", m).status()).isEqualTo(201);
        assertThat(a.api().post("/api/consents/withdraw", Map.of("channel", "email", "address", "juliette@example.fr")).status())
                .isEqualTo(200);

        var fr = a.api().withHeader("Accept-Language", "fr-FR").get("/api/evidence.html?address=juliette@example.fr");
        assertThat(fr.status()).isEqualTo(200);
        String body = fr.body().substring(fr.body().indexOf("<body>"));
        // no JSON anywhere in the document (the page's style sheet is above <body>)
        assertThat(body).doesNotContain("{").doesNotContain("\":").doesNotContain("null");
        assertThat(body).contains("Consent given").contains("Consent withdrawn").contains("Newsletter sign-up")
                .contains("Text the person agreed to").contains("Legal basis").contains("Consent (opt-in)")
                .contains("Consent in force").contains("No: withdrawn").contains("Email");
        // the dates: the policy's zone (Europe/Paris unless changed), a French reader's format, the zone named
        ZoneId paris = ZoneId.of("Europe/Paris");
        String local = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm zzz", Locale.FRANCE).withZone(paris).format(collected);
        assertThat(body).contains(local).contains("Europe/Paris");
        assertThat(body).doesNotContain(collected.toString());
        // the chain in a sentence
        assertThat(body).contains("The record chain is intact: 2 records checked");
        // the query string of the form's address is in the erasable part, shown as where the person came from
        assertThat(body).contains("https://boulangerie.example.fr/lettre<").contains("Page the person came from");

        var en = a.api().withHeader("Accept-Language", "en-GB").get("/api/evidence.html?address=juliette@example.fr");
        assertThat(en.body()).contains(DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm zzz", Locale.UK).withZone(paris).format(collected));
    }
}
