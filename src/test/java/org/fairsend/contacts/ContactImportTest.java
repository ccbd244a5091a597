package org.fairsend.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.platform.Channel;
import org.fairsend.platform.cli.FairsendCli;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@PostgresTest
class ContactImportTest {

    static final String HEADER = "email,phone,first_name,last_name,consent_basis,opt_in_type,collected_at,source_url,ip,"
            + "declaration_text,subject,explicit,relationship_nature,informed_how,opt_out_offered,city,relationship_since\n";
    static final String OPT_IN = ",opt_in,single,2025-03-01T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,"
            + "J'accepte de recevoir la lettre de la boulangerie,Nouveautés et promotions de la boulangerie,true,,,";

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    Suppressions suppressions;
    @Autowired
    ConfigurableApplicationContext context;

    static JsonNode awaitDone(Api api, String importId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = api.get("/api/imports/" + importId).json();
            return !last[0].get("status").asString().equals("running");
        });
        return last[0];
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aPurchasedListIsRefusedAndNothingFromItIsStored() {
        var a = fixtures.account();
        String csv = HEADER + "bought1@exemple.fr" + OPT_IN + ",Lyon\n";
        long contacts = count("select count(*) from contact where account_id = ?", a.id());
        long consent = count("select count(*) from consent_record where account_id = ?", a.id());
        long rejections = count("select count(*) from contact_import_rejection r join contact_import i on i.id = r.import_id"
                + " where i.account_id = ?", a.id());

        for (String provenance : List.of("purchased", "rented", "exchanged", "third_party", "harvested", "scraped")) {
            var r = a.api().postRaw("/api/imports?format=csv&provenance=" + provenance, csv, "text/csv");
            assertThat(r.status()).as(provenance).isEqualTo(422);
            assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("provenance");
            assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("R-6");
            assertThat(r.json().get("detail").asString()).contains("nothing from the file was stored");
        }
        // an "other" source described as bought is refused too
        var described = a.api().postRaw("/api/imports?format=csv&provenance=other&provenanceDetail=fichier%20achet%C3%A9%20chez%20un%20courtier",
                csv, "text/csv");
        assertThat(described.json().at("/errors/0/rule").asString()).isEqualTo("R-6");

        assertThat(count("select count(*) from contact where account_id = ?", a.id())).isEqualTo(contacts);
        assertThat(count("select count(*) from consent_record where account_id = ?", a.id())).isEqualTo(consent);
        assertThat(count("select count(*) from contact_import_rejection r join contact_import i on i.id = r.import_id"
                + " where i.account_id = ?", a.id())).isEqualTo(rejections);
        // the refusals are on record, without rows and without data
        JsonNode list = a.api().get("/api/imports").json();
        assertThat(list).hasSize(7);
        for (JsonNode i : list) {
            assertThat(i.get("status").asString()).isEqualTo("refused");
            assertThat(i.get("rowsRead").asLong()).isZero();
            assertThat(i.has("provenanceDetail")).isFalse();
        }
        assertThat(a.api().postRaw("/api/imports?format=csv", csv, "text/csv").json().at("/errors/0/rule").asString()).isEqualTo("R-6");
        assertThat(a.api().postRaw("/api/imports?format=csv&provenance=other", csv, "text/csv").json().at("/errors/0/field").asString())
                .isEqualTo("provenanceDetail");
    }

    @Test
    void goodLinesAreKeptAndBadOnesReportedWithTheirLineNumbers() {
        var a = fixtures.account();
        String listId = a.api().post("/api/lists", Map.of("name", "Newsletter")).json().get("id").asString();
        String csv = HEADER
                + "alice@exemple.fr,06 47 58 69 10,Alice,Durand" + OPT_IN + ",Lyon\n"                   // 2 ok (email + sms)
                + "not-an-email,,Bob,,opt_in,single,2025-03-01T10:00:00Z,,,,,true,,,,\n"                // 3 bad address
                + "cold@exemple.fr,,Carl,,,,,,,,,,,,,Paris\n"                                          // 4 no evidence
                + "\n"                                                                                  // 5 empty
                + "dora@exemple.fr,,Dora,,existing_customer,,2024-06-01,,,,cakes,,achat d'un gâteau,mention sur le ticket de caisse,true,Nantes,"
                + LocalDate.now().minusMonths(6) + "\n"                                                 // 6 ok (X-8: purchase date, topic)
                + "eve@exemple.fr,,Eve,,opt_in,single,2025-03-01T10:00:00Z,,,,,true,,,,\n"               // 7 opt-in without declaration
                + "ALICE@exemple.fr,,,,opt_in,single,2025-03-02T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,"
                + "J'accepte,Promotions,true,,,,Lyon 2e\n"                                              // 8 duplicate of line 2
                + "fred@exemple.fr,01 45 67 89 00,Fred,,opt_in,single,2025-03-01T10:00:00Z,https://boulangerie.example/n,203.0.113.9,"
                + "J'accepte,Promotions,true,,,,\n";                                                    // 9 ok, landline: email only
        var started = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv, "text/csv");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location")).startsWith("/api/imports/");
        JsonNode done = awaitDone(a.api(), started.json().get("id").asString());
        assertThat(done.get("status").asString()).isEqualTo("finished");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(7);
        assertThat(done.get("rowsAccepted").asLong()).isEqualTo(4);
        assertThat(done.get("rowsRejected").asLong()).isEqualTo(3);

        JsonNode rej = a.api().get("/api/imports/" + done.get("id").asString() + "/rejections").json();
        assertThat(rej).hasSize(3);
        assertThat(rej.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(rej.get(0).get("field").asString()).isEqualTo("email");
        assertThat(rej.get(1).get("line").asLong()).isEqualTo(4);
        assertThat(rej.get(1).get("reason").asString()).contains("R-13");
        assertThat(rej.get(2).get("line").asLong()).isEqualTo(7);
        assertThat(rej.get(2).get("field").asString()).isEqualTo("declaration_text");

        JsonNode contacts = a.api().get("/api/contacts?listId=" + listId).json().get("items");
        assertThat(contacts).hasSize(3);
        JsonNode alice = a.api().get("/api/contacts?q=alice").json().at("/items/0");
        assertThat(alice.get("phone").asString()).isEqualTo("+33647586910");
        assertThat(alice.at("/subscriptions/email/status").asString()).isEqualTo("subscribed");
        assertThat(alice.at("/subscriptions/email/basis").asString()).isEqualTo("opt_in");
        assertThat(alice.at("/subscriptions/sms/status").asString()).isEqualTo("subscribed");
        assertThat(alice.at("/subscriptions/voice/status").asString()).isEqualTo("none");
        assertThat(alice.at("/attributes/city").asString()).isEqualTo("Lyon 2e");
        JsonNode dora = a.api().get("/api/contacts?q=dora").json().at("/items/0");
        assertThat(dora.at("/subscriptions/email/basis").asString()).isEqualTo("existing_customer");
        assertThat(dora.get("relationship").asString()).isEqualTo("achat d'un gâteau");
        JsonNode fred = a.api().get("/api/contacts?q=fred").json().at("/items/0");
        assertThat(fred.get("phoneType").asString()).isEqualTo("FIXED_LINE");
        assertThat(fred.at("/subscriptions/sms/status").asString()).isEqualTo("none");

        List<ConsentRecord> records = ledger.recordsFor(a.id(), "alice@exemple.fr");
        assertThat(records).hasSize(2);
        assertThat(records.getFirst().provenance()).isEqualTo("import:" + done.get("id").asString());
        assertThat(ledger.state(a.id(), Channel.SMS, "+33647586910").isConsent()).isTrue();
        assertThat(count("select count(*) from contact where account_id = ? and email = 'cold@exemple.fr'", a.id())).isZero();
    }

    /**
     * Issue 17: the lines of a batch are checked on every core and the records' hashes computed in parallel. Over
     * two batches (more lines than {@code fairsend.import.batch-size}), the ledger still holds the accepted lines in
     * the file's order, each chained to the one before (the chain verifies), and the rejections, whether found while
     * checking a line (a bad address) or against the database (a suppressed address), are listed in the file's order.
     */
    @Test
    void aFileOfSeveralBatchesCheckedInParallelKeepsTheFileOrderInTheLedgerAndTheRejections() {
        var a = fixtures.account();
        int rows = 6_500;
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> expectedRejections = new java.util.ArrayList<>();
        List<String> acceptedEmails = new java.util.ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            long line = i + 1; // the header is line 1
            if (i % 251 == 0) {
                csv.append("not-an-email-").append(i).append(",,P").append(i).append(",Nom").append(OPT_IN).append(",Lyon\n");
                expectedRejections.add(line + " email");
            } else if (i % 337 == 0) {
                String email = "gone" + i + "@exemple.fr";
                suppressions.suppress(a.id(), Channel.EMAIL, email, SuppressionReason.MANUAL, "test", null);
                csv.append(email).append(",,P").append(i).append(",Nom").append(OPT_IN).append(",Lyon\n");
                expectedRejections.add(line + " channels");
            } else {
                String email = "row" + i + "@exemple.fr";
                csv.append(email).append(",+336").append(String.format("%08d", i)).append(",P").append(i).append(",Nom").append(OPT_IN).append(",Lyon\n");
                acceptedEmails.add(email);
            }
        }
        var started = a.api().postRaw("/api/imports?format=csv&provenance=own_form", csv.toString(), "text/csv");
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = a.api().get("/api/imports/" + id).json();
            return !last[0].get("status").asString().equals("running");
        });
        assertThat(last[0].get("status").asString()).isEqualTo("finished");
        assertThat(last[0].get("rowsRead").asLong()).isEqualTo(rows);
        assertThat(last[0].get("rowsAccepted").asLong()).isEqualTo(acceptedEmails.size());
        assertThat(last[0].get("rowsRejected").asLong()).isEqualTo(expectedRejections.size());

        // the rejections in the file's order, both kinds interleaved as in the file
        List<String> rejections = jdbc.sql("select line, field from contact_import_rejection where import_id = ?::uuid order by line")
                .param(id).query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list();
        assertThat(rejections).containsExactlyElementsOf(expectedRejections);
        JsonNode firstPage = a.api().get("/api/imports/" + id + "/rejections").json();
        assertThat(firstPage.get(0).get("line").asLong()).isEqualTo(252);
        assertThat(firstPage.get(1).get("line").asLong()).isEqualTo(338);

        // the ledger: the email records in the file's order, an SMS record after each, the chain intact
        List<String> emailsInChain = jdbc.sql("""
                select p.address from consent_record r join consent_personal p on p.account_id = r.account_id and p.seq = r.seq
                where r.account_id = ? and r.channel = 'email' order by r.seq""").param(a.id()).query(String.class).list();
        assertThat(emailsInChain).containsExactlyElementsOf(acceptedEmails);
        List<String> channels = jdbc.sql("select channel from consent_record where account_id = ? order by seq limit 4")
                .param(a.id()).query(String.class).list();
        assertThat(channels).containsExactly("email", "sms", "email", "sms");
        var report = ledger.verify(a.id());
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(count("select count(*) from consent_record where account_id = ?", a.id())).isEqualTo(2L * acceptedEmails.size());
    }

    @Test
    void jsonLinesImportAndSemicolonCsv() {
        var a = fixtures.account();
        String jsonl = """
                {"email":"jl1@exemple.fr","firstName":"Jules","consentBasis":"b2b","collectedAt":"2025-01-10T09:00:00Z","subject":"restaurant-supplies","role":"Gérant","optOutOffered":true,"attributes":{"company":"Bistrot du Port","seats":40}}
                this is not json
                {"email":"jl2@exemple.fr"}
                {"phone":"+33 7 81 23 45 67","consent_basis":"opt_in","opt_in_type":"single","collected_at":"2025-02-01 12:00","context_detail":"bulletin papier signé en boutique","declaration_text":"J'accepte les SMS","subject":"Promotions","explicit":true}
                """;
        var r = a.api().postRaw("/api/imports?provenance=event", jsonl, "application/x-ndjson");
        assertThat(r.status()).isEqualTo(202);
        JsonNode done = awaitDone(a.api(), r.json().get("id").asString());
        assertThat(done.get("format").asString()).isEqualTo("jsonl");
        assertThat(done.get("rowsAccepted").asLong()).isEqualTo(2);
        JsonNode rej = a.api().get("/api/imports/" + done.get("id").asString() + "/rejections").json();
        assertThat(rej.get(0).get("line").asLong()).isEqualTo(2);
        assertThat(rej.get(1).get("line").asLong()).isEqualTo(3);
        assertThat(rej.get(1).get("reason").asString()).contains("cold prospects");
        JsonNode jules = a.api().get("/api/contacts?q=jl1").json().at("/items/0");
        assertThat(jules.at("/attributes/company").asString()).isEqualTo("Bistrot du Port");
        assertThat(jules.at("/subscriptions/email/basis").asString()).isEqualTo("b2b");
        JsonNode sms = a.api().get("/api/contacts?q=%2B3378").json().at("/items/0");
        assertThat(sms.at("/subscriptions/sms/status").asString()).isEqualTo("subscribed");

        String csv = "Email;Prénom;consent_basis;collected_at;relationship_nature;informed_how;opt_out_offered;relationship_since;subject\n"
                + "semi@exemple.fr;Sémi;existing_customer;2024-05-05;abonnement panier bio;CGV et lien de désinscription;oui;"
                + LocalDate.now().minusMonths(1) + ";organic-baskets\n";
        var s = a.api().postRaw("/api/imports?format=csv&provenance=shop", csv, "text/csv");
        JsonNode sd = awaitDone(a.api(), s.json().get("id").asString());
        assertThat(sd.get("rowsAccepted").asLong()).isEqualTo(1);
        assertThat(a.api().get("/api/contacts?q=semi").json().at("/items/0/attributes/prénom").asString()).isEqualTo("Sémi");
    }

    @Test
    void exportThenEraseLeavesOnlyHashesAndTheAddressCannotComeBack() {
        var a = fixtures.account();
        String csv = HEADER + "zoe@exemple.fr,06 98 76 54 32,Zoé,Leroy" + OPT_IN + ",Lille\n";
        JsonNode done = awaitDone(a.api(), a.api().postRaw("/api/imports?format=csv&provenance=own_form", csv, "text/csv")
                .json().get("id").asString());
        assertThat(done.get("rowsAccepted").asLong()).isEqualTo(1);
        String id = a.api().get("/api/contacts?q=zoe").json().at("/items/0/id").asString();

        JsonNode export = a.api().get("/api/contacts/" + id + "/export").json();
        assertThat(export.at("/contact/email").asString()).isEqualTo("zoe@exemple.fr");
        assertThat(export.at("/contact/firstName").asString()).isEqualTo("Zoé");
        assertThat(export.at("/subscriptions/email/status").asString()).isEqualTo("subscribed");
        assertThat(export.get("consentRecords")).hasSize(2);
        assertThat(export.at("/consentRecords/0/address").asString()).isEqualTo("zoe@exemple.fr");
        assertThat(export.at("/consentRecords/0/ip").asString()).isEqualTo("203.0.113.7");

        assertThat(a.api().delete("/api/contacts/" + id).status()).isEqualTo(204);
        assertThat(a.api().get("/api/contacts/" + id).status()).isEqualTo(404);
        assertThat(count("select count(*) from contact where id = ?", java.util.UUID.fromString(id))).isZero();
        List<ConsentRecord> records = ledger.recordsFor(a.id(), "zoe@exemple.fr");
        // the erasure is itself recorded in the chain: the grant, then an erase record without personal data
        assertThat(records).extracting(ConsentRecord::action).containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.ERASE);
        assertThat(records).allSatisfy(rec -> {
            assertThat(rec.address()).isNull();
            assertThat(rec.ip()).isNull();
            assertThat(rec.addressHash()).hasSize(64);
        });
        assertThat(ledger.verify(a.id()).intact()).isTrue();
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, "zoe@exemple.fr")).isTrue();
        assertThat(suppressions.isSuppressed(a.id(), Channel.SMS, "+33698765432")).isTrue();
        assertThat(suppressions.entriesFor(a.id(), "zoe@exemple.fr")).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.ERASED);
            assertThat(s.address()).isNull();
        });

        JsonNode again = awaitDone(a.api(), a.api().postRaw("/api/imports?format=csv&provenance=own_form", csv, "text/csv")
                .json().get("id").asString());
        assertThat(again.get("rowsAccepted").asLong()).isZero();
        JsonNode rej = a.api().get("/api/imports/" + again.get("id").asString() + "/rejections").json();
        assertThat(rej.get(0).get("line").asLong()).isEqualTo(2);
        assertThat(rej.get(0).get("reason").asString()).isEqualTo("suppressed: erased at the person's request");
        assertThat(a.api().get("/api/contacts?q=zoe").json().get("items")).isEmpty();
    }

    @Test
    void theCliImportsAFileIntoAListByName(@TempDir Path dir) throws Exception {
        var a = fixtures.account();
        a.api().post("/api/lists", Map.of("name", "Clients boutique"));
        Path file = dir.resolve("clients.csv");
        // the customer's start date stands for the purchase date when the file gives only that
        Files.writeString(file, "email,first_name,consent_basis,customer_since,relationship_nature,informed_how,opt_out_offered,subject\n"
                + "cli1@exemple.fr,Anne,existing_customer," + LocalDate.now().minusYears(1)
                + ",achat en boutique,affiche en caisse et lien dans chaque message,true,bread\n"
                + "cli2@exemple.fr,Basile,,,,,\n");
        int code = FairsendCli.execute(context, "import", file.toString(), "--account", a.id().toString(),
                "--provenance", "shop", "--list", "Clients boutique");
        assertThat(code).isZero();
        JsonNode items = a.api().get("/api/contacts").json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.at("/0/email").asString()).isEqualTo("cli1@exemple.fr");
        assertThat(a.api().get("/api/lists").json().at("/0/members").asLong()).isEqualTo(1);
        JsonNode imp = a.api().get("/api/imports").json().get(0);
        assertThat(imp.get("rowsRejected").asLong()).isEqualTo(1);

        assertThat(FairsendCli.execute(context, "import", file.toString(), "--account", a.id().toString(),
                "--provenance", "rented")).isEqualTo(2);
        assertThat(a.api().get("/api/contacts").json().get("items")).hasSize(1);
    }
}
