package org.fairsend.suppression.internal;

import java.util.List;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.suppression.Suppression;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SuppressionController {

    private final Suppressions suppressions;

    SuppressionController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    record ManualEntry(String channel, String address, String detail) {}

    @GetMapping("/api/suppressions")
    List<Suppression> list(@RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
        return suppressions.list(Caller.current().accountId(), before, limit);
    }

    /** Whether an address is suppressed for the caller's account, and why. */
    /** Whether an address is suppressed on a channel, with the entries that apply. */
    record Check(String address, boolean suppressed, List<Suppression> entries) {}

    /** A manual entry added. */
    record Added(String address, Channel channel, boolean suppressed) {}

    @GetMapping("/api/suppressions/check")
    Check check(@RequestParam String channel, @RequestParam String address) {
        Channel c = Channel.of(channel);
        String normalized = Addresses.normalize(c, address, "address");
        var entries = suppressions.entriesFor(Caller.current().accountId(), normalized).stream()
                .filter(e -> e.channel() == c).toList();
        return new Check(normalized, !entries.isEmpty(), entries);
    }

    @PostMapping("/api/suppressions")
    @ResponseStatus(HttpStatus.CREATED)
    Added add(@RequestBody ManualEntry in) {
        Channel c = Channel.of(in.channel() == null ? "" : in.channel());
        String normalized = Addresses.normalize(c, in.address(), "address");
        suppressions.suppress(Caller.current().accountId(), c, normalized, SuppressionReason.MANUAL, Caller.current().actor(), in.detail());
        return new Added(normalized, c, true);
    }

    /** The operator's lift of an entry: the reason is kept on the entry with who lifted it and when (issue 15). */
    record Lift(String reason) {}

    @PostMapping("/api/operator/suppressions/{id}/lift")
    Suppression lift(@PathVariable long id, @RequestBody Lift in) {
        return suppressions.liftByOperator(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    @GetMapping("/api/operator/suppressions/lifted")
    List<Suppression> lifted(@RequestParam(defaultValue = "100") int limit) {
        return suppressions.lifted(limit);
    }

    @DeleteMapping("/api/suppressions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable long id) {
        if (!suppressions.removeManual(Caller.current().accountId(), id)) throw new NotFound("manual suppression entry");
    }
}
