package org.fairsend.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/** X-8 retention of prospects, with a clock the test moves forward. */
@PostgresTest
@Import(RetentionTest.MovableClockConfig.class)
class RetentionTest {

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        void advanceYears(int years) {
            now = now.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClockConfig {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    Fixtures fixtures;
    @Autowired
    MovableClock clock;
    @Autowired
    ContactDirectory directory;
    @Autowired
    Suppressions suppressions;

    private static String create(Api api, Map<String, Object> body) {
        return api.post("/api/contacts", body).json().at("/contact/id").asString();
    }

    @Test
    void prospectsWithoutOwnContactForThreeYearsAreFlaggedThenPurged() {
        var a = fixtures.account();
        Api api = a.api();
        Api operator = fixtures.operator();
        String idle = create(api, Map.of("email", "idle@exemple.fr"));
        String opener = create(api, Map.of("email", "opener@exemple.fr"));
        String clicker = create(api, Map.of("email", "clicker@exemple.fr"));
        String customer = create(api, Map.of("email", "client@exemple.fr", "contractActive", true));
        // a B2B contact is a prospect too (its basis is no customer relationship)
        var b2b = api.post("/api/consents", Map.of("channel", "email", "address", "achats@minoterie-retention.fr", "basis", "b2b",
                "context", "other", "contextDetail", "trade fair", "collectedAt", clock.instant().toString(), "subject", "flour",
                "role", "Buyer", "optOutOffered", true));
        assertThat(b2b.status()).as(b2b.body()).isEqualTo(201);
        String professional = b2b.json().get("contactId").asString();

        clock.advanceYears(2);
        directory.recordOpen(a.id(), UUID.fromString(opener), clock.instant()); // an open is not an own contact
        directory.recordClick(a.id(), UUID.fromString(clicker), clock.instant()); // a click is
        clock.advanceYears(1);
        clock.advance(Duration.ofDays(1));

        assertThat(api.post("/api/operator/retention/run", null).status()).isEqualTo(403);
        // scoped to this account: the years this clock moved would otherwise purge every other test's prospects
        String run = "/api/operator/retention/run?account=" + a.id();
        JsonNode first = operator.post(run, null).json();
        assertThat(first.get("prospectYears").asInt()).isEqualTo(3);
        assertThat(first.get("flagged").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/contacts/" + idle).json().at("/contact/retentionFlaggedAt").isMissingNode()).isFalse();
        assertThat(api.get("/api/contacts/" + opener).json().at("/contact/retentionFlaggedAt").isMissingNode()).isFalse();
        assertThat(api.get("/api/contacts/" + clicker).json().at("/contact/retentionFlaggedAt").isMissingNode()).isTrue();
        assertThat(api.get("/api/contacts/" + customer).json().at("/contact/retentionFlaggedAt").isMissingNode()).isTrue();

        // within the grace period nothing is purged yet
        assertThat(operator.post(run, null).json().get("purged").asInt()).isZero();
        assertThat(api.get("/api/contacts/" + idle).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(31));
        JsonNode second = operator.post(run, null).json();
        assertThat(second.get("purged").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/contacts/" + idle).status()).isEqualTo(404);
        assertThat(api.get("/api/contacts/" + opener).status()).isEqualTo(404);
        assertThat(api.get("/api/contacts/" + professional).status()).isEqualTo(404);
        assertThat(api.get("/api/contacts/" + clicker).status()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + customer).status()).isEqualTo(200);
        assertThat(suppressions.entriesFor(a.id(), "idle@exemple.fr")).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.RETENTION));
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, "opener@exemple.fr")).isTrue();
    }
}
