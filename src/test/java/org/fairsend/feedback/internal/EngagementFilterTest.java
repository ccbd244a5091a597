package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.feedback.EngagementClass;
import org.junit.jupiter.api.Test;

/**
 * the open verdicts the data file feedback/machine-signals.json gives (clicks' timing needs the database:
 * campaigns/EngagementHygieneTest, feedback/internal/FeedbackFlowTest).
 */
class EngagementFilterTest {

    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    final EngagementFilter filter = new EngagementFilter(null, null, null);

    private EngagementFilter.Verdict open(String ip, String ua, String method) {
        return filter.open(ip, ua, method);
    }

    @Test
    void applePrivacyProtectionIsAMachineByItsNetworkOrItsBareAgent() {
        assertThat(open("17.58.63.12", IPHONE, "GET")).isEqualTo(new EngagementFilter.Verdict(EngagementClass.MACHINE, "apple-mpp"));
        assertThat(open("::ffff:17.1.2.3", IPHONE, "GET").signal()).isEqualTo("apple-mpp");
        assertThat(open("198.51.100.4", "Mozilla/5.0", "GET").signal()).isEqualTo("apple-mpp");
        // the same iPhone on another network is a person
        assertThat(open("198.51.100.4", IPHONE, "GET")).isEqualTo(new EngagementFilter.Verdict(EngagementClass.HUMAN, null));
        assertThat(open("18.0.0.1", IPHONE, "GET").human()).isTrue();
    }

    @Test
    void gmailsProxyFetchesWhenTheReaderOpensSoItIsAPerson() {
        var v = open("66.249.84.1", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "GET");
        assertThat(v).isEqualTo(new EngagementFilter.Verdict(EngagementClass.HUMAN, "google-image-proxy"));
        // so is Outlook for Windows displaying images with its Office engine
        assertThat(open("203.0.113.9", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)", "GET"))
                .isEqualTo(new EngagementFilter.Verdict(EngagementClass.HUMAN, "outlook-desktop"));
        // but a HEAD through it is not an image being shown
        assertThat(open("66.249.84.1", "GoogleImageProxy", "HEAD").signal()).isEqualTo("head-request");
    }

    @Test
    void scannersLibrariesAndMissingAgentsAreMachines() {
        assertThat(open("203.0.113.9", "Mozilla/5.0 (compatible; Barracuda Sentinel URL scanner)", "GET").signal()).isEqualTo("scanner-user-agent");
        assertThat(open("203.0.113.9", "python-requests/2.32", "GET").signal()).isEqualTo("automation");
        assertThat(open("203.0.113.9", "  ", "GET").signal()).isEqualTo("no-user-agent");
        assertThat(open("203.0.113.9", null, "GET").cls()).isEqualTo(EngagementClass.MACHINE);
        assertThat(open("not-an-address", "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "GET").signal())
                .isEqualTo("image-proxy");
    }

    @Test
    void everyEntryOfTheDataFileIsValid() {
        var agents = EngagementFilter.load();
        assertThat(agents).isNotEmpty();
        assertThat(agents).allSatisfy(c -> {
            assertThat(c.agent().name()).matches("[a-z0-9-]+");
            assertThat(c.agent().note()).isNotBlank();
            assertThat(c.agent().events()).isNotEmpty().allMatch(e -> e.equals("open") || e.equals("click"));
        });
    }
}
