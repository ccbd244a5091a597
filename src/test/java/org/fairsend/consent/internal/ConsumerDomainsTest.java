package org.fairsend.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** the consumer mailbox list, its national variants, and what it must not catch. */
class ConsumerDomainsTest {

    private final ConsumerDomains builtIn = ConsumerDomains.builtIn();

    @Test
    void consumerMailboxesAndTheirNationalVariantsAreCaught() {
        for (String d : List.of("gmail.com", "googlemail.com", "hotmail.fr", "hotmail.co.uk", "live.fr", "live.be", "msn.com",
                "outlook.fr", "outlook.com", "yahoo.fr", "yahoo.co.jp", "yahoo.com.br", "ymail.com", "icloud.com", "me.com",
                "mac.com", "aol.com", "aol.fr", "gmx.de", "gmx.fr", "gmx.net", "web.de", "mail.ru", "yandex.ru", "yandex.com",
                "proton.me", "protonmail.com", "protonmail.ch", "zoho.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr",
                "neuf.fr", "laposte.net", "bbox.fr", "numericable.fr", "club-internet.fr", "aliceadsl.fr")) {
            assertThat(builtIn.match(d)).as(d).isPresent();
        }
        assertThat(builtIn.match("hotmail.co.uk")).contains("hotmail.*");
        // a subdomain of a consumer domain is no business domain either
        assertThat(builtIn.match("mail.free.fr")).contains("free.fr");
        assertThat(builtIn.match("GMAIL.COM")).isPresent();
    }

    @Test
    void businessDomainsArePassed() {
        for (String d : List.of("atelier-dupont.fr", "orange.com", "orange-business.com", "gmail.mycompany.com",
                "yahoo.mycompany.com", "free-mobile-pro.fr", "myfree.fr", "outlook-conseil.fr", "boulangerie.example",
                "live.events", "outlook.agency", "laposte.fr")) {
            assertThat(builtIn.match(d)).as(d).isEmpty();
        }
    }

    @Test
    void anOperatorAddsDomainsAndAMalformedEntryIsRefused() {
        var extra = ConsumerDomains.parse(List.of("# local ISP", "exemple-fai.fr", "monfai.*  # every national domain"), "test");
        var list = builtIn.plus(extra);
        assertThat(list.match("exemple-fai.fr")).contains("exemple-fai.fr");
        assertThat(list.match("monfai.be")).contains("monfai.*");
        assertThat(builtIn.match("exemple-fai.fr")).isEmpty();
        // an exception the operator adds wins over a brand entry (a business named like a provider)
        var excepted = builtIn.plus(ConsumerDomains.parse(List.of("!live.io"), "test"));
        assertThat(builtIn.match("live.io")).contains("live.*");
        assertThat(excepted.match("live.io")).isEmpty();
        assertThat(excepted.match("live.fr")).contains("live.*");
        assertThatThrownBy(() -> ConsumerDomains.parse(List.of("gmail.com", "not a domain"), "extra"))
                .hasMessageContaining("extra line 2");
        assertThatThrownBy(() -> ConsumerDomains.parse(List.of("localhost"), "extra")).hasMessageContaining("line 1");
    }
}
