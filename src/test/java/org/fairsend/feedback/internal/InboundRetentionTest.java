package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Raw inbound mail is kept {@code fairsend.feedback.inbound.retention} (30 days by default), then the purge nulls the
 * message and its envelope sender; the outcome row stays, and the operator's raw view answers 404.
 */
@PostgresTest
class InboundRetentionTest {

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired InboundSmtpServer smtp;
    @Autowired InboundRetention retention;

    @Test
    void rawInboundMailIsPurgedAfterTheRetentionPeriodAndItsOutcomeStays() throws Exception {
        String marker = UUID.randomUUID().toString();
        long old = receive(marker + "-old"), recent = receive(marker + "-recent");
        jdbc.sql("update inbound_message set received_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(31, ChronoUnit.DAYS)), old).update();
        jdbc.sql("update inbound_message set received_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(29, ChronoUnit.DAYS)), recent).update();

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        var purged = jdbc.sql("select raw, mail_from, purged_at, status, outcome, size_bytes from inbound_message where id = ?").param(old)
                .query().singleRow();
        assertThat(purged.get("raw")).isNull();
        assertThat(purged.get("mail_from")).isNull();
        assertThat(purged.get("purged_at")).isNotNull();
        assertThat(purged.get("status")).isEqualTo("unverified");
        assertThat((String) purged.get("outcome")).contains("not from a configured feedback-loop reporter");
        assertThat(((Number) purged.get("size_bytes")).intValue()).isPositive();
        assertThat(fixtures.operator().get("/api/operator/inbound/" + old + "/raw").status()).isEqualTo(404);
        assertThat(fixtures.operator().get("/api/operator/inbound?status=unverified&limit=500").body()).contains("\"id\":" + old)
                .contains("\"purgedAt\"");

        // younger than the retention: kept as it arrived
        var kept = fixtures.operator().get("/api/operator/inbound/" + recent + "/raw");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body()).contains(marker + "-recent");
        assertThat(retention.purge()).isZero(); // idempotent: nothing left to purge
    }

    /** A message to the feedback-loop address through the real listener; the id it was stored under. */
    private long receive(String subject) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.from", "someone@else.example");
        Session session = Session.getInstance(p);
        String fbl = "fbl@bounces.fairsend.localhost";
        byte[] raw = ("From: someone@else.example\r\nTo: " + fbl + "\r\nSubject: " + subject + "\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Address[] {new InternetAddress(fbl)});
        }
        return jdbc.sql("select max(id) from inbound_message where mail_from = 'someone@else.example'").query(Long.class).single();
    }
}
