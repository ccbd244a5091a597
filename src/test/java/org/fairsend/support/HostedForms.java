package org.fairsend.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A hosted form used as a browser uses it (issue 15): the page's signed fill token, then the minimum fill time. */
public final class HostedForms {

    private HostedForms() {}

    /** The signed fill token of the form page. */
    public static String fillToken(Api visitor, String formId) {
        var page = visitor.get("/f/" + formId);
        assertThat(page.status()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"fill\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    /** Longer than the test profile's fairsend.consent.min-fill-time (300 ms). */
    public static void waitMinimumFillTime() {
        try {
            Thread.sleep(350);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
