package org.fairsend.consent.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.RateLimiter;
import org.fairsend.platform.Tokens;
import org.fairsend.policy.FormPolicy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicyTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bot protection of the hosted forms, with no third-party service (issue 15): the signed fill token (the time the
 * form was rendered, so a submission posted too soon, without a token or with a forged or stale one is refused),
 * rate limits per source address and per email address ({@link RateLimiter}), the daily cap of confirmation mails
 * per address (counted in the ledger, so it holds across restarts and nodes), and the count of quiet refusals per
 * form, reason and policy day (table {@code consent_form_refusal}, V83). Every threshold is a policy value
 * ({@link FormPolicy}).
 */
@Component
class FormGuard implements org.fairsend.consent.FormRefusals {

    private static final Logger log = LoggerFactory.getLogger(FormGuard.class);

    static final String FILL = "form-fill";

    private final Tokens tokens;
    private final RateLimiter limiter;
    private final PolicyService policies;
    private final PolicyTime time;
    private final ConsentProperties settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    FormGuard(Tokens tokens, RateLimiter limiter, PolicyService policies, PolicyTime time, ConsentProperties settings,
            JdbcClient jdbc, Clock clock) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.policies = policies;
        this.time = time;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    FormPolicy policy() {
        return policies.current().policy().forms();
    }

    /** The signed fill token a rendered form carries: the form and the time it was rendered. */
    String fillToken(UUID formId) {
        Instant now = clock.instant();
        return tokens.sign(FILL, formId + "~" + Long.toString(now.toEpochMilli(), 36),
                now.plus(Duration.ofHours(policy().fillTokenHours())));
    }

    /** The shortest time between rendering a form and posting it. */
    Duration minFill() {
        return settings.minFillTime() != null ? settings.minFillTime() : Duration.ofSeconds(policy().minFillSeconds());
    }

    /** Why the fill token refuses the submission, or null when it lets it through. */
    FormRefusal checkFill(UUID formId, String token) {
        if (token == null || token.isBlank()) return FormRefusal.NO_TOKEN;
        String payload;
        try {
            payload = tokens.verify(FILL, token.strip());
        } catch (Tokens.InvalidToken e) {
            return e.failure() == Tokens.Failure.EXPIRED ? FormRefusal.EXPIRED_TOKEN : FormRefusal.FORGED_TOKEN;
        }
        String[] parts = payload.split("~");
        if (parts.length != 2 || !parts[0].equals(formId.toString())) return FormRefusal.FORGED_TOKEN;
        Instant issued;
        try {
            issued = Instant.ofEpochMilli(Long.parseLong(parts[1], 36));
        } catch (NumberFormatException e) {
            return FormRefusal.FORGED_TOKEN;
        }
        Instant now = clock.instant();
        // signed with the expiry in force when it was rendered; a policy shortened since applies too
        if (issued.plus(Duration.ofHours(policy().fillTokenHours())).isBefore(now)) return FormRefusal.EXPIRED_TOKEN;
        if (Duration.between(issued, now).compareTo(minFill()) < 0) return FormRefusal.TOO_FAST;
        return null;
    }

    /** One more submission from the source address to the account's forms (policy {@code submissionsPerIpPerHour}). */
    boolean ipAllowed(UUID accountId, String ip) {
        return allowed("consent-form-ip", policy().submissionsPerIpPerHour(), Duration.ofHours(1), accountId, ip);
    }

    /** One more submission of the address to the account's forms (policy {@code submissionsPerAddressPerHour}). */
    boolean addressAllowed(UUID accountId, String addressHash) {
        return allowed("consent-form-address", policy().submissionsPerAddressPerHour(), Duration.ofHours(1), accountId, addressHash);
    }

    /** One more "already subscribed" notice to the address (policy {@code alreadySubscribedNoticesPerDay}; 0: none). */
    boolean noticeAllowed(UUID accountId, String addressHash) {
        int n = policy().alreadySubscribedNoticesPerDay();
        return n >= 1 && allowed("consent-form-notice", n, Duration.ofDays(1), accountId, addressHash);
    }

    /** One token of the bucket {@code kind} for {@code key} in the account, {@code n} per {@code per} (the limit is in its key). */
    private boolean allowed(String kind, int n, Duration per, UUID accountId, String key) {
        return limiter.tryConsume(kind + ":" + n + ":" + accountId + ":" + key, new RateLimiter.Limit(n, per)).allowed();
    }

    /**
     * The double opt-in grants of the last 24 hours for the address in the account's ledger: each is one confirmation
     * mail against the policy's {@code confirmationMailsPerAddressPerDay} (what the ledger holds survives a restart and
     * is the same on every node).
     */
    long confirmationsLastDay(UUID accountId, String addressHash) {
        return jdbc.sql("""
                select count(*) from consent_record where account_id = ? and address_hash = ? and action = 'grant'
                  and opt_in_type = 'double' and recorded_at > ?""")
                .params(accountId, addressHash, java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .query(Long.class).single();
    }

    /** Counts a quiet refusal (its own statement: it stays counted whatever happens next). */
    void refused(Forms.Form form, FormRefusal reason) {
        LocalDate day = time.today();
        String update = "update consent_form_refusal set refusals = refusals + 1 where form_id = ? and on_day = ? and reason = ?";
        if (jdbc.sql(update).params(form.id(), day, reason.code()).update() == 0) {
            int inserted = jdbc.sql("""
                    insert into consent_form_refusal (form_id, account_id, on_day, reason, refusals) values (?, ?, ?, ?, 1)
                    on conflict do nothing""").params(form.id(), form.accountId(), day, reason.code()).update();
            if (inserted == 0) jdbc.sql(update).params(form.id(), day, reason.code()).update();
        }
        log.info("hosted form {} of account {}: submission refused quietly ({})", form.id(), form.accountId(), reason.code());
    }

    @Override
    public List<Count> refusals(UUID accountId, UUID formId, int days) {
        LocalDate from = since(days);
        StringBuilder sql = new StringBuilder("""
                select r.form_id, r.account_id, f.name, r.on_day, r.reason, r.refusals
                from consent_form_refusal r join consent_form f on f.id = r.form_id where r.on_day >= ?""");
        List<Object> params = new java.util.ArrayList<>(List.of(from));
        if (accountId != null) {
            sql.append(" and r.account_id = ?");
            params.add(accountId);
        }
        if (formId != null) {
            sql.append(" and r.form_id = ?");
            params.add(formId);
        }
        sql.append(" order by r.on_day desc, r.refusals desc, r.reason limit 5000");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Count(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5),
                rs.getLong(6))).list();
    }

    /** The first policy day of a window of {@code days} days ending today. */
    LocalDate since(int days) {
        return time.today().minusDays(Math.max(1, Math.min(days, 366)) - 1L);
    }
}
