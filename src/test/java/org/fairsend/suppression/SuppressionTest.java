package org.fairsend.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fairsend.platform.Channel;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PostgresTest
class SuppressionTest {

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired Suppressions suppressions;
    @Autowired Fixtures fixtures;

    @Test
    void entriesApplyToTheirAccountAndPlatformWideEntriesToAll() {
        var a = fixtures.account();
        var b = fixtures.account();
        suppressions.suppress(a.id(), Channel.EMAIL, "jean@example.fr", SuppressionReason.HARD_BOUNCE, "test", "550 5.1.1");
        suppressions.suppress(a.id(), Channel.EMAIL, "jean@example.fr", SuppressionReason.HARD_BOUNCE, "test", "again");
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, "jean@example.fr")).isTrue();
        assertThat(suppressions.isSuppressed(a.id(), Channel.SMS, "jean@example.fr")).isFalse();
        assertThat(suppressions.isSuppressed(b.id(), Channel.EMAIL, "jean@example.fr")).isFalse();
        assertThat(suppressions.entriesFor(a.id(), "jean@example.fr")).hasSize(1);

        suppressions.suppressHashed(null, Channel.SMS, pseudonyms.address("+33612345678"), SuppressionReason.ERASED, "gdpr");
        assertThat(suppressions.isSuppressed(b.id(), Channel.SMS, "+33612345678")).isTrue();
        assertThat(suppressions.entriesFor(b.id(), "+33612345678").getFirst().address()).isNull();
    }

    @Test
    void theApiChecksAndAddsManualEntriesForTheCallersAccountOnly() {
        var a = fixtures.account();
        var b = fixtures.account();
        var added = a.api().post("/api/suppressions", Map.of("channel", "sms", "address", "06 12 34 56 78", "detail", "asked by phone"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("address").asString()).isEqualTo("+33612345678");
        assertThat(a.api().get("/api/suppressions/check?channel=sms&address=%2B33612345678").json().get("suppressed").asBoolean()).isTrue();
        assertThat(b.api().get("/api/suppressions/check?channel=sms&address=%2B33612345678").json().get("suppressed").asBoolean()).isFalse();
        long id = a.api().get("/api/suppressions").json().get(0).get("id").asLong();
        assertThat(b.api().delete("/api/suppressions/" + id).status()).isEqualTo(404);
        assertThat(a.api().delete("/api/suppressions/" + id).status()).isEqualTo(204);

        var bad = a.api().post("/api/suppressions", Map.of("channel", "email", "address", "not-an-address"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("address");
    }
}
