package org.fairsend.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.Channel;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/** The contacts module's event: an erasure, with the hashes that remain. */
@EventScenarioTest
class ContactEventsTest {

    static final String HEADER = "email,first_name,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit,city\n";

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired AccountService accounts;
    @Autowired ContactBook book;
    @Autowired ContactImports imports;
    @Autowired ContactDirectory directory;

    @Test
    void anErasurePublishesItsEvent(Scenario scenario) throws Exception {
        Account a = Scenarios.account(accounts);
        UUID list = book.createList(a.id(), "Scenario", null).id();
        String address = "camille-" + UUID.randomUUID().toString().substring(0, 8) + "@scenario.example";
        Path file = Files.createTempFile("scenario-import", ".csv");
        Files.writeString(file, HEADER + address + ",Camille,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/newsletter,"
                + "203.0.113.7,J'accepte de recevoir la lettre de la boulangerie,Nouveautés de la boulangerie,true,Lyon\n"
                + "not an address,Bad,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,x,y,true,Lyon\n");
        // the import runs on its own thread once its row is committed: wait for its end
        UUID importId = imports.start(a.id(), new ContactImports.Declaration("csv", "own_form", null, list), file).id();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> imports.importStatus(a.id(), importId).status() != ContactImports.Status.RUNNING);
        assertThat(imports.importStatus(a.id(), importId).rowsAccepted()).isEqualTo(1);

        UUID contact = directory.findByAddress(a.id(), Channel.EMAIL, address).orElseThrow().id();
        scenario.stimulate(() -> book.erase(a.id(), contact, "the person asked"))
                .andWaitForEventOfType(ContactErased.class)
                .matching(e -> e.contactId().equals(contact))
                .toArriveAndVerify(e -> {
                    assertThat(e.accountId()).isEqualTo(a.id());
                    assertThat(e.addressHashes()).contains(pseudonyms.address(address));
                    assertThat(e.reason()).isEqualTo(org.fairsend.suppression.SuppressionReason.ERASED);
                });
    }
}
