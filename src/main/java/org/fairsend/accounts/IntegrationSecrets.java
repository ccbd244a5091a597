package org.fairsend.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The secrets that authenticate an integration's webhooks now (issue 13). A webhook verifies a call against them
 * before it stores or changes anything.
 *
 * <p>Which secrets count, for an account's call: the account's own (its current secret, and the one it replaced until
 * the grace period ends) when it set one; else, for an integration that also has a platform scope, the platform's
 * (same rule); else the secrets configured in the application properties ({@link IntegrationEndpoint#configured()}),
 * the bootstrap of existing deployments. The first rotation of a platform secret keeps those configured values valid
 * for the grace period, then they stop counting.
 */
public interface IntegrationSecrets {

    /** Where the secrets that count come from. */
    enum Source { ACCOUNT, PLATFORM, CONFIGURATION, NONE }

    /** The secrets that authenticate a call now (never empty unless {@code source} is NONE). */
    record Accepted(List<String> secrets, Source source) {
        public static final Accepted NONE = new Accepted(List.of(), Source.NONE);

        public boolean none() {
            return secrets.isEmpty();
        }

        /** Whether any accepted secret passes the check (each is tried, so the time taken does not say which). */
        public boolean any(Predicate<String> check) {
            boolean ok = false;
            for (String s : secrets) ok |= check.test(s);
            return ok;
        }
    }

    /**
     * @param accountId the account the call is for (its webhook URL names it), or null for a platform-wide webhook
     */
    Accepted accepted(Integration integration, UUID accountId);

    /** A rotation's result: {@code secret} is the new secret when Fairsend generated it (shown this once), else null. */
    record Rotated(Integration integration, Integration.Scope scope, String secret, Instant rotatedAt, Instant previousValidUntil) {}

    /**
     * Makes {@code given} (or, for a secret Fairsend issues and none given, a new random one) the current secret of the
     * account's integration, or the platform's when {@code accountId} is null; the secret it replaces (for a platform
     * integration's first rotation: the configured ones) keeps authenticating for the grace period
     * ({@code fairsend.integrations.secret-grace}). A second rotation within the grace period drops the older one.
     *
     * @param actor who rotated (recorded with the secret)
     */
    Rotated rotate(Integration integration, UUID accountId, String given, String actor);

    /** An integration's state as listed: never a secret. */
    record Status(Integration integration, Integration.Scope scope, Source source, Instant rotatedAt, String rotatedBy,
            Instant previousValidUntil) {}
}
