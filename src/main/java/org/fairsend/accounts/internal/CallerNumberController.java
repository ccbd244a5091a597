package org.fairsend.accounts.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.CallerNumberRules;
import org.fairsend.accounts.CallerNumbers.CallerNumber;
import org.fairsend.platform.NotFound;
import org.fairsend.accounts.CallerRanges;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The calling account's caller numbers for voicemail drops. */
@RestController
class CallerNumberController {

    private final CallerNumberService numbers;
    private final CallerRanges ranges;

    CallerNumberController(CallerNumberService numbers, CallerRanges ranges) {
        this.numbers = numbers;
        this.ranges = ranges;
    }

    record Declaration(String number, String declarantName, String declaration) {}

    record Check(String number) {}

    @PostMapping("/api/caller-numbers")
    @ResponseStatus(HttpStatus.CREATED)
    CallerNumber declare(@RequestBody Declaration in) {
        Caller caller = Caller.current();
        return numbers.declare(caller.accountId(), in.number(), in.declarantName(), in.declaration(), caller.actor());
    }

    /** The rules' verdict on a number, without declaring it. */
    @PostMapping("/api/caller-numbers/check")
    CallerNumberRules.Verdict check(@RequestBody Check in) {
        Caller.current().accountId();
        return CallerNumberRules.check(in.number(), ranges.current(), "number");
    }

    @GetMapping("/api/caller-numbers")
    List<CallerNumber> list() {
        return numbers.list(Caller.current().accountId());
    }

    @GetMapping("/api/caller-numbers/{id}")
    CallerNumber get(@PathVariable UUID id) {
        return numbers.find(Caller.current().accountId(), id).orElseThrow(() -> new NotFound("caller number"));
    }

    /** Withdraws the declaration: campaigns can no longer show the number; the record stays. */
    @DeleteMapping("/api/caller-numbers/{id}")
    CallerNumber withdraw(@PathVariable UUID id) {
        return numbers.withdraw(Caller.current().accountId(), id);
    }
}
