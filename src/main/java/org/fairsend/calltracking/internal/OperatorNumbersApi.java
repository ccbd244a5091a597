package org.fairsend.calltracking.internal;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's pool of tracked numbers ({@code /api/operator/calltracking/**}, R-23, R-24). */
@RestController
class OperatorNumbersApi {

    private final NumberPool pool;
    private final CalltrackingStore store;

    OperatorNumbersApi(NumberPool pool, CalltrackingStore store) {
        this.pool = pool;
        this.store = store;
    }

    /** A pool number with every assignment it had, and the calls it took while no account held it. */
    record NumberDetails(NumberPool.TrackedNumber number, List<NumberPool.Assignment> history, long callsWhileUnassigned) {}

    record ImportRequest(List<String> numbers, String note) {}

    record AssignRequest(UUID accountId, String reason) {}

    record AssignNextRequest(String country, String reason) {}

    record ReasonRequest(String reason) {}

    /** JSON {@code {numbers: [...], note}} or text (one number a line). Nothing is imported when a number is invalid. */
    @PostMapping(value = "/api/operator/calltracking/numbers/import", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    NumberPool.ImportResult importJson(@RequestBody ImportRequest in) {
        return pool.importNumbers(in.numbers(), in.note());
    }

    @PostMapping(value = "/api/operator/calltracking/numbers/import", consumes = {"text/plain", "text/csv"})
    @ResponseStatus(HttpStatus.CREATED)
    NumberPool.ImportResult importText(@RequestBody String text, @RequestParam(required = false) String note) {
        List<String> numbers = Arrays.stream(text.split("\\R")).map(l -> l.split("[,;\\t]")[0].strip())
                .filter(l -> !l.isEmpty() && !l.equalsIgnoreCase("number") && !l.equalsIgnoreCase("e164")).toList();
        return pool.importNumbers(numbers, note);
    }

    @GetMapping("/api/operator/calltracking/numbers")
    List<NumberPool.TrackedNumber> list(@RequestParam(required = false) String status) {
        return pool.list(status);
    }

    @GetMapping("/api/operator/calltracking/numbers/{id}")
    NumberDetails get(@PathVariable UUID id) {
        long unassigned = store.callsWhileUnassigned(id);
        return new NumberDetails(pool.get(id), pool.history(id), unassigned);
    }

    @PostMapping("/api/operator/calltracking/numbers/{id}/assign")
    NumberPool.Assignment assign(@PathVariable UUID id, @RequestBody AssignRequest in) {
        if (in.accountId() == null) throw new RuleViolation("accountId", "required", "the account to assign the number to");
        return pool.assign(id, in.accountId(), Caller.current().actor(), in.reason());
    }

    /** Assigns the first available number of a country (default FR) to the account. */
    @PostMapping("/api/operator/calltracking/accounts/{accountId}/numbers")
    @ResponseStatus(HttpStatus.CREATED)
    NumberPool.Assignment assignNext(@PathVariable UUID accountId, @RequestBody(required = false) AssignNextRequest in) {
        return pool.assignNext(accountId, in == null ? null : in.country(), Caller.current().actor(), in == null ? null : in.reason());
    }

    @PostMapping("/api/operator/calltracking/numbers/{id}/release")
    NumberPool.TrackedNumber release(@PathVariable UUID id, @RequestBody ReasonRequest in) {
        return pool.release(id, Caller.current().actor(), reason(in));
    }

    @PostMapping("/api/operator/calltracking/numbers/{id}/reassign")
    NumberPool.Assignment reassign(@PathVariable UUID id, @RequestBody AssignRequest in) {
        if (in.accountId() == null) throw new RuleViolation("accountId", "required", "the account to move the number to");
        return pool.reassign(id, in.accountId(), Caller.current().actor(), reason(new ReasonRequest(in.reason())));
    }

    @PostMapping("/api/operator/calltracking/numbers/{id}/replace")
    NumberPool.Assignment replace(@PathVariable UUID id, @RequestBody ReasonRequest in) {
        return pool.replace(id, Caller.current().actor(), reason(in));
    }

    @PostMapping("/api/operator/calltracking/numbers/{id}/retire")
    NumberPool.TrackedNumber retire(@PathVariable UUID id, @RequestBody ReasonRequest in) {
        return pool.retire(id, Caller.current().actor(), reason(in));
    }

    private static String reason(ReasonRequest in) {
        if (in == null || in.reason() == null || in.reason().isBlank()) {
            throw new RuleViolation("reason", "R-24", "say why: every change of a tracked number is kept in its history");
        }
        return in.reason().strip();
    }
}
