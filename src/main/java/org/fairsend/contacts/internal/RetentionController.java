package org.fairsend.contacts.internal;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/operator/retention/run[?account=]}: runs the retention job now (operator key), over every
 * account or one, and returns its counts.
 */
@RestController
class RetentionController {

    private final RetentionService retention;

    RetentionController(RetentionService retention) {
        this.retention = retention;
    }

    @PostMapping("/api/operator/retention/run")
    RetentionService.RetentionRun run(@org.springframework.web.bind.annotation.RequestParam(required = false) java.util.UUID account) {
        return retention.run(account);
    }
}
