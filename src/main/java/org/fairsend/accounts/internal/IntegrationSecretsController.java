package org.fairsend.accounts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.Integration;
import org.fairsend.accounts.IntegrationSecrets;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotating integration secrets (issue 13). An account rotates its own integrations' secrets; the operator rotates the
 * platform's. A rotation answers the new secret once when Fairsend generated it (it is never shown again); the
 * replaced secret keeps working for {@code fairsend.integrations.secret-grace}.
 *
 * <pre>
 * GET    /api/integrations                                    the account's integrations (never a secret)
 * POST   /api/integrations/{integration}/secrets              rotate: {} to generate, {"secret": "..."} to set one a provider issued
 * DELETE /api/integrations/{integration}/secrets/previous     end the grace period now (a leaked old secret)
 * GET    /api/operator/integrations                           the same for the platform's integrations
 * POST   /api/operator/integrations/{integration}/secrets
 * DELETE /api/operator/integrations/{integration}/secrets/previous
 * </pre>
 */
@RestController
class IntegrationSecretsController {

    /** @param secret the provider-issued secret (Mailgun signing key, SendGrid verification key); absent: generate one */
    record RotateRequest(String secret) {}

    /** An integration's secret as listed: never the secret itself. */
    record SecretStatus(String integration, String scope, String source, Instant rotatedAt, String rotatedBy,
            Instant previousValidUntil) {}

    /** A rotation: {@code secret} only when Fairsend generated it (shown this once). */
    record RotatedSecret(String integration, String scope, String secret, Instant rotatedAt, Instant previousValidUntil) {}

    private final JdbcIntegrationSecrets secrets;

    IntegrationSecretsController(JdbcIntegrationSecrets secrets) {
        this.secrets = secrets;
    }

    @GetMapping("/api/integrations")
    List<SecretStatus> list() {
        return secrets.status(Caller.current().accountId()).stream().map(IntegrationSecretsController::status).toList();
    }

    @PostMapping("/api/integrations/{integration}/secrets")
    ResponseEntity<RotatedSecret> rotate(@PathVariable String integration, @RequestBody(required = false) RotateRequest request) {
        Caller caller = Caller.current();
        return rotated(secrets.rotate(integration(integration), caller.accountId(), request == null ? null : request.secret(), caller.actor()));
    }

    @DeleteMapping("/api/integrations/{integration}/secrets/previous")
    ResponseEntity<Void> endGrace(@PathVariable String integration) {
        secrets.endGrace(integration(integration), Caller.current().accountId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/operator/integrations")
    List<SecretStatus> platformList() {
        return secrets.status(null).stream().map(IntegrationSecretsController::status).toList();
    }

    @PostMapping("/api/operator/integrations/{integration}/secrets")
    ResponseEntity<RotatedSecret> platformRotate(@PathVariable String integration,
            @RequestBody(required = false) RotateRequest request) {
        return rotated(secrets.rotate(integration(integration), null, request == null ? null : request.secret(), Caller.current().actor()));
    }

    @DeleteMapping("/api/operator/integrations/{integration}/secrets/previous")
    ResponseEntity<Void> platformEndGrace(@PathVariable String integration) {
        secrets.endGrace(integration(integration), null);
        return ResponseEntity.noContent().build();
    }

    private static Integration integration(String key) {
        return Integration.fromKey(key).orElseThrow(() -> new RuleViolation(404, "integration", "integration",
                "no integration " + key + ": ses, mailgun, sendgrid, sms, voice or calltracking"));
    }

    private static ResponseEntity<RotatedSecret> rotated(IntegrationSecrets.Rotated r) {
        return ResponseEntity.status(201).body(new RotatedSecret(r.integration().key(), lower(r.scope()), r.secret(),
                r.rotatedAt(), r.previousValidUntil()));
    }

    private static SecretStatus status(IntegrationSecrets.Status s) {
        return new SecretStatus(s.integration().key(), lower(s.scope()), lower(s.source()), s.rotatedAt(), s.rotatedBy(),
                s.previousValidUntil());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
