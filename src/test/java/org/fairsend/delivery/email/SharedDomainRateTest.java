package org.fairsend.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.delivery.DeliveryResult;
import org.fairsend.delivery.OutboundMessage;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Throttles;
import org.fairsend.support.NodePool;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 18: a recipient domain's rate holds for two nodes together. Two SMTP transports, each with the paces a node
 * builds on PostgreSQL on a connection pool of its own, send to one domain capped at 20 per second through a real
 * SMTP server (GreenMail) for two seconds, from eight senders each: together they deliver no more than the cap over
 * the window plus one second's burst, and a domain without a cap is not held up meanwhile. A relay's rate is shared
 * the same way.
 */
@PostgresTest
class SharedDomainRateTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    private static HikariDataSource poolA;
    private static HikariDataSource poolB;

    @Autowired SenderDomains senders;

    @BeforeAll
    static void pools(@Autowired javax.sql.DataSource app) throws Exception {
        poolA = NodePool.against(app, "node-a", 3);
        poolB = NodePool.against(app, "node-b", 3);
    }

    @AfterAll
    static void close() {
        poolA.close();
        poolB.close();
    }

    private SmtpTransport node(HikariDataSource pool, String cappedDomain) {
        var relay = new EmailProperties.Relay("127.0.0.1", TestMail.PORT, null, null, "false", 16, 10, null);
        var rate = new EmailProperties.DomainRate(0, Map.of(cappedDomain.toUpperCase(), 20), Duration.ofSeconds(30));
        return new SmtpTransport(new EmailProperties(List.of(relay), 50, false, rate), senders, Throttles.onPostgres(pool), (account, domain) -> java.util.Optional.empty());
    }

    /** A node whose relay (this test's own port entry: the bucket is the relay's) takes {@code perSecond}, no domain cap. */
    private SmtpTransport relayCapped(HikariDataSource pool, int perSecond) {
        var relay = new EmailProperties.Relay("127.0.0.1", TestMail.PORT, null, null, "false", 16, 10, perSecond);
        return new SmtpTransport(new EmailProperties(List.of(relay), 50, false, null), senders, Throttles.onPostgres(pool), (account, domain) -> java.util.Optional.empty());
    }

    private static final AtomicInteger IDS = new AtomicInteger(900_000_000);

    private static OutboundMessage message(String to) {
        String domain = to.substring(to.indexOf('@') + 1);
        byte[] mime = ("From: shop@boulangerie-test.fr\r\nTo: " + to + "\r\nSubject: pain\r\n\r\nBonjour\r\n").getBytes(StandardCharsets.US_ASCII);
        return new OutboundMessage(IDS.incrementAndGet(), UUID.randomUUID(), null, Channel.EMAIL, to, 1,
                new RenderedContent.Email("b-test@bounces.fairsend.localhost", domain, mime), () -> null);
    }

    /** Eight senders on the transport, sending to {@code domain} until {@code until}; how many were delivered. */
    private static Thread[] send(SmtpTransport t, String domain, long until, AtomicInteger delivered) {
        Thread[] ts = new Thread[8];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < until) {
                    DeliveryResult r = t.send(message("client-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain));
                    if (r instanceof DeliveryResult.Delivered) delivered.incrementAndGet();
                }
            });
        }
        return ts;
    }

    @Test
    void twoNodesTogetherKeepToTheRelaysRate() throws Exception {
        // the relay's bucket is keyed by host and port: a rate of its own (16/s) keeps it apart from other tests' relays
        var a = relayCapped(poolA, 16);
        var b = relayCapped(poolB, 16);
        try {
            var fromA = new AtomicInteger();
            var fromB = new AtomicInteger();
            long start = System.nanoTime();
            long until = start + Duration.ofSeconds(2).toNanos();
            String domain = "relay-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            Thread[][] groups = {send(a, domain, until, fromA), send(b, domain, until, fromB)};
            for (Thread[] g : groups) for (Thread t : g) t.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            int sent = fromA.get() + fromB.get();
            assertThat(sent).as("handed to the relay in %.1f s at 16/s", seconds).isLessThanOrEqualTo((int) Math.round(16 * seconds) + 16);
            assertThat(sent).isGreaterThanOrEqualTo(20);
            assertThat(fromA.get()).isPositive();
            assertThat(fromB.get()).isPositive();
        } finally {
            a.destroy();
            b.destroy();
        }
    }

    @Test
    void twoNodesTogetherKeepToTheDomainsRate() throws Exception {
        String capped = "capped-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String free = "free-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        var a = node(poolA, capped);
        var b = node(poolB, capped);
        try {
            var fromA = new AtomicInteger();
            var fromB = new AtomicInteger();
            var uncapped = new AtomicInteger();
            long start = System.nanoTime();
            long until = start + Duration.ofSeconds(2).toNanos();
            Thread[][] groups = {send(a, capped, until, fromA), send(b, capped, until, fromB), send(a, free, until, uncapped)};
            for (Thread[] g : groups) for (Thread t : g) t.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            long received = java.util.Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> {
                        try {
                            return m.getAllRecipients()[0].toString().endsWith("@" + capped);
                        } catch (jakarta.mail.MessagingException e) {
                            throw new IllegalStateException(e);
                        }
                    }).count();
            assertThat(received).isEqualTo(fromA.get() + fromB.get());
            // at most the rate over the window (senders still sending at its end included) plus one second's burst
            assertThat(received).as("delivered to the capped domain in %.1f s at 20/s", seconds).isLessThanOrEqualTo(Math.round(20 * seconds) + 20);
            assertThat(received).isGreaterThanOrEqualTo(25);
            // both nodes sent some of them
            assertThat(fromA.get()).isPositive();
            assertThat(fromB.get()).isPositive();
            // the other domain went on at its own pace on the same node meanwhile
            assertThat(uncapped.get()).isGreaterThan((int) received);
        } finally {
            a.destroy();
            b.destroy();
        }
    }
}
