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

/** The account's hosted subscription forms. */
@RestController
class FormApi {

    private final Forms forms;

    FormApi(Forms forms) {
        this.forms = forms;
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
