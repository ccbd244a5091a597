package org.fairsend.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the preheader, the footer and the open pixel go into the HTML in one copy instead of three.
 * Wherever the body tags are (upper case, missing, several, unclosed), each lands where inserting them one after the
 * other would have put it.
 */
class BodyInsertionTest {

    /** The three insertions one after the other, as written before: the reference. */
    private static String oneAfterTheOther(String html, String afterBody, String footer, String pixel) {
        if (!afterBody.isEmpty()) {
            String lower = html.toLowerCase(Locale.ROOT);
            int b = lower.indexOf("<body");
            if (b < 0) {
                html = afterBody + html;
            } else {
                int close = lower.indexOf('>', b);
                html = close < 0 ? afterBody + html : html.substring(0, close + 1) + afterBody + html.substring(close + 1);
            }
        }
        for (String fragment : new String[] {footer, pixel}) {
            if (fragment.isEmpty()) continue;
            int i = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
            html = i < 0 ? html + fragment : html.substring(0, i) + fragment + html.substring(i);
        }
        return html;
    }

    private static final String[] PIECES = {"<html>", "<HEAD><title>t</title></HEAD>", "<body>", "<BODY style=\"margin:0\">", "<body",
            "</body>", "</BODY>", "</html>", "<p>Bonjour</p>", "é € 😀", ">", "<", "<bodyx>", "</body >", "\n", "<b>gras</b>", ""};

    @Test
    void eachFragmentLandsWhereInsertingThemOneByOneWouldPutIt() {
        Random random = new Random(17);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder html = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) html.append(PIECES[random.nextInt(PIECES.length)]);
            String afterBody = random.nextBoolean() ? "<div>PRE</div>" : "";
            String footer = random.nextBoolean() ? "<div>FOOTER</div>" : "";
            String pixel = random.nextBoolean() ? "<img src=\"o\">" : "";
            String expected = oneAfterTheOther(html.toString(), afterBody, footer, pixel);
            assertThat(EmailRenderer.inserted(html.toString(), afterBody, footer + pixel)).as("%s", html).isEqualTo(expected);
        }
    }
}
