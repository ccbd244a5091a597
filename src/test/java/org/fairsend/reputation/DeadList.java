package org.fairsend.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.feedback.internal.InboundPort;
import org.fairsend.support.Api;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * For other modules' tests (the console's): a campaign to a list whose odd-numbered recipients are dead mailboxes,
 * sent to GreenMail, each dead one answering with a real RFC 3464 DSN over SMTP to the message's VERP return path
 * into the inbound listener (as {@link ReputationFlowTest} does), until the circuit breaker suspends it (R-14).
 */
public final class DeadList {

    /** The suspended campaign and its incident's id. */
    public record Suspended(String campaignId, long incidentId, String subject, String prefix, String domain) {

        /** The address of recipient {@code i} (odd: a dead mailbox). */
        public String address(int i) {
            return prefix + i + "@" + domain;
        }
    }

    private DeadList() {}

    public static Suspended suspendedCampaign(EmailSetup.Sending base, Api operator, GreenMailExtension mail,
            ConfigurableApplicationContext context, String name, int n) throws Exception {
        String prefix = "d" + base.account().id().toString().substring(30) + "n";
        String domain = "dead-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
        var list = base.account().api().post("/api/lists", Map.of("name", "Liste " + name));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        var s = new EmailSetup.Sending(base.account(), base.domain(), list.json().get("id").asString(), base.dkimRecords());
        EmailSetup.importContacts(s, prefix, domain, n);
        String subject = name + " " + UUID.randomUUID().toString().substring(0, 6);
        String id = EmailSetup.campaign(s, subject, ReputationFlowTest.HTML, Map.of("name", name, "throttlePerMinute", 1200));
        var started = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Set<String> bounced = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (Dsn dsn = new Dsn(InboundPort.of(context))) {
                while (!stop.get()) {
                    for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
                        MimeMessage mm = m.getMimeMessage();
                        if (!subject.equals(mm.getSubject())) continue;
                        String to = mm.getAllRecipients()[0].toString();
                        if (ReputationFlowTest.number(to) % 2 == 0 || !bounced.add(to)) continue;
                        dsn.hardBounce(mm.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim(), to, mm);
                    }
                    Thread.sleep(20);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !operator.withHeader(org.fairsend.accounts.Caller.ACCOUNT_HEADER, s.account().id().toString())
                            .get("/api/campaigns/" + id).json().get("status").asString().equals("sending"));
        } finally {
            stop.set(true);
            feeder.join(30_000);
        }
        if (failure.get() != null) throw new AssertionError("the bounce feeder failed", failure.get());
        var incident = operator.get("/api/operator/reputation/campaigns/" + id).json().get("incident");
        assertThat(incident).as("the campaign was incriminated (R-14)").isNotNull();
        assertThat(incident.isNull()).as("the campaign was incriminated (R-14)").isFalse();
        return new Suspended(id, incident.get("id").asLong(), subject, prefix, domain);
    }
}
