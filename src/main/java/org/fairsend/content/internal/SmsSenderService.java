package org.fairsend.content.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsSenders;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.policy.PolicyService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's approvals of personalised SMS senders per account, kept in {@code sms_sender}. */
@Service
class SmsSenderService implements SmsSenders {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PolicyService policies;
    private final AccountDirectory accounts;

    SmsSenderService(JdbcClient jdbc, Clock clock, PolicyService policies, AccountDirectory accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.policies = policies;
        this.accounts = accounts;
    }

    @Override
    public Optional<Approved> approved(UUID accountId, String sender) {
        if (sender == null) return Optional.empty();
        return jdbc.sql("select * from sms_sender where account_id = ? and sender_key = ? and revoked_at is null")
                .params(accountId, sender.strip().toUpperCase(Locale.ROOT)).query(SmsSenderService::map).optional();
    }

    @Override
    public List<Approved> list(UUID accountId) {
        return jdbc.sql("select * from sms_sender where account_id = ? and revoked_at is null order by sender").param(accountId)
                .query(SmsSenderService::map).list();
    }

    @Override
    public List<Finding> check(UUID accountId, String sender, boolean marketing) {
        return SenderRules.check(sender, marketing, policies.current().policy().sms(), approved(accountId, sender).orElse(null), true);
    }

    /** The operator approves a sender for an account: the rules must pass; a protected brand needs its authorisation. */
    @Override
    @Transactional
    public Approved approve(UUID accountId, String sender, String brandAuthorisation, String actor) {
        accounts.get(accountId);
        if (sender == null || sender.isBlank()) throw new RuleViolation("sender", "X-6", "the sender is required");
        var p = policies.current().policy().sms();
        List<Violation> v = new ArrayList<>();
        for (Finding f : SenderRules.check(sender, true, p, null, false)) v.add(new Violation("sender", f.rule(), f.message()));
        String brand = SenderRules.protectedBrand(sender, p);
        String auth = brandAuthorisation == null || brandAuthorisation.isBlank() ? null : brandAuthorisation.strip();
        if (v.isEmpty() && brand != null && auth == null) {
            v.add(new Violation("brandAuthorisation", "R-18", "'" + sender.strip() + "' uses the protected brand " + brand
                    + ": record the brand's authorisation (who granted it, when, reference)"));
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        String s = sender.strip();
        Instant now = clock.instant();
        jdbc.sql("update sms_sender set revoked_at = ? where account_id = ? and sender_key = ? and revoked_at is null")
                .params(Timestamp.from(now), accountId, s.toUpperCase(Locale.ROOT)).update();
        jdbc.sql("""
                insert into sms_sender (account_id, sender, sender_key, brand_authorisation, approved_by, approved_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(accountId, s, s.toUpperCase(Locale.ROOT), auth, actor, Timestamp.from(now)).update();
        return approved(accountId, s).orElseThrow();
    }

    @Transactional
    @Override
    public boolean revoke(UUID accountId, String sender) {
        return jdbc.sql("update sms_sender set revoked_at = ? where account_id = ? and sender_key = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), accountId, sender.strip().toUpperCase(Locale.ROOT)).update() > 0;
    }

    private static Approved map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Approved(rs.getObject("account_id", UUID.class), rs.getString("sender"), rs.getString("brand_authorisation"),
                rs.getString("approved_by"), rs.getTimestamp("approved_at").toInstant());
    }
}
