package org.fairsend.consent.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.consent.FormRefusals;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
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
    record Refusals(int days, long total, List<FormRefusals.Count> counts) {
        static Refusals of(int days, List<FormRefusals.Count> counts) {
            return new Refusals(days, counts.stream().mapToLong(FormRefusals.Count::refusals).sum(), counts);
        }
    }

    @GetMapping("/api/forms/{id}/refusals")
    Refusals refusals(@PathVariable UUID id, @RequestParam(defaultValue = "30") int days) {
        UUID account = Caller.current().accountId();
        forms.get(account, id); // 404 for another account's form
        return Refusals.of(days, guard.refusals(account, id, days));
    }

    @GetMapping("/api/operator/forms/refusals")
    Refusals allRefusals(@RequestParam(defaultValue = "7") int days) {
        return Refusals.of(days, guard.refusals(null, null, days));
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
