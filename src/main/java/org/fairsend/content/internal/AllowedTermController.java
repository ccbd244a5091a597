package org.fairsend.content.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.content.AllowedTerms;
import org.fairsend.content.AllowedTerms.AllowedTerm;
import org.fairsend.platform.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Allowed terms and names per account: the operator lists, adds (with a reason) and removes them; an account
 * reads its own.
 */
@RestController
class AllowedTermController {

    private final AllowedTerms terms;

    AllowedTermController(AllowedTerms terms) {
        this.terms = terms;
    }

    record Addition(String term, String reason) {}

    record Removed(long removed) {}

    @GetMapping("/api/operator/accounts/{accountId}/allowed-terms")
    List<AllowedTerm> listFor(@PathVariable UUID accountId) {
        return terms.list(accountId);
    }

    @PostMapping("/api/operator/accounts/{accountId}/allowed-terms")
    @ResponseStatus(HttpStatus.CREATED)
    AllowedTerm add(@PathVariable UUID accountId, @RequestBody(required = false) Addition in) {
        return terms.add(accountId, in == null ? null : in.term(), in == null ? null : in.reason(), Caller.current().actor());
    }

    @DeleteMapping("/api/operator/accounts/{accountId}/allowed-terms/{id}")
    Removed remove(@PathVariable UUID accountId, @PathVariable long id) {
        if (!terms.remove(accountId, id, Caller.current().actor())) throw new NotFound("allowed term");
        return new Removed(id);
    }

    /** The caller's own account's allowed terms. */
    @GetMapping("/api/content/allowed-terms")
    List<AllowedTerm> mine() {
        return terms.list(Caller.current().accountId());
    }
}
