package org.fairsend.feedback.internal;

import java.util.List;
import org.fairsend.accounts.Caller;
import org.fairsend.feedback.FeedbackLoopReporters;
import org.fairsend.feedback.FeedbackLoopReporters.Definition;
import org.fairsend.feedback.FeedbackLoopReporters.Reporter;
import org.fairsend.platform.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API (operator key): the feedback-loop reporters whose reports count (docs/ARCHITECTURE.md, "Trust boundaries"). A
 * reporter is recognised by the DKIM signature of one of its domains on the report, or by the SMTP peer's address in
 * one of its source ranges (CIDR). Invalid input is refused whole with problem+json {@code errors[{field, rule,
 * message}]}. Every change needs a {@code reason} (in the body; for a removal, a query parameter) and is recorded
 * with who made it ({@code GET /{id}/changes}). The console manages them through the same {@link FeedbackLoopReporters}.
 */
@RestController
@RequestMapping("/api/operator/feedback/reporters")
class FeedbackReporterController {

    private final FeedbackLoopReporters reporters;

    FeedbackReporterController(FeedbackLoopReporters reporters) {
        this.reporters = reporters;
    }

    /** As shown: the ranges in normalised CIDR notation. */
    @GetMapping
    List<Reporter> list() {
        return reporters.list();
    }

    @GetMapping("/{id}")
    Reporter one(@PathVariable long id) {
        return reporters.find(id).orElseThrow(() -> new NotFound("feedback-loop reporter"));
    }

    @PostMapping
    ResponseEntity<Reporter> create(@RequestBody(required = false) Definition body) {
        return ResponseEntity.status(201).body(reporters.create(body, Caller.current().actor()));
    }

    @PutMapping("/{id}")
    Reporter replace(@PathVariable long id, @RequestBody(required = false) Definition body) {
        return reporters.replace(id, body, Caller.current().actor()).orElseThrow(() -> new NotFound("feedback-loop reporter"));
    }

    /** {@code DELETE /{id}?reason=...}: the reason is required, as for every operator change. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) String reason) {
        if (!reporters.delete(id, Caller.current().actor(), reason)) throw new NotFound("feedback-loop reporter");
        return ResponseEntity.noContent().build();
    }

    /** Who changed the reporter, when and why, newest first (kept after it is removed). */
    @GetMapping("/{id}/changes")
    List<FeedbackLoopReporters.Change> changes(@PathVariable long id) {
        List<FeedbackLoopReporters.Change> changes = reporters.changes(id);
        if (changes.isEmpty() && reporters.find(id).isEmpty()) throw new NotFound("feedback-loop reporter");
        return changes;
    }
}
