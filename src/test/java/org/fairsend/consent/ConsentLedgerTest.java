package org.fairsend.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PostgresTest
class ConsentLedgerTest {

    @Autowired ConsentLedger ledger;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static ConsentEvidence optIn(String email, OptInType type) {
        return new ConsentEvidence(Channel.EMAIL, email, ConsentBasis.OPT_IN, type, CollectionContext.NEWSLETTER, null,
                Instant.now().minus(1, ChronoUnit.HOURS), "https://boulangerie.example.fr/newsletter", "203.0.113.7",
                "Mozilla/5.0", "J'accepte de recevoir la lettre d'information de la Boulangerie par e-mail.",
                "la lettre d'information mensuelle", true, true, null, null, null, null, "api");
    }

    @Test
    void aDoubleOptInIsNotConsentUntilConfirmed() {
        var a = fixtures.account();
        ConsentRecord grant = ledger.grant(a.id(), optIn("Marie.Curie@Example.FR", OptInType.DOUBLE));
        assertThat(grant.address()).isEqualTo("marie.curie@example.fr");
        assertThat(ledger.state(a.id(), Channel.EMAIL, "marie.curie@example.fr").status()).isEqualTo(ConsentState.Status.UNCONFIRMED);
        assertThat(ledger.state(a.id(), Channel.EMAIL, "marie.curie@example.fr").isConsent()).isFalse();

        ConsentRecord confirm = ledger.confirm(a.id(), grant.id(), Instant.now(), "198.51.100.4", "Firefox");
        assertThat(confirm.action()).isEqualTo(ConsentRecord.Action.CONFIRM);
        assertThat(confirm.ip()).isEqualTo("198.51.100.4");
        assertThat(confirm.refersTo()).isEqualTo(grant.id());
        assertThat(ledger.state(a.id(), Channel.EMAIL, "marie.curie@example.fr").isConsent()).isTrue();

        // a second confirmation (a replayed link) is refused
        assertThatThrownBy(() -> ledger.confirm(a.id(), grant.id(), Instant.now(), "198.51.100.4", "Firefox"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("already confirmed");

        ledger.withdraw(a.id(), Channel.EMAIL, "marie.curie@example.fr", "unsubscribe-link", Instant.now());
        assertThat(ledger.state(a.id(), Channel.EMAIL, "marie.curie@example.fr").status()).isEqualTo(ConsentState.Status.WITHDRAWN);
        assertThat(ledger.recordsFor(a.id(), "marie.curie@example.fr")).extracting(ConsentRecord::action)
                .containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.CONFIRM, ConsentRecord.Action.WITHDRAW);
        assertThat(ledger.verify(a.id()).intact()).isTrue();
    }

    @Test
    void evidenceMissingWhatR2AndR4RequireIsRefusedWithFieldAndRule() {
        var a = fixtures.account();
        var noExplicit = new ConsentEvidence(Channel.EMAIL, "a@example.fr", ConsentBasis.OPT_IN, OptInType.SINGLE,
                CollectionContext.NEWSLETTER, null, Instant.now(), "https://x.example.fr/f", "203.0.113.1", null, null, null,
                null, false, null, null, null, null, "api");
        assertThatThrownBy(() -> ledger.grant(a.id(), noExplicit)).isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).violations()).extracting(RuleViolation.Violation::field)
                        .contains("explicit", "declarationText", "subject"));
        var customerWithoutNature = new ConsentEvidence(Channel.EMAIL, "b@example.fr", ConsentBasis.EXISTING_CUSTOMER, null,
                CollectionContext.PRIOR_RELATIONSHIP, null, Instant.now(), null, null, null, null, null, null, null, null,
                null, null, null, "api");
        assertThat(ledger.validate(customerWithoutNature)).extracting(RuleViolation.Violation::field)
                .contains("relationshipNature", "informedHow", "optOutOffered");
        assertThat(jdbc.sql("select count(*) from consent_record where account_id = ?").param(a.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void editingOrDeletingAnyRowIsCaughtAndErasureKeepsTheChainVerifiable() {
        var a = fixtures.account();
        List<ConsentEvidence> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) batch.add(optIn("client" + i + "@example.fr", OptInType.SINGLE));
        List<Long> ids = ledger.grantAll(a.id(), batch);
        assertThat(ids).hasSize(5);
        assertThat(ledger.verify(a.id()).intact()).isTrue();

        // erasure removes personal data; the chain still verifies
        assertThat(ledger.erasePersonalData(a.id(), "client1@example.fr")).isEqualTo(1);
        assertThat(ledger.recordsFor(a.id(), "client1@example.fr").getFirst().address()).isNull();
        assertThat(ledger.verify(a.id()).intact()).isTrue();

        // a changed declaration text breaks the link at that record
        jdbc.sql("update consent_record set declaration_text = 'forged' where id = ?").param(ids.get(2)).update();
        ChainReport r = ledger.verify(a.id());
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenRecordId()).isEqualTo(ids.get(2));
        assertThat(r.firstBrokenSeq()).isEqualTo(3L);
    }

    @Test
    void changedPersonalDataOrARemovedRecordIsCaught() {
        var a = fixtures.account();
        List<Long> ids = ledger.grantAll(a.id(), List.of(optIn("x1@example.fr", OptInType.SINGLE),
                optIn("x2@example.fr", OptInType.SINGLE), optIn("x3@example.fr", OptInType.SINGLE)));
        jdbc.sql("update consent_personal set ip = '10.0.0.1' where account_id = ? and seq = 2").param(a.id()).update();
        assertThat(ledger.verify(a.id()).firstBrokenSeq()).isEqualTo(2L);
        jdbc.sql("update consent_personal set ip = '203.0.113.7' where account_id = ? and seq = 2").param(a.id()).update();
        assertThat(ledger.verify(a.id()).intact()).isTrue();

        jdbc.sql("delete from consent_personal where account_id = ? and seq = 3").param(a.id()).update();
        jdbc.sql("delete from consent_record where id = ?").param(ids.get(2)).update();
        ChainReport r = ledger.verify(a.id());
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("removed");
    }

    @Test
    void concurrentAppendsOfOneAccountKeepOneUnbrokenChain() throws Exception {
        var a = fixtures.account();
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 10; i++) ledger.grant(a.id(), optIn("t" + thread + "-" + i + "@example.fr", OptInType.SINGLE));
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(tasks)) f.get();
        }
        ChainReport r = ledger.verify(a.id());
        assertThat(r.recordsChecked()).isEqualTo(80);
        assertThat(r.intact()).isTrue();
    }

    @Test
    void bulkAppendedRecordsKeepAwkwardTextExactlyAndTheChainVerifies() {
        var a = fixtures.account();
        String text = "J'accepte \"les offres\", par e-mail;\nligne 2 \\ é 😀";
        List<ConsentEvidence> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new ConsentEvidence(i % 2 == 0 ? Channel.EMAIL : Channel.SMS, i % 2 == 0 ? "c" + i + "@example.fr" : "+3361234" + (5000 + i),
                    ConsentBasis.OPT_IN, OptInType.SINGLE, CollectionContext.NEWSLETTER, i % 3 == 0 ? "" : null,
                    Instant.now().minus(1, ChronoUnit.HOURS), "https://ex.example/f?a=1,b=\"2\"", "203.0.113." + i,
                    i % 5 == 0 ? "" : "Agent, \"quoted\"", text, "sujet, \"x\"", true, true, null, null, null, null, "import:t"));
        }
        List<Long> ids = ledger.grantAll(a.id(), batch);
        assertThat(ids).hasSize(50);
        assertThat(ledger.verify(a.id()).intact()).isTrue();
        ConsentRecord r0 = ledger.find(a.id(), ids.get(0)).orElseThrow();
        assertThat(r0.declarationText()).isEqualTo(text);
        assertThat(r0.userAgent()).isEqualTo("");
        assertThat(r0.contextDetail()).isEqualTo("");
        ConsentRecord r1 = ledger.find(a.id(), ids.get(1)).orElseThrow();
        assertThat(r1.address()).isEqualTo("+33612345001");
        assertThat(r1.userAgent()).isEqualTo("Agent, \"quoted\"");
        assertThat(r1.contextDetail()).isNull();
        // single appends after a bulk one continue the same chain
        ledger.grant(a.id(), optIn("after@example.fr", OptInType.SINGLE));
        assertThat(ledger.verify(a.id()).intact()).isTrue();
    }

    @Test
    void grantAllRefusesAddressesThatAreNotNormalised() {
        var a = fixtures.account();
        assertThatThrownBy(() -> ledger.grantAll(a.id(), List.of(optIn("Not.Normal@Example.FR", OptInType.SINGLE))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.verify(a.id()).recordsChecked()).isZero();
    }
}
