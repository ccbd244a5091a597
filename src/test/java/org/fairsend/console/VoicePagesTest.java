package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairsend.console.ChannelSetup.post;
import static org.fairsend.console.ChannelSetup.postOk;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.fairsend.campaigns.internal.AudioFilesAccess;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The voice pages over HTTP: caller numbers and their declarations, recordings, the editor with its preflight and preview. */
@PostgresTest
class VoicePagesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    @Test
    void anAccountDeclaresItsCallerNumberUploadsARecordingAndSeesWhatTheVoiceCampaignWillShow() throws Exception {
        var a = fixtures.account();
        var s = ChannelSetup.account(fixtures, a, "password of the voice pages");
        String page = "/console/voice";
        int r = ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String national = "01 62 " + String.valueOf(r).substring(0, 2) + " " + String.valueOf(r).substring(2, 4) + " " + String.valueOf(r).substring(4);

        // a mobile number is not a caller number for automated calls; a number of the verified ranges is, declared
        assertThat(postOk(s, page, page + "/caller-numbers", Map.of("number", "06 12 34 56 78", "declarantName", "Marie Durand",
                "declaration", "Je certifie que ce numéro est le nôtre."))).contains("This was not saved").contains("R-21");
        String declared = postOk(s, page, page + "/caller-numbers", Map.of("number", national, "declarantName", "Marie <Durand>, gérante",
                "declaration", "Je certifie que le numéro " + national + " est attribué à notre société et utilisé par elle seule."));
        assertThat(declared).contains("Caller number " + national.replace(" ", "") + " declared.").contains("Marie &lt;Durand&gt;, gérante")
                .contains("est attribué à notre société");

        // recordings: a file that is no audio is refused with its field; a WAV is stored with its length
        assertThat(ChannelSetup.postFile(s, page, page + "/recordings", Map.of("name", "Pas un son", "transcript", "Bonjour"), "file",
                "note.txt", "text/plain", "bonjour".getBytes())).contains("This was not saved").contains("audio");
        String transcript = "Bonjour, ici la Boulangerie Test. Votre commande de galettes est prête : passez quand vous voulez. "
                + "Pour ne plus recevoir nos messages, appelez le " + national + " et tapez 9.";
        String uploaded = ChannelSetup.postFile(s, page, page + "/recordings", Map.of("name", "Galettes <prêtes>", "transcript", transcript),
                "file", "galettes.wav", "audio/wav", AudioFilesAccess.wav(5.0));
        assertThat(uploaded).contains("Recording Galettes &lt;prêtes&gt; stored (5.0 s).");

        // the editor: without a recording the preflight says so; with one the preview shows its transcript and the number shown
        String draft = postOk(s, page, page + "/campaigns", Map.of("name", "Galettes"));
        String id = draft.replaceAll("(?s).*action=\"/console/voice/campaigns/([0-9a-f-]{36})\".*", "$1");
        String path = "/console/voice/campaigns/" + id;
        assertThat(draft).contains("Draft created.").contains("the campaign has no recording").contains("cannot-start");
        String recording = draft.replaceAll("(?s).*<option value=\"([0-9a-f-]{36})\">Galettes &lt;prêtes&gt;</option>.*", "$1");
        String caller = draft.replaceAll("(?s).*<option value=\"([0-9a-f-]{36})\">" + national.replace(" ", "") + "</option>.*", "$1");
        String saved = postOk(s, path, path, Map.of("name", "Galettes", "voiceMessageId", recording, "callerNumberId", caller));
        assertThat(saved).contains("Saved.").doesNotContain("the campaign has no recording")
                .contains("+33162" + String.valueOf(r) + " (declared)").contains("Votre commande de galettes est prête")
                .contains("R-19"); // nobody in the audience yet: voicemail drops go to the account's customers
        assertThat(post(s, path, path, Map.of("name", "Galettes", "voiceMessageId", "not-an-id")).body()).contains("voiceMessageId");

        // another account sees none of it
        var b = ChannelSetup.account(fixtures, fixtures.account(), "password of the other voice account");
        assertThat(b.get(path).statusCode()).isEqualTo(404);
        assertThat(post(b, page, path, Map.of("name", "Vol")).statusCode()).isEqualTo(404);
        assertThat(b.get(page).body()).doesNotContain(national.replace(" ", "")).doesNotContain("Galettes");
        assertThat(s.get("/console/campaigns").body()).contains("href=\"" + path + "\"");
    }
}
