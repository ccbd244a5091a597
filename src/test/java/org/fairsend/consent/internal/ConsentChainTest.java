package org.fairsend.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Pseudonyms;
import org.fairsend.platform.cli.FairsendCli;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/**
 * the keyed chain tells on whoever edits the database. Rewriting records without the key breaks a link;
 * rewriting them with the key (as the platform itself could) or cutting the tail and fixing the head is caught by the
 * checkpoint anchored outside the database; a personal-data row deleted other than by an erasure is reported; an
 * install chained the old way is checked and re-chained once.
 */
@PostgresTest
class ConsentChainTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(TestMail.SMTP);

    @Autowired ConsentLedger ledger;
    @Autowired ChainAnchor anchor;
    @Autowired Checkpoints checkpoints;
    @Autowired Pseudonyms pseudonyms;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConfigurableApplicationContext ctx;

    static ConsentEvidence optIn(String email, String sourceUrl) {
        return new ConsentEvidence(Channel.EMAIL, email, ConsentBasis.OPT_IN, OptInType.SINGLE, CollectionContext.NEWSLETTER, null,
                Instant.now().minus(1, ChronoUnit.HOURS), sourceUrl, "203.0.113.7", "Mozilla/5.0",
                "J'accepte de recevoir la lettre d'information de la Boulangerie par e-mail.", "la lettre mensuelle", true, true,
                null, null, null, null, "api");
    }

    UUID accountWith(int records) {
        var a = fixtures.account();
        List<ConsentEvidence> batch = new ArrayList<>();
        for (int i = 1; i <= records; i++) batch.add(optIn("client" + i + "@example.fr", "https://boulangerie.example.fr/lettre"));
        ledger.grantAll(a.id(), batch);
        return a.id();
    }

    ConsentRecord record(UUID account, long seq) {
        return ledger.find(account, jdbc.sql("select id from consent_record where account_id = ? and seq = ?").params(account, seq)
                .query(Long.class).single()).orElseThrow();
    }

    /**
     * What an attacker with write access to the database does: changes record {@code from}'s declaration, then
     * recomputes its content hash and every later link (with {@code keyed} the install's key, else plain SHA-256 as
     * the old chain did) and moves the head.
     */
    void rewriteFrom(UUID account, long from, boolean keyed) {
        jdbc.sql("update consent_record set declaration_text = 'Offres de partenaires' where account_id = ? and seq = ?")
                .params(account, from).update();
        String prev = record(account, from).prevHash();
        long last = jdbc.sql("select max(seq) from consent_record where account_id = ?").param(account).query(Long.class).single();
        for (long seq = from; seq <= last; seq++) {
            ConsentRecord r = record(account, seq);
            String content = Hashing.sha256Hex(JdbcConsentLedger.canonical(2, account, seq, r.channel().code(), r.action().code(),
                    r.basis().code(), r.optInType() == null ? null : r.optInType().code(), r.context().code(), r.contextDetail(),
                    r.collectedAt(), r.recordedAt(), r.sourceUrl(), r.declarationText(), r.subject(), r.separateConsent(),
                    r.explicit(), r.relationshipNature(), r.informedHow(), r.optOutOffered(), r.refersTo(), r.provenance(),
                    r.addressHash(), r.personalHash(), r.role(), r.relationshipSince()));
            String chain = keyed ? pseudonyms.mac("consent-chain", prev + content) : Hashing.sha256Hex(prev + content);
            jdbc.sql("update consent_record set content_hash = ?, prev_hash = ?, chain_hash = ? where id = ?")
                    .params(content, prev, chain, r.id()).update();
            prev = chain;
        }
        jdbc.sql("update consent_chain_head set chain_hash = ? where account_id = ?").params(prev, account).update();
    }

    @Test
    void aRewriteWithoutTheKeyBreaksTheKeyedLink() {
        UUID account = accountWith(5);
        assertThat(ledger.verify(account).intact()).isTrue();
        rewriteFrom(account, 3, false);
        ChainReport r = ledger.verify(account);
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(3L);
        assertThat(r.problem()).contains("without the ledger's key");
    }

    @Test
    void aRewriteWithTheKeyOrACutTailIsCaughtByTheCheckpointAndTheOperatorGetsItsDigest() throws Exception {
        UUID rewritten = accountWith(5);
        UUID truncated = accountWith(5);
        UUID untouched = accountWith(2);
        ChainAnchor.Anchored done = anchor.anchor();
        assertThat(done.file()).exists();
        assertThat(org.fairsend.platform.OwnerOnlyFiles.ownerOnly(done.file())).isTrue();
        assertThat(Files.readString(done.file())).contains("account " + rewritten + " seq 5 chain " + record(rewritten, 5).chainHash());

        // the digest mailed to the operator: one line per account, and the file's SHA-256
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = greenMail.getReceivedMessages()[greenMail.getReceivedMessages().length - 1];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("operator@fairsend.test");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        assertThat(body).contains(rewritten + " (").contains("record 5, head " + record(rewritten, 5).chainHash().substring(0, 16))
                .contains(Checkpoints.digest(done.file()));

        // after the checkpoint, the ledger goes on: more records are no problem
        ledger.grant(untouched, optIn("late@example.fr", "https://boulangerie.example.fr/lettre"));
        assertThat(ledger.verify(untouched).intact()).isTrue();
        assertThat(ledger.verify(untouched).anchor().matches()).isTrue();

        // rewritten from record 2 on with the key itself: every link verifies, the checkpoint does not
        rewriteFrom(rewritten, 2, true);
        ChainReport r = ledger.verify(rewritten);
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("rewritten since the checkpoint");
        assertThat(r.anchor().matches()).isFalse();
        // (every link verified: the checkpoint's is the first problem) a file that is no checkpoint is said so
        assertThat(ledger.verify(rewritten, Files.createTempFile("none", ".txt")).getFirst().problem())
                .contains("is not a consent checkpoint");

        // the last two records deleted and the head moved back to record 3
        ConsentRecord third = record(truncated, 3);
        jdbc.sql("delete from consent_personal where account_id = ? and seq > 3").param(truncated).update();
        jdbc.sql("delete from consent_record where account_id = ? and seq > 3").param(truncated).update();
        jdbc.sql("update consent_chain_head set seq = 3, chain_hash = ? where account_id = ?").params(third.chainHash(), truncated).update();
        ChainReport t = ledger.verify(truncated);
        assertThat(t.intact()).isFalse();
        assertThat(t.problem()).contains("removed since the checkpoint");

        // the CLI says the same, with the latest checkpoint or a given one; a forged checkpoint is refused
        Run cli = cli("consent", "verify", "--account", truncated.toString(), "--checkpoint", done.file().toString());
        assertThat(cli.code()).isEqualTo(1);
        assertThat(cli.out()).contains("removed since the checkpoint");
        Path forged = done.file().resolveSibling("forged.txt");
        Files.writeString(forged, Files.readString(done.file()).replace("account " + truncated + " seq 5", "account " + truncated + " seq 3"));
        Run refused = cli("consent", "verify", "--account", untouched.toString(), "--checkpoint", forged.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("does not carry this install's MAC");
        Run fine = cli("consent", "verify", "--account", untouched.toString());
        assertThat(fine.code()).as(fine.out()).isZero();

        // the operator can anchor at once: the broken chains are named, the digest mailed
        Run anchored = cli("consent", "anchor");
        assertThat(anchored.code()).isEqualTo(1);
        assertThat(anchored.out()).contains("written").contains("digest mailed").contains("account " + truncated + ": BROKEN");
    }

    @Test
    void aDeletedPersonalRowIsReportedAnErasureIsRecordedAndEndsTheConsent() {
        UUID account = accountWith(3);
        assertThat(ledger.erasePersonalData(account, "client2@example.fr", "the person asked (Art. 17)")).isEqualTo(1);
        ChainReport ok = ledger.verify(account);
        assertThat(ok.intact()).isTrue();
        assertThat(ok.recordsChecked()).isEqualTo(4);
        List<ConsentRecord> records = ledger.recordsFor(account, "client2@example.fr");
        assertThat(records).extracting(ConsentRecord::action).containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.ERASE);
        ConsentRecord erase = records.getLast();
        assertThat(erase.address()).isNull();
        assertThat(erase.contextDetail()).isEqualTo("the person asked (Art. 17)");
        assertThat(jdbc.sql("select count(*) from consent_personal where account_id = ? and seq = ?").params(account, erase.seq())
                .query(Long.class).single()).isZero();
        // after the erasure nothing is in force or pending for the person (X-5; a suppression by hash keeps them out)
        ConsentState after = ledger.state(account, Channel.EMAIL, "client2@example.fr");
        assertThat(after.status()).isEqualTo(ConsentState.Status.NONE);
        assertThat(after.grantId()).isNull();
        assertThat(after.collectedHow()).isNull();

        // a personal row deleted any other way is reported
        jdbc.sql("delete from consent_personal where account_id = ? and seq = 3").param(account).update();
        ChainReport r = ledger.verify(account);
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(3L);
        assertThat(r.problem()).contains("deleted without an erase record");
    }

    @Test
    void theQueryStringOfTheSourceUrlStaysOutOfTheImmutableRecord() {
        var a = fixtures.account();
        ConsentRecord r = ledger.grant(a.id(), optIn("zoe@example.fr", "https://shop.example.fr/lettre?email=zoe@example.fr&utm=x#haut"));
        assertThat(r.sourceUrl()).isEqualTo("https://shop.example.fr/lettre");
        assertThat(r.referer()).isEqualTo("https://shop.example.fr/lettre?email=zoe@example.fr&utm=x#haut");
        ledger.erasePersonalData(a.id(), "zoe@example.fr");
        String everything = jdbc.sql("select string_agg(concat_ws('|', source_url, context_detail, declaration_text, subject, provenance), '|')"
                + " from consent_record where account_id = ?").param(a.id()).query(String.class).single();
        assertThat(everything).doesNotContain("zoe");
        assertThat(ledger.verify(a.id()).intact()).isTrue();
    }

    // ---- an install chained the old way (before issue 15): the legacy writer, as it was ----

    /** The old canonical text (version 1), written out here as it was, independently of the ledger's code. */
    static String legacyCanonical(UUID account, long seq, Instant at, String declaration, String addressHash, String personalHash) {
        return new Canonical().put("v", 1).put("account", account).put("seq", seq).put("channel", "email").put("action", "grant")
                .put("basis", "opt_in").put("optInType", "single").put("context", "newsletter").put("contextDetail", null)
                .put("collectedAt", at).put("recordedAt", at).put("sourceUrl", "https://old.example.fr/lettre")
                .put("declarationText", declaration).put("subject", "la lettre").put("separateConsent", null)
                .put("explicit", true).put("relationshipNature", null).put("informedHow", null).put("optOutOffered", null)
                .put("refersTo", null).put("provenance", "api").put("addressHash", addressHash).put("personalHash", personalHash)
                .text();
    }

    /**
     * Writes records as an install before issue 15 did (unkeyed SHA-256 links, unkeyed personal hash over the plain
     * address), in the state the upgrade finds them: the migration kept the old address hash in legacy_address_hash,
     * and the platform, making its key, re-keyed address_hash.
     */
    UUID legacyAccount(String... emails) {
        var a = fixtures.account();
        String prev = JdbcConsentLedger.GENESIS;
        long seq = 0;
        Instant base = Instant.parse("2025-03-01T09:00:00Z");
        for (String email : emails) {
            seq++;
            Instant at = base.plusSeconds(seq * 60);
            String legacyAddress = Hashing.sha256Hex("fairsend-address:" + email);
            String personal = Hashing.sha256Hex(new Canonical().put("address", email).put("ip", "203.0.113.7")
                    .put("userAgent", null).put("screenshot", null).text());
            String content = Hashing.sha256Hex(legacyCanonical(a.id(), seq, at, "J'accepte la lettre.", legacyAddress, personal));
            String chain = Hashing.sha256Hex(prev + content);
            jdbc.sql("""
                    insert into consent_record (account_id, seq, channel, action, basis, opt_in_type, context, collected_at,
                        recorded_at, source_url, declaration_text, subject, explicit_consent, provenance, address_hash,
                        personal_hash, content_hash, prev_hash, chain_hash, legacy_address_hash)
                    values (?, ?, 'email', 'grant', 'opt_in', 'single', 'newsletter', ?, ?, 'https://old.example.fr/lettre',
                        'J''accepte la lettre.', 'la lettre', true, 'api', ?, ?, ?, ?, ?, ?)""")
                    .params(a.id(), seq, Timestamp.from(at), Timestamp.from(at), pseudonyms.address(email), personal, content, prev,
                            chain, legacyAddress).update();
            jdbc.sql("insert into consent_personal (account_id, seq, address, ip) values (?, ?, ?, '203.0.113.7')")
                    .params(a.id(), seq, email).update();
            prev = chain;
        }
        jdbc.sql("insert into consent_chain_head (account_id, seq, chain_hash, chain_version) values (?, ?, ?, 1)")
                .params(a.id(), seq, prev).update();
        return a.id();
    }

    @Test
    void anOldUnkeyedChainIsCheckedThenReChainedUnderTheKeyOnce() {
        UUID intact = legacyAccount("un@example.fr", "deux@example.fr", "trois@example.fr");
        // an erasure made the old way (the row deleted, nothing recorded) and a record edited before the upgrade
        UUID edited = legacyAccount("a@example.fr", "b@example.fr", "c@example.fr");
        jdbc.sql("delete from consent_personal where account_id = ? and seq = 1").param(edited).update();
        jdbc.sql("update consent_record set declaration_text = 'autre chose' where account_id = ? and seq = 2").param(edited).update();

        // the first append re-chains the account before it appends
        ledger.grant(intact, optIn("quatre@example.fr", "https://boulangerie.example.fr/lettre"));
        ChainReport r = ledger.verify(intact);
        assertThat(r.intact()).isTrue();
        assertThat(r.recordsChecked()).isEqualTo(4);
        assertThat(r.upgrade().records()).isEqualTo(3);
        assertThat(r.upgrade().oldChainIntact()).isTrue();
        assertThat(jdbc.sql("select count(*) from consent_record where account_id = ? and legacy_address_hash is not null")
                .param(intact).query(Long.class).single()).isZero();
        assertThat(record(intact, 1).personalHash()).isNotEqualTo(Hashing.sha256Hex(new Canonical().put("address", "un@example.fr")
                .put("ip", "203.0.113.7").put("userAgent", null).put("screenshot", null).text()));

        // a verification re-chains too, and says the old chain was already broken (and where)
        ChainReport e = ledger.verify(edited);
        assertThat(e.intact()).isTrue();
        assertThat(e.upgrade().oldChainIntact()).isFalse();
        assertThat(e.upgrade().oldBrokenSeq()).isEqualTo(2L);
        assertThat(e.upgrade().erasuresRecorded()).isEqualTo(1);
        assertThat(ledger.recordsFor(edited, "a@example.fr")).extracting(ConsentRecord::action)
                .containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.ERASE);
        Run cli = cli("consent", "verify", "--account", edited.toString());
        assertThat(cli.out()).contains("the old chain was BROKEN at record 2").contains("1 earlier erasure(s) recorded");

        // once: a second verification changes nothing
        String head = record(edited, 4).chainHash();
        assertThat(ledger.verify(edited).intact()).isTrue();
        assertThat(record(edited, 4).chainHash()).isEqualTo(head);
    }

    record Run(int code, String out) {}

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = FairsendCli.commandLine(ctx);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new Run(code, out.toString());
    }
}
