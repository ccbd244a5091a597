package org.fairsend.support;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.ApiKeys;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Creates accounts and keys for tests through the real services. */
@Component
public class Fixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final AccountService accounts;
    private final ApiKeys keys;
    private final Environment env;

    public Fixtures(AccountService accounts, ApiKeys keys, Environment env) {
        this.accounts = accounts;
        this.keys = keys;
        this.env = env;
    }

    public record TestAccount(Account account, String key, Api api) {
        public UUID id() {
            return account.id();
        }
    }

    public int port() {
        return Integer.parseInt(env.getProperty("local.server.port", "0"));
    }

    public TestAccount account() {
        int n = SEQ.incrementAndGet();
        Account a = accounts.create(new AccountService.NewAccount("Boulangerie Test " + n + " SARL", "Boulangerie " + n,
                "FR", true, "contact" + n + "@boulangerie-test.fr", "+33145678900", "75011", 4900L, "EUR",
                "en", // the tests read what recipients get in English (an account of France names French by default: RecipientLanguageTest)
                "12 rue Oberkampf, 75011 Paris")); // issue 20: marketing email names the sender's postal address
        String key = keys.createAccountKey(a.id(), "test").secret();
        return new TestAccount(a, key, new Api(port(), key));
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /**
     * Records what the DNS check stores when it finds the domain's RSA DKIM key published as generated,
     * for tests that send from a domain without running a DNS server; {@code SenderDomainApiTest} and
     * {@code SenderDomainTruthTest} run the real check against one.
     */
    public void dkimKeyFoundPublished(String senderDomainId) {
        jdbc.sql("""
                insert into sender_domain_check (sender_domain_id, record, dns_name, status, expected, found, detail, checked_at)
                select id, 'dkim-rsa', rsa_selector || '._domainkey.' || domain, 'ok', 'the generated key', 'the generated key',
                       'the published key matches', current_timestamp from sender_domain where id = ?""")
                .param(UUID.fromString(senderDomainId)).update();
    }

    public Api operator() {
        return new Api(port(), keys.createOperatorKey("test").secret());
    }

    public Api anonymous() {
        return new Api(port(), null);
    }
}
