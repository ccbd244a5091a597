package org.fairsend.content.internal.spamfilter;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.content.SpamFilter;
import org.fairsend.content.SpamVerdict;
import org.fairsend.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * The spam-filter client over Rspamd's real protocol (rule spam-filter, seed 002 §2.1.2), against the Rspamd that
 * {@code .ci/run} starts ({@code ops/rspamd/start}; {@code -Dfairsend.test.spam-filter.url}, default
 * http://127.0.0.1:11333), and against peers that fail: none configured, a closed port, a peer that never answers, a
 * peer that is not Rspamd. A check that could not run is never a pass. Never skipped: without Rspamd these tests fail.
 */
class RspamdSpamFilterTest {

    static final URI FILTER = URI.create(System.getProperty("fairsend.test.spam-filter.url", "http://127.0.0.1:11333"));
    static final double THRESHOLD = Policy.defaults().spamFilter().threshold();

    static SpamFilter.Message message(String body) {
        String mime = """
                From: Boulangerie du Quai <lettre@boulangerie-quai.example>\r
                To: camille@clients.example\r
                Subject: Le pain de campagne revient\r
                Date: Mon, 07 Dec 2026 04:00:00 +0000\r
                Message-ID: <sample.1@boulangerie-quai.example>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: 8bit\r
                \r
                """ + body.replace("\n", "\r\n");
        return new SpamFilter.Message(mime.getBytes(StandardCharsets.UTF_8), "bounce+1@bounce.fairsend.example", "camille@clients.example");
    }

    static RspamdSpamFilter filter(URI url, Duration timeout, double threshold) {
        return new RspamdSpamFilter(new SpamFilterProperties(url, timeout), () -> threshold);
    }

    static final String ORDINARY = """
            Bonjour Camille,

            Notre pain de campagne au levain revient cette semaine, cuit au feu de bois dans notre fournil.
            Nous ouvrons du mardi au samedi de 7 h à 19 h 30, et le dimanche matin.

            À bientôt,
            L'équipe de la boulangerie
            """;

    @Test
    void gtubeIsSpamWithTheFiltersRuleAndBlocks() {
        var v = filter(FILTER, Duration.ofSeconds(5), THRESHOLD).judge(message(ORDINARY
                + "\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\n"));
        assertThat(v).isInstanceOfSatisfying(SpamVerdict.Scored.class, s -> {
            assertThat(s.spam()).isTrue();
            assertThat(s.score()).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(s.hits()).extracting(SpamVerdict.Hit::rule).contains("GTUBE");
        });
        Finding f = v.finding("the sample");
        assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
        assertThat(f.rule()).isEqualTo("spam-filter");
        assertThat(f.message()).contains("GTUBE").contains("threshold 6.00");
        assertThat(f.terms()).anyMatch(t -> t.startsWith("GTUBE "));
    }

    @Test
    void atTheThresholdIsSpamBelowItPasses() {
        // GTUBE is Rspamd's reject score (15): at a threshold of 15 it still blocks ("at or above")
        var gtube = filter(FILTER, Duration.ofSeconds(5), 15).judge(message("XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\n"));
        assertThat(gtube).isInstanceOfSatisfying(SpamVerdict.Scored.class, s -> assertThat(s.spam()).isTrue());

        var ham = filter(FILTER, Duration.ofSeconds(5), THRESHOLD).judge(message(ORDINARY));
        assertThat(ham).isInstanceOfSatisfying(SpamVerdict.Scored.class, s -> {
            assertThat(s.spam()).as(s.toString()).isFalse();
            assertThat(s.score()).isLessThan(THRESHOLD);
            assertThat(s.hits()).isNotEmpty();
        });
        Finding f = ham.finding("the sample");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("passes").contains("rules that hit:");
    }

    @Test
    void anInternationalisedEnvelopeAndATrailingSlashAreStillScored() {
        var m = message(ORDINARY);
        var idn = new SpamFilter.Message(m.rfc5322(), m.envelopeFrom(), "clémence@épicerie.example");
        var v = filter(URI.create(FILTER + "/"), Duration.ofSeconds(5), THRESHOLD).judge(idn);
        assertThat(v).isInstanceOfSatisfying(SpamVerdict.Scored.class, s -> assertThat(s.spam()).isFalse());
    }

    @Test
    void aUrlThatCannotBeAskedDidNotRun() {
        assertDidNotRun(filter(URI.create("ftp://127.0.0.1:21"), Duration.ofSeconds(2), THRESHOLD).judge(message(ORDINARY)), "cannot be asked");
    }

    @Test
    void noFilterConfiguredDidNotRun() {
        var v = filter(null, Duration.ofSeconds(5), THRESHOLD).judge(message(ORDINARY));
        assertDidNotRun(v, "no spam filter is configured");
        // an empty setting is no filter either
        assertDidNotRun(new RspamdSpamFilter(new SpamFilterProperties(URI.create(""), null), () -> THRESHOLD).judge(message(ORDINARY)),
                "no spam filter is configured");
    }

    @Test
    void aFilterThatIsDownDidNotRunAtOnce() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        var v = filter(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(5), THRESHOLD).judge(message(ORDINARY));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertDidNotRun(v, "cannot be reached");
    }

    @Test
    void aFilterThatNeverAnswersDidNotRunAfterTheTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) held.add(silent.accept()); // accepts, reads nothing, answers nothing
                } catch (IOException closed) {
                    // the test is over
                }
            });
            long t0 = System.nanoTime();
            var v = filter(URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(400), THRESHOLD).judge(message(ORDINARY));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(350)).isLessThan(Duration.ofSeconds(3));
            assertDidNotRun(v, "did not answer within 400 ms");
        } finally {
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aPeerThatIsNotRspamdDidNotRun() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/checkv2", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean fail = ex.getRequestHeaders().getFirst("Rcpt").contains("fail");
            byte[] out = (fail ? "{\"error\":\"internal\"}" : "<html>not a filter</html>").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(fail ? 500 : 200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            var m = message(ORDINARY);
            assertDidNotRun(filter(url, Duration.ofSeconds(2), THRESHOLD).judge(m), "not Rspamd's JSON");
            var failing = new SpamFilter.Message(m.rfc5322(), m.envelopeFrom(), "fail@clients.example");
            assertDidNotRun(filter(url, Duration.ofSeconds(2), THRESHOLD).judge(failing), "answered HTTP 500");
        } finally {
            server.stop(0);
        }
    }

    static void assertDidNotRun(SpamVerdict v, String why) {
        assertThat(v).isInstanceOfSatisfying(SpamVerdict.NotRun.class, n -> assertThat(n.why()).contains(why));
        Finding f = v.finding("the sample");
        assertThat(f.severity()).isEqualTo(Severity.WARNING); // never a pass, never silent
        assertThat(f.rule()).isEqualTo("spam-filter");
        assertThat(f.message()).startsWith("the spam-filter check did not run (");
    }
}
