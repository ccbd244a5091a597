package org.fairsend.calltracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fairsend.feedback.internal.InboundSmtpPort;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's done-when: a day of telephony-provider webhooks (360 calls over 6 tracked numbers of two accounts,
 * 5 media, events sent one by one with a bearer token, HMAC-signed, and in batches, some repeated or out of
 * order) through real HTTP, plus forms and emails through the real endpoints and the inbound SMTP listener.
 * The figures per medium, zone, département and line type are checked against what the test itself sent; then
 * every output of the masked account (API JSON, CSV exports, emailed reports and forwarded mail, the call log,
 * every database row, every log line) is searched for the full caller numbers, which must not be there; the
 * full-number account is the control that shows the search finds them.
 */
@PostgresTest
class CallTrackingDayTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Tomorrow: calls count for whoever holds the number when they start, and the numbers are assigned now. */
    static final LocalDate TODAY = LocalDate.now(PARIS);
    static final LocalDate DAY = TODAY.plusDays(1);
    static final String TOKEN = "test-calltracking-token";
    static final com.google.i18n.phonenumbers.PhoneNumberUtil PHONES = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
    static final String SECRET = "test-calltracking-secret";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired RecurringReports recurring;
    @Autowired ApplicationContext context;

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    /** Debug logging of Fairsend and Spring's web layer (which would show request bodies) is captured too. */
    static final List<String> VERBOSE = List.of("org.fairsend", "org.springframework.web");
    final Map<String, ch.qos.logback.classic.Level> levels = new HashMap<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        for (String name : VERBOSE) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, l.getLevel());
            l.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }

    @AfterEach
    void stopCapture() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    /** Where callers call from, as the test knows it (not computed by the code under test). */
    record Block(String prefix, int digits, String zone, String departement, String lineType) {}

    static final List<Block> BLOCKS = List.of(
            new Block("+33472", 11, "04", "69", "fixed"),
            new Block("+33478", 11, "04", "69", "fixed"),
            new Block("+33491", 11, "04", "13", "fixed"),
            new Block("+33475", 11, "04", null, "fixed"),
            new Block("+33145", 11, "01", null, "fixed"),
            new Block("+33299", 11, "02", "35", "fixed"),
            new Block("+33388", 11, "03", "67", "fixed"),
            new Block("+33556", 11, "05", "33", "fixed"),
            new Block("+336", 11, null, null, "mobile"),
            new Block("+336", 11, null, null, "mobile"),
            new Block("+3376", 11, null, null, "mobile"),
            new Block("+33970", 11, null, null, "voip"),
            new Block("+322", 10, null, null, "fixed"),
            new Block(null, 0, null, null, "withheld"));

    record Line(String number, String account, String medium) {}

    record Call(String id, Line line, String caller, Block block, Instant start, boolean answered, int duration, int style) {}

    record Account(String id, Api api, String email) {}

    @Test
    void aDayOfProviderWebhooks() throws Exception {
        Api op = fixtures.operator();
        Account lyon = account(op, "Plomberie Lyonnaise SARL", "04 78 37 12 34", "69003", "contact@plomberie-lyonnaise.fr");
        Account paris = account(op, "Serrurerie Parisienne SAS", "01 45 67 89 00", "75011", "contact@serrurerie-paris.fr");
        assertThat(paris.api().put("/api/calltracking/settings", Map.of("callerNumbers", "full")).json().get("notice").asString())
                .contains("Bloctel");

        // the pool, and numbers assigned to the two accounts
        List<String> pool = List.of("+33427860001", "+33427860002", "+33427860003", "+33427860004", "+33176400001", "+33176400002");
        var imported = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", pool, "note", "day test"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        Map<String, String> ids = new HashMap<>();
        imported.json().get("imported").forEach(n -> ids.put(n.get("e164").asString(), n.get("id").asString()));
        assertThat(ids).hasSize(6);

        String googleAds = medium(lyon, "Google Ads plombier Lyon", "search_ad");
        String progres = medium(lyon, "Le Progrès", "print");
        String radio = medium(lyon, "Radio Scoop", "radio");
        String site = medium(paris, "Site web", "website");
        String pagesJaunes = medium(paris, "PagesJaunes", "directory");
        List<Line> lines = List.of(
                line(op, lyon, ids.get(pool.get(0)), pool.get(0), googleAds, "Google Ads plombier Lyon", "04 72 10 30 30"),
                line(op, lyon, ids.get(pool.get(1)), pool.get(1), progres, "Le Progrès", "04 78 63 41 00"),
                line(op, lyon, ids.get(pool.get(2)), pool.get(2), radio, "Radio Scoop", "04 91 55 11 11"),
                line(op, lyon, ids.get(pool.get(3)), pool.get(3), googleAds, "Google Ads plombier Lyon", "04 72 10 30 30"),
                line(op, paris, ids.get(pool.get(4)), pool.get(4), site, "Site web", "01 53 71 53 71"),
                line(op, paris, ids.get(pool.get(5)), pool.get(5), pagesJaunes, "PagesJaunes", "01 42 76 40 40"));

        // the provider refuses nobody, but Fairsend refuses an unauthenticated or forged provider
        Api anonymous = fixtures.anonymous();
        String one = Api.JSON.writeValueAsString(event("call.started", "x-1", "+33612345678", pool.get(0), Instant.now(), null));
        assertThat(anonymous.postRaw("/webhooks/calltracking", one, "application/json").status()).isEqualTo(401);
        assertThat(new Api(fixtures.port(), "wrong-token").postRaw("/webhooks/calltracking", one, "application/json").status()).isEqualTo(401);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        assertThat(anonymous.withHeader("X-Fairsend-Timestamp", ts).withHeader("X-Fairsend-Signature", "sha256=" + "0".repeat(64))
                .postRaw("/webhooks/calltracking", one, "application/json").status()).isEqualTo(401);
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        assertThat(anonymous.withHeader("X-Fairsend-Timestamp", old)
                .withHeader("X-Fairsend-Signature", org.fairsend.platform.WebhookSignature.sign(SECRET, old, one.getBytes(StandardCharsets.UTF_8)))
                .postRaw("/webhooks/calltracking", one, "application/json").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from ct_call where provider_call_id = 'x-1'").query(Long.class).single()).isZero();

        // the day: 360 calls from 08:00 to 20:00
        Random random = new Random(8);
        List<Call> calls = new ArrayList<>();
        Instant start = LocalDateTime.of(DAY, java.time.LocalTime.of(8, 0)).atZone(PARIS).toInstant();
        for (int i = 0; i < 360; i++) {
            Line l = lines.get(random.nextInt(lines.size()));
            Block b = BLOCKS.get(random.nextInt(BLOCKS.size()));
            String caller = null;
            while (b.prefix() != null && caller == null) {
                // real callers have numbers in allocated ranges
                StringBuilder s = new StringBuilder(b.prefix());
                while (s.length() - 1 < b.digits()) s.append(random.nextInt(10));
                if (PHONES.isValidNumber(PHONES.parse(s.toString(), "FR"))) caller = s.toString();
            }
            boolean answered = random.nextInt(10) < 6;
            int duration = answered ? 20 + random.nextInt(580) : 0;
            calls.add(new Call("prov-" + DAY + "-" + i, l, caller, b, start.plusSeconds(120L * i + random.nextInt(60)), answered, duration,
                    random.nextInt(4)));
        }

        Api bearer = new Api(fixtures.port(), TOKEN);
        List<Map<String, Object>> batch = new ArrayList<>();
        int forwarded = 0;
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            List<Map<String, Object>> events = events(c);
            if (i % 7 == 0) events.addAll(events(c)); // the provider repeats itself
            if (i < 100) {
                for (Map<String, Object> e : events) {
                    var r = bearer.post("/webhooks/calltracking", e);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    if (e.get("event").equals("call.started")) {
                        assertThat(r.json().get("action").asString()).isEqualTo("forward");
                        assertThat(r.json().get("forwardTo").asString()).startsWith(c.line().account().equals(lyon.id()) ? "+334" : "+331");
                        forwarded++;
                    }
                }
            } else if (i < 200) {
                for (Map<String, Object> e : events) {
                    String body = Api.JSON.writeValueAsString(e);
                    String t = String.valueOf(Instant.now().getEpochSecond());
                    var r = anonymous.withHeader("X-Fairsend-Timestamp", t)
                            .withHeader("X-Fairsend-Signature", org.fairsend.platform.WebhookSignature.sign(SECRET, t, body.getBytes(StandardCharsets.UTF_8)))
                            .postRaw("/webhooks/calltracking", body, "application/json");
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                }
            } else {
                batch.addAll(events);
                if (batch.size() >= 40 || i == calls.size() - 1) {
                    var r = bearer.post("/webhooks/calltracking", batch);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    assertThat(r.json().get("results").size()).isEqualTo(batch.size());
                    r.json().get("results").forEach(x -> assertThat(x.get("status").asString()).isNotEqualTo("refused"));
                    batch.clear();
                }
            }
        }
        assertThat(forwarded).isGreaterThan(100);
        assertThat(jdbc.sql("select count(*) from ct_call where provider_call_id like ?").param("prov-" + DAY + "-%").query(Long.class).single())
                .as("one row per provider call, however often its events came").isEqualTo(360);

        // forms and emails
        Map<String, Integer> forms = Map.of("Google Ads plombier Lyon", 3, "Le Progrès", 1, "Site web", 2);
        Map<String, Integer> emails = Map.of("Le Progrès", 2, "PagesJaunes", 1);
        Map<String, JsonNode> mediaByName = new HashMap<>();
        for (Account a : List.of(lyon, paris)) a.api().get("/api/calltracking/media").json().forEach(m -> mediaByName.put(m.get("name").asString(), m));
        int f = 0;
        for (var e : forms.entrySet()) {
            String url = mediaByName.get(e.getKey()).get("formUrl").asString();
            String path = url.substring(url.indexOf("/t/"));
            for (int k = 0; k < e.getValue(); k++, f++) {
                var r = f % 2 == 0
                        ? anonymous.withHeader("Accept", "text/html").postRaw(path, "name=Client+" + f + "&email=client" + f + "%40example.org&message=Fuite+sous+l%27%C3%A9vier",
                                "application/x-www-form-urlencoded")
                        : anonymous.post(path, Map.of("name", "Client " + f, "email", "client" + f + "@example.org", "message", "Devis serrure"));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.body()).contains(f % 2 == 0 ? "Merci" : "received");
            }
        }
        assertThat(anonymous.post("/t/00000000000000000000/form", Map.of("name", "x")).status()).isEqualTo(404);
        int smtpPort = InboundSmtpPort.of(context);
        for (var e : emails.entrySet()) {
            String address = mediaByName.get(e.getKey()).get("emailAddress").asString();
            for (int k = 0; k < e.getValue(); k++) sendMail(smtpPort, address, "Demande de devis " + k);
        }
        try {
            sendMail(smtpPort, "ct-00000000000000000000@track.fairsend.localhost", "nobody");
            throw new AssertionError("an unknown medium address must be refused at RCPT");
        } catch (SendFailedException expected) {
            assertThat(expected.getMessage()).containsAnyOf("550", "Invalid Addresses");
        }

        // the figures, against what was sent
        for (Account a : List.of(lyon, paris)) {
            // the calls are on DAY; the forms and emails arrive now
            var r = a.api().get("/api/calltracking/reports?from=" + TODAY + "&to=" + DAY);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode media = r.json().get("media");
            List<Call> mine = calls.stream().filter(c -> c.line().account().equals(a.id())).toList();
            Map<String, List<Call>> byMedium = new TreeMap<>();
            mine.forEach(c -> byMedium.computeIfAbsent(c.line().medium(), k -> new ArrayList<>()).add(c));
            assertThat(media.size()).isEqualTo(a == lyon ? 3 : 2);
            for (JsonNode m : media) {
                String name = m.get("name").asString();
                List<Call> cs = byMedium.getOrDefault(name, List.of());
                assertThat(m.get("calls").asLong()).as(name).isEqualTo((long) cs.size());
                assertThat(m.get("answered").asLong()).as(name).isEqualTo(cs.stream().filter(Call::answered).count());
                assertThat(m.get("missed").asLong()).as(name).isEqualTo(cs.stream().filter(c -> !c.answered()).count());
                assertThat(m.get("durationSeconds").asLong()).as(name).isEqualTo(cs.stream().mapToLong(Call::duration).sum());
                assertThat(m.get("forms").asLong()).as(name).isEqualTo((long) forms.getOrDefault(name, 0));
                assertThat(m.get("emails").asLong()).as(name).isEqualTo((long) emails.getOrDefault(name, 0));
                assertThat(group(m.get("byZone"))).as(name + " zones").isEqualTo(expected(cs, c -> c.block().zone() == null ? "none" : c.block().zone()));
                assertThat(group(m.get("byDepartement"))).as(name + " départements")
                        .isEqualTo(expected(cs.stream().filter(c -> c.block().departement() != null).toList(), c -> c.block().departement()));
                assertThat(group(m.get("byLineType"))).as(name + " line types").isEqualTo(expected(cs, c -> c.block().lineType()));
            }
            assertThat(r.json().get("totals").get("calls").asLong()).isEqualTo((long) mine.size());

            // the CSV export says the same
            var csv = a.api().get("/api/calltracking/reports.csv?from=" + TODAY + "&to=" + DAY);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.body())).getRecords();
            for (var e : byMedium.entrySet()) {
                CSVRecord total = rows.stream().filter(x -> x.get("medium").equals(e.getKey()) && x.get("grouping").equals("total")).findFirst().orElseThrow();
                assertThat(Long.parseLong(total.get("calls"))).isEqualTo((long) e.getValue().size());
                assertThat(Long.parseLong(total.get("duration_seconds"))).isEqualTo(e.getValue().stream().mapToLong(Call::duration).sum());
                Map<String, Long> zones = new TreeMap<>();
                rows.stream().filter(x -> x.get("medium").equals(e.getKey()) && x.get("grouping").equals("zone"))
                        .forEach(x -> zones.put(x.get("group"), Long.parseLong(x.get("calls"))));
                assertThat(zones).isEqualTo(expected(e.getValue(), c -> c.block().zone() == null ? "none" : c.block().zone()));
            }

            // the call log
            JsonNode log = a.api().get("/api/calltracking/calls?from=" + DAY + "&to=" + DAY).json();
            assertThat(log.size()).isEqualTo(mine.size());
            var callsCsv = a.api().get("/api/calltracking/calls.csv?from=" + DAY + "&to=" + DAY);
            assertThat(callsCsv.body().lines().count()).isEqualTo(mine.size() + 1L);
        }

        // forwarded contacts reached the accounts
        assertThat(mail.waitForIncomingEmail(15_000, forms.values().stream().mapToInt(Integer::intValue).sum()
                + emails.values().stream().mapToInt(Integer::intValue).sum())).isTrue();
        List<MimeMessage> forwardedMail = List.of(mail.getReceivedMessages());
        assertThat(forwardedMail.stream().filter(m -> subject(m).startsWith("[Le Progrès] Demande de devis")).count()).isEqualTo(2L);
        assertThat(forwardedMail.stream().filter(m -> subject(m).equals("[Google Ads plombier Lyon] new form contact")).count()).isEqualTo(3L);
        assertThat(forwardedMail.stream().filter(m -> to(m).equals(lyon.email())).count()).isEqualTo(6L);

        // masked: the log shows prefixes; full: the numbers, and the missed ones to call back
        JsonNode lyonLog = lyon.api().get("/api/calltracking/calls?from=" + DAY + "&to=" + DAY).json();
        lyonLog.forEach(c -> {
            assertThat(c.get("callerMasked").asBoolean()).isTrue();
            if (c.has("caller")) assertThat(c.get("caller").asString()).matches("\\+[0-9]{4,11}XXXX");
        });
        var refused = lyon.api().get("/api/calltracking/callbacks");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("R-25");
        JsonNode callbacks = paris.api().get("/api/calltracking/callbacks").json();
        assertThat(callbacks.get("notice").asString()).contains("Bloctel");
        List<Call> parisMissed = calls.stream().filter(c -> c.line().account().equals(paris.id()) && !c.answered() && c.caller() != null).toList();
        assertThat(callbacks.get("calls").size()).isEqualTo(parisMissed.size());
        callbacks.get("calls").forEach(c -> assertThat(parisMissed.stream().map(Call::caller)).contains(c.get("caller").asString()));
        String first = callbacks.get("calls").get(0).get("id").asString();
        assertThat(paris.api().post("/api/calltracking/callbacks/" + first + "/done", null).status()).isEqualTo(200);
        assertThat(paris.api().get("/api/calltracking/callbacks").json().get("calls").size()).isEqualTo(parisMissed.size() - 1);
        assertThat(lyon.api().post("/api/calltracking/callbacks/" + first + "/done", null).status()).isEqualTo(404);

        // recurring reports: the Monday after, the week; the first of the month, the month; each once
        for (Account a : List.of(lyon, paris)) {
            assertThat(a.api().put("/api/calltracking/settings", Map.of("weeklyReport", true, "monthlyReport", true)).status()).isEqualTo(200);
        }
        int before = mail.getReceivedMessages().length;
        LocalDate weekStart = DAY.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        LocalDate monthStart = DAY.withDayOfMonth(1);
        Instant weekRun = weekStart.plusWeeks(1).atTime(7, 0).atZone(PARIS).toInstant();
        Instant monthRun = monthStart.plusMonths(1).atTime(7, 0).atZone(PARIS).toInstant();
        List<Instant> runs = weekRun.isBefore(monthRun) ? List.of(weekRun, monthRun) : List.of(monthRun, weekRun);
        List<RecurringReports.Sent> sent = new ArrayList<>();
        for (Instant at : runs) sent.addAll(recurring.runDue(at));
        for (Account a : List.of(lyon, paris)) {
            assertThat(sent).filteredOn(x -> x.accountId().toString().equals(a.id())).extracting(RecurringReports.Sent::period, x -> x.from())
                    .contains(org.assertj.core.groups.Tuple.tuple(ReportPeriod.WEEKLY, weekStart), org.assertj.core.groups.Tuple.tuple(ReportPeriod.MONTHLY, monthStart));
        }
        for (Instant at : runs) assertThat(recurring.runDue(at)).as("each period is sent once").isEmpty();
        assertThat(mail.waitForIncomingEmail(15_000, before + sent.size())).isTrue();
        List<MimeMessage> reportMail = List.of(mail.getReceivedMessages()).stream().filter(m -> subject(m).startsWith("Call tracking ")).toList();
        assertThat(reportMail).as(reportMail.stream().map(m -> to(m) + " " + subject(m)).toList().toString()).hasSize(sent.size());
        MimeMessage lyonWeek = reportMail.stream().filter(m -> to(m).equals(lyon.email()) && subject(m).contains("weekly")).findFirst().orElseThrow();
        String weekCsv = part(lyonWeek, "text/csv");
        String weekHtml = part(lyonWeek, "text/html");
        assertThat(weekHtml).contains("Google Ads plombier Lyon", "Le Progrès", "Radio Scoop");
        long lyonCalls = calls.stream().filter(c -> c.line().account().equals(lyon.id())).count();
        CSVRecord totals = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(weekCsv)).getRecords()
                .stream().filter(x -> x.get("medium").equals("all media") && x.get("grouping").equals("total")).findFirst().orElseThrow();
        assertThat(Long.parseLong(totals.get("calls"))).isEqualTo(lyonCalls);
        boolean todayInWeek = !TODAY.isBefore(weekStart);
        assertThat(Long.parseLong(totals.get("forms"))).isEqualTo(todayInWeek ? 4L : 0L);
        assertThat(Long.parseLong(totals.get("emails"))).isEqualTo(todayInWeek ? 2L : 0L);
        MimeMessage parisWeek = reportMail.stream().filter(m -> to(m).equals(paris.email()) && subject(m).contains("weekly")).findFirst().orElseThrow();
        assertThat(part(parisWeek, "text/html")).contains("Bloctel");

        // nothing of the masked account holds a full caller number; the full account's outputs do (the control)
        List<String> lyonNumbers = calls.stream().filter(c -> c.line().account().equals(lyon.id()) && c.caller() != null)
                .flatMap(c -> forms(c.caller()).stream()).toList();
        List<String> parisNumbers = calls.stream().filter(c -> c.line().account().equals(paris.id()) && c.caller() != null)
                .map(c -> c.caller().substring(1)).toList();
        assertThat(lyonNumbers).hasSizeGreaterThan(300);

        StringBuilder lyonOutputs = new StringBuilder();
        String q = "?from=" + TODAY + "&to=" + DAY;
        for (String path : List.of("/api/calltracking/calls" + q, "/api/calltracking/calls.csv" + q, "/api/calltracking/reports" + q,
                "/api/calltracking/reports.csv" + q, "/api/calltracking/callbacks", "/api/calltracking/numbers", "/api/calltracking/media",
                "/api/calltracking/settings", "/api/calltracking/contacts" + q, "/api/calltracking/contacts" + q + "&kind=email")) {
            var r = lyon.api().get(path);
            assertThat(r.status()).as(path).isIn(200, 409);
            lyonOutputs.append(r.body()).append('\n');
        }
        for (MimeMessage m : mail.getReceivedMessages()) lyonOutputs.append(raw(m)).append('\n');
        String database = databaseText();
        String logText = logText();
        for (String n : lyonNumbers) {
            assertThat(lyonOutputs.indexOf(n)).as("API, exports and mail hold " + n).isEqualTo(-1);
            assertThat(database.indexOf(n)).as("the database holds " + n).isEqualTo(-1);
            assertThat(logText.indexOf(n)).as("the log holds " + n).isEqualTo(-1);
        }
        String parisLog = paris.api().get("/api/calltracking/calls.csv" + q).body();
        assertThat(parisNumbers).allSatisfy(n -> {
            assertThat(parisLog).contains(n);
            assertThat(database).contains(n);
        });
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("call prov-"));
    }

    // ---- scenario

    static List<Map<String, Object>> events(Call c) {
        String from = c.caller() == null ? "anonymous" : c.style() % 2 == 0 || !c.caller().startsWith("+33") ? c.caller()
                : national(c.caller());
        String to = c.line().number();
        List<Map<String, Object>> e = new ArrayList<>();
        e.add(event("call.started", c.id(), from, to, c.start(), null));
        Instant answeredAt = c.start().plusSeconds(6);
        if (c.answered()) {
            Map<String, Object> ended = event("call.ended", c.id(), from, to, answeredAt.plusSeconds(c.duration()), c.duration());
            switch (c.style()) {
                case 0, 1 -> {
                    e.add(event("call.answered", c.id(), from, to, answeredAt, null));
                    e.add(ended);
                }
                case 2 -> { // out of order: the end arrives before the answer
                    e.add(ended);
                    e.add(event("call.answered", c.id(), from, to, answeredAt, null));
                }
                default -> e.add(ended); // no answered event: the duration tells
            }
        } else if (c.style() % 2 == 0) {
            e.add(event("call.missed", c.id(), from, to, c.start().plusSeconds(30), null));
        } else {
            e.add(event("call.ended", c.id(), from, to, c.start().plusSeconds(30), 0));
        }
        return e;
    }

    static Map<String, Object> event(String event, String callId, String from, String to, Instant at, Integer duration) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.put("callId", callId);
        m.put("from", from);
        m.put("to", to);
        m.put("at", at.toString());
        if (duration != null) m.put("duration", duration);
        return m;
    }

    /** 0X XX XX XX XX, as a provider may send French numbers. */
    static String national(String e164) {
        String n = "0" + e164.substring(3);
        return String.join(" ", n.substring(0, 2), n.substring(2, 4), n.substring(4, 6), n.substring(6, 8), n.substring(8, 10));
    }

    /** The forms a leaked number could take: E.164 digits, national digits, national with spaces. */
    static List<String> forms(String e164) {
        if (!e164.startsWith("+33")) return List.of(e164.substring(1));
        return List.of(e164.substring(1), "0" + e164.substring(3), national(e164));
    }

    static Map<String, Long> expected(List<Call> calls, java.util.function.Function<Call, String> key) {
        Map<String, Long> m = new TreeMap<>();
        calls.forEach(c -> m.merge(key.apply(c), 1L, Long::sum));
        return m;
    }

    static Map<String, Long> group(JsonNode g) {
        Map<String, Long> m = new TreeMap<>();
        g.properties().forEach(e -> m.put(e.getKey(), e.getValue().get("calls").asLong()));
        return m;
    }

    // ---- set-up through the API

    Account account(Api op, String legalName, String phone, String postcode, String email) {
        var r = op.post("/api/operator/accounts", Map.of("legalName", legalName, "country", "FR", "mainlandFrance", true,
                "contactEmail", email, "mainPhone", phone, "postcode", postcode));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Account(r.json().get("account").get("id").asString(), new Api(fixtures.port(), r.json().get("apiKey").asString()), email);
    }

    static String medium(Account a, String name, String type) {
        var r = a.api().post("/api/calltracking/media", Map.of("name", name, "type", type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("emailAddress").asString()).matches("ct-[0-9a-f]{20}@track\\.fairsend\\.localhost");
        return r.json().get("id").asString();
    }

    static Line line(Api op, Account a, String numberId, String number, String mediumId, String mediumName, String redirect) {
        var assigned = op.post("/api/operator/calltracking/numbers/" + numberId + "/assign", Map.of("accountId", a.id(), "reason", "new customer"));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        var r = a.api().put("/api/calltracking/numbers/" + numberId, Map.of("mediumId", mediumId, "redirectTo", redirect));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("redirectStatus").asString()).isEqualTo("active");
        return new Line(number, a.id(), mediumName);
    }

    static void sendMail(int port, String to, String subject) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        Session s = Session.getInstance(p);
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("client@example.org", "Un client"));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText("Bonjour, pouvez-vous passer demain ?", "UTF-8");
        Transport.send(m);
    }

    // ---- reading what came out

    String databaseText() {
        StringBuilder out = new StringBuilder();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")
                .query(String.class).list();
        for (String t : tables) {
            jdbc.sql("select cast(x as text) from \"" + t + "\" x").query(String.class).list().forEach(r -> out.append(r).append('\n'));
            for (String col : jdbc.sql("select column_name from information_schema.columns where table_schema = current_schema() and table_name = ? and data_type = 'bytea'")
                    .param(t).query(String.class).list()) {
                jdbc.sql("select encode(\"" + col + "\", 'escape') from \"" + t + "\"").query(String.class).list().forEach(r -> out.append(r).append('\n'));
            }
        }
        assertThat(tables).contains("ct_call", "ct_number", "event_publication");
        return out.toString();
    }

    String logText() {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            out.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) out.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
        }
        return out.toString();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        StringBuilder decoded = new StringBuilder(out.toString(StandardCharsets.UTF_8)).append('\n').append(m.getSubject()).append('\n');
        decode(m.getContent(), decoded);
        return decoded.toString();
    }

    /** Every part's decoded content (base64 and quoted-printable undone), forwarded messages included. */
    private static void decode(Object content, StringBuilder out) throws Exception {
        if (content instanceof String s) out.append(s).append('\n');
        else if (content instanceof java.io.InputStream in) out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        else if (content instanceof MimeMessage inner) {
            out.append(inner.getSubject()).append('\n');
            decode(inner.getContent(), out);
        } else if (content instanceof MimeMultipart mp) {
            for (int i = 0; i < mp.getCount(); i++) decode(mp.getBodyPart(i).getContent(), out);
        }
    }

    /** The decoded text of the first part of that type. */
    static String part(MimeMessage m, String type) throws Exception {
        return find(m.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                var p = mp.getBodyPart(i);
                if (p.isMimeType(type)) {
                    Object c = p.getContent();
                    return c instanceof String s ? s : new String(((java.io.InputStream) c).readAllBytes(), StandardCharsets.UTF_8);
                }
                String inner = find(p.getContent(), type);
                if (inner != null) return inner;
            }
        }
        return null;
    }
}
