package org.fairsend.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or conflicting platform secret into Spring Boot's "APPLICATION FAILED TO START" paragraph. */
class SecretFailureAnalyzer extends AbstractFailureAnalyzer<PlatformSecret.SecretNotConfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlatformSecret.SecretNotConfigured cause) {
        return new FailureAnalysis(PlatformSecret.SecretNotConfigured.description(cause.reason()),
                PlatformSecret.SecretNotConfigured.action(cause.reason()), cause);
    }
}
