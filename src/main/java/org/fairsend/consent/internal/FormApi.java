package org.fairsend.consent.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's hosted subscription forms, and the submissions their bot checks refused quietly (issue
 * 15): the account's own forms, and every form for the operator.
 */
@RestController
class FormApi {

    private final Forms forms;
    private final FormGuard guard;

    FormApi(Forms forms, FormGuard guard) {
        this.forms = forms;
        this.guard = guard;
    }

    /** Refused submissions over a window of days ending today (policy time zone): the total and per day and reason. */
    record Refusals(java.time.LocalDate from, long total, List<FormGuard.RefusalCount> counts) {
        static Refusals of(java.time.LocalDate from, List<FormGuard.RefusalCount> counts) {
            return new Refusals(from, counts.stream().mapToLong(FormGuard.RefusalCount::refusals).sum(), counts);
        }
    }

    @GetMapping("/api/forms/{id}/refusals")
    Refusals refusals(@PathVariable UUID id, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "30") int days) {
        UUID account = Caller.current().accountId();
        forms.get(account, id); // 404 for another account's form
        var from = guard.since(days);
        return Refusals.of(from, guard.refusals(account, id, from));
    }

    @GetMapping("/api/operator/forms/refusals")
    Refusals allRefusals(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "7") int days) {
        var from = guard.since(days);
        return Refusals.of(from, guard.refusals(null, null, from));
    }

    @PostMapping("/api/forms")
    @ResponseStatus(HttpStatus.CREATED)
    Forms.Form create(@RequestBody Forms.NewForm in) {
        return forms.create(Caller.current().accountId(), in);
    }

    @GetMapping("/api/forms")
    List<Forms.Form> list() {
        return forms.list(Caller.current().accountId());
    }

    @GetMapping("/api/forms/{id}")
    Forms.Form get(@PathVariable UUID id) {
        return forms.get(Caller.current().accountId(), id);
    }
}
