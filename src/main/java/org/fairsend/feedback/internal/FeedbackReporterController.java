package org.fairsend.feedback.internal;

import java.util.List;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API (operator key): the feedback-loop reporters whose reports count (docs/ARCHITECTURE.md, "Trust boundaries"). A
 * reporter is recognised by the DKIM signature of one of its domains on the report, or by the SMTP peer's address in
 * one of its source ranges (CIDR). Invalid input is refused whole with problem+json {@code errors[{field, rule,
 * message}]}.
 */
@RestController
@RequestMapping("/api/operator/feedback/reporters")
class FeedbackReporterController {

    private final FeedbackReporters reporters;

    FeedbackReporterController(FeedbackReporters reporters) {
        this.reporters = reporters;
    }

    /** As shown: the ranges in normalised CIDR notation. */
    record View(long id, String name, List<String> dkimDomains, List<String> sourceRanges, java.time.Instant createdAt,
            String createdBy, java.time.Instant updatedAt) {
        static View of(FeedbackReporters.Reporter r) {
            return new View(r.id(), r.name(), r.dkimDomains(), r.sourceRanges().stream().map(Cidr::toString).toList(), r.createdAt(),
                    r.createdBy(), r.updatedAt());
        }
    }

    @GetMapping
    List<View> list() {
        return reporters.all().stream().map(View::of).toList();
    }

    @GetMapping("/{id}")
    View one(@PathVariable long id) {
        return reporters.find(id).map(View::of).orElseThrow(() -> new NotFound("feedback-loop reporter"));
    }

    @PostMapping
    ResponseEntity<View> create(@RequestBody(required = false) FeedbackReporters.Definition body) {
        return ResponseEntity.status(201).body(View.of(reporters.create(body, Caller.current().actor())));
    }

    @PutMapping("/{id}")
    View replace(@PathVariable long id, @RequestBody(required = false) FeedbackReporters.Definition body) {
        return reporters.replace(id, body).map(View::of).orElseThrow(() -> new NotFound("feedback-loop reporter"));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!reporters.delete(id)) throw new NotFound("feedback-loop reporter");
        return ResponseEntity.noContent().build();
    }
}
