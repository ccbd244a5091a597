package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dedicated IPs in the console (issue 19), in a real Chromium: the account asks for one from its page (volume, one of
 * its verified domains, a note); the operator finds it on the desk, adds an address to the pool, assigns it with a
 * reason; the account reads the assignment, the warm-up's day and today's caps per mailbox provider, and the trail.
 * Screenshots under target/screenshots/.
 */
@PostgresTest
class DedicatedIpBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;

    @Test
    void theAccountAsksTheOperatorAssignsAnAddressAndBothSeeTheWarmUp() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String admin = ConsoleSecurityTest.adminOf(fixtures, s.account(), "une adresse rien qu'a nous");
        String suffix = s.account().id().toString().substring(28);
        String address = "127.0.0.9";
        try (Browser b = new Browser(fixtures.port(), "dedicated-ip-account", 1280, 900)) {
            b.signIn(admin, "une adresse rien qu'a nous");
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            b.find("a[href='/console/dedicated-ip']").click();
            b.awaitText("h1", "Dedicated IP", WAIT);
            b.find("#monthlyVolume").sendKeys("250000");
            b.find("#domain-0").click();
            b.find("#note").sendKeys("<b>Newsletter</b> " + suffix);
            b.screenshot("ask");
            b.find("#ask-dedicated-ip button").click();
            b.awaitText(".notice", "sent to the operator", WAIT);
            assertThat(b.text(".dedicated-ip-request .status")).isEqualTo("requested");
            // the note is text, never markup
            assertThat(b.text(".dedicated-ip-request")).contains("<b>Newsletter</b> " + suffix);
            assertThat(b.all("#ask-dedicated-ip")).as("one open request at a time").isEmpty();
        }

        String op = "ip-desk-" + suffix + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", op, "password", "le pupitre des adresses")).status())
                .isEqualTo(201);
        try (Browser b = new Browser(fixtures.port(), "dedicated-ip-operator", 1280, 900)) {
            b.signIn(op, "le pupitre des adresses");
            b.awaitText("h1", "Accounts", WAIT);
            b.find("a[href='/console/operator/dedicated-ips']").click();
            b.awaitText("h1", "Dedicated IPs", WAIT);
            b.find("#address").sendKeys(address);
            b.find("#pool-note").sendKeys("rack 2");
            b.find("#add-address button").click();
            b.awaitText(".notice", address + " is in the pool", WAIT);
            b.find("#requests a[href*='" + requestOf(s) + "']").click();
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            new Select(b.find("#assign-address")).selectByValue(address);
            b.find("#assign-reason").sendKeys("250k a month from a verified domain");
            b.find("#assign button").click();
            b.awaitText(".notice", "warming", WAIT);
            assertThat(b.text(".warmup-day")).contains("Day 1 of 42");
            assertThat(b.text(".warmup-today tr[data-provider='gmail'] .cap")).isEqualTo("50");
            b.screenshot("assigned");
            // the operator's page of the account shows the request too
            b.open("/console/operator/accounts/" + s.account().id());
            b.awaitText("#account-dedicated-ip", "warming (" + address + ")", WAIT);
        }

        try (Browser b = new Browser(fixtures.port(), "dedicated-ip-account-warming", 1280, 1000)) {
            b.signIn(admin, "une adresse rien qu'a nous");
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            b.open("/console/dedicated-ip");
            b.awaitText(".dedicated-ip-request .status", "warming", WAIT);
            assertThat(b.text(".dedicated-ip-request .address")).isEqualTo(address);
            assertThat(b.text(".warmup-day")).contains("Day 1 of 42");
            assertThat(b.text(".warmup-today tr[data-provider='orange'] .cap")).isEqualTo("25");
            assertThat(b.text(".warmup-today tr[data-provider='gmail'] .dedicated")).isEqualTo("0");
            assertThat(b.text(".dedicated-ip-history")).contains("250k a month from a verified domain").contains("console:" + op)
                    .contains("warmup_started");
            b.fullScreenshot("warming");
        }
        fixtures.operator().post("/api/operator/dedicated-ips/" + requestOf(s) + "/release", Map.of("reason", "end of test"));
    }

    private static String requestOf(EmailSetup.Sending s) {
        return s.account().api().get("/api/dedicated-ips").json().get(0).get("id").asString();
    }
}
