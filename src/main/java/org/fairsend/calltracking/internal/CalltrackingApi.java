package org.fairsend.calltracking.internal;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cluster.ReadReplica;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's call tracking API ({@code /api/calltracking/**}), scoped to the caller's account. The call lists and the
 * reports (and their CSV exports) read the read replica when one is configured (issue 18, {@link ReadReplica}).
 */
@RestController
class CalltrackingApi {

    private final TrackingSetup setup;
    private final Reports reports;
    private final CalltrackingStore store;
    private final ReadReplica replica;

    CalltrackingApi(TrackingSetup setup, Reports reports, CalltrackingStore store, ReadReplica replica) {
        this.setup = setup;
        this.replica = replica;
        this.reports = reports;
        this.store = store;
    }

    /** The call-back list with its opposition-list reminder. */
    record Callbacks(String notice, List<Reports.CallView> calls) {}

    record CalledBack(UUID callId, boolean calledBack) {}

    private static UUID account() {
        return Caller.current().accountId();
    }

    // ---- media

    @PostMapping("/api/calltracking/media")
    @ResponseStatus(HttpStatus.CREATED)
    TrackingSetup.Medium createMedium(@RequestBody TrackingSetup.MediumRequest in) {
        return setup.createMedium(account(), in);
    }

    @GetMapping("/api/calltracking/media")
    List<TrackingSetup.Medium> media() {
        return setup.media(account());
    }

    @GetMapping("/api/calltracking/media/{id}")
    TrackingSetup.Medium medium(@PathVariable UUID id) {
        return setup.medium(account(), id);
    }

    @PutMapping("/api/calltracking/media/{id}")
    TrackingSetup.Medium updateMedium(@PathVariable UUID id, @RequestBody TrackingSetup.MediumRequest in) {
        return setup.updateMedium(account(), id, in);
    }

    @DeleteMapping("/api/calltracking/media/{id}")
    TrackingSetup.Medium archiveMedium(@PathVariable UUID id) {
        return setup.archiveMedium(account(), id);
    }

    // ---- tracked numbers

    @GetMapping("/api/calltracking/numbers")
    List<TrackingSetup.Line> numbers() {
        return setup.lines(account());
    }

    @GetMapping("/api/calltracking/numbers/{id}")
    TrackingSetup.Line number(@PathVariable UUID id) {
        return setup.line(account(), id);
    }

    /** Attaches the number to a medium and/or sets its redirection (R-23). */
    @PutMapping("/api/calltracking/numbers/{id}")
    TrackingSetup.Line configure(@PathVariable UUID id, @RequestBody TrackingSetup.LineRequest in) {
        return setup.configure(account(), id, in);
    }

    /** Redirections suspended or reinstated after a change of the account's zone (R-23). */
    @GetMapping("/api/calltracking/redirection-events")
    List<CalltrackingStore.RedirectionEvent> redirectionEvents() {
        return store.redirectionEvents(account());
    }

    // ---- settings

    @GetMapping("/api/calltracking/settings")
    TrackingSetup.Settings settings() {
        return setup.settings(account());
    }

    @PutMapping("/api/calltracking/settings")
    TrackingSetup.Settings updateSettings(@RequestBody TrackingSetup.SettingsRequest in) {
        return setup.updateSettings(account(), in, Caller.current().actor());
    }

    // ---- calls, forms, emails

    @GetMapping("/api/calltracking/calls")
    List<Reports.CallView> calls(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID mediumId, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1000") int limit) {
        return replica.read(() -> reports.calls(account(), reports.period(from, to), mediumId, status, limit));
    }

    @GetMapping(value = "/api/calltracking/calls.csv", produces = "text/csv")
    ResponseEntity<String> callsCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID mediumId, @RequestParam(required = false) String status) {
        Reports.Period p = reports.period(from, to);
        return csv("calls-" + p.from() + "-" + p.to() + ".csv", Reports.callsCsv(replica.read(() -> reports.calls(account(), p, mediumId, status, 100_000))));
    }

    /** Missed calls to call back: only for an account that sees full numbers, with its opposition-list reminder. */
    @GetMapping("/api/calltracking/callbacks")
    Callbacks callbacks() {
        UUID a = account();
        if (!setup.fullNumbers(a)) {
            throw new RuleViolation(409, "callerNumbers", "R-25",
                    "caller numbers are masked for this account: there is no call-back list (PUT /api/calltracking/settings to change)");
        }
        return new Callbacks(TrackingSetup.OPPOSITION_NOTICE, reports.callbacks(a));
    }

    @PostMapping("/api/calltracking/callbacks/{callId}/done")
    CalledBack calledBack(@PathVariable UUID callId) {
        if (!reports.markCalledBack(account(), callId)) throw new NotFound("missed call");
        return new CalledBack(callId, true);
    }

    @GetMapping("/api/calltracking/contacts")
    List<CalltrackingStore.Contact> contacts(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "form") String kind) {
        Reports.Period p = reports.period(from, to);
        CalltrackingStore.ContactKind k = Arrays.stream(CalltrackingStore.ContactKind.values()).filter(c -> c.code().equals(kind))
                .findFirst().orElseThrow(() -> new RuleViolation("kind", "enum", "form or email"));
        return store.contacts(account(), k, p);
    }

    // ---- reports

    @GetMapping("/api/calltracking/reports")
    Reports.Report report(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return replica.read(() -> reports.report(account(), reports.period(from, to)));
    }

    @GetMapping(value = "/api/calltracking/reports.csv", produces = "text/csv")
    ResponseEntity<String> reportCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.Period p = reports.period(from, to);
        return csv("calltracking-" + p.from() + "-" + p.to() + ".csv", Reports.csv(replica.read(() -> reports.report(account(), p))));
    }

    private static ResponseEntity<String> csv(String name, String body) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(body);
    }
}
