package org.fairsend.reputation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.contacts.ContactHygiene;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cluster.ReadReplica;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicyTime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reputation API. {@code /api/reputation/**} is the caller's own account (another account's campaign answers
 * 404); {@code /api/operator/reputation/**} sees every account, reverses steps and reconciles. The views and the
 * ledger exports read the read replica when one is configured (issue 18, {@link ReadReplica}); the actions the primary.
 */
@RestController
class ReputationController {

    private final Reports reports;
    private final Ladder ladder;
    private final Reconciler reconciler;
    private final ReputationStore store;
    private final CampaignService campaigns;
    private final ContactHygiene hygiene;
    private final PolicyService policies;
    private final org.fairsend.accounts.AccountService accounts;
    private final Clock clock;

    private final PolicyTime time;
    private final AccountBreaker accountBreaker;
    private final ReadReplica replica;

    ReputationController(Reports reports, Ladder ladder, Reconciler reconciler, ReputationStore store, CampaignService campaigns,
            ContactHygiene hygiene, PolicyService policies, org.fairsend.accounts.AccountService accounts, Clock clock, PolicyTime time,
            AccountBreaker accountBreaker, ReadReplica replica) {
        this.replica = replica;
        this.time = time;
        this.accountBreaker = accountBreaker;
        this.reports = reports;
        this.ladder = ladder;
        this.reconciler = reconciler;
        this.store = store;
        this.campaigns = campaigns;
        this.hygiene = hygiene;
        this.policies = policies;
        this.accounts = accounts;
        this.clock = clock;
    }

    record ReasonRequest(String reason) {}

    /** R-8: the contacts inactive since {@code since} that left every list of the account. */
    record Excluded(Instant since, long excluded) {}

    // ----- the account's own view

    @GetMapping("/api/reputation")
    Reports.AccountStatus status() {
        return replica.read(() -> reports.status(Caller.current().accountId()));
    }

    @GetMapping("/api/reputation/days")
    List<Reports.DayPoint> days(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return replica.read(() -> days(Caller.current().accountId(), from, to));
    }

    @GetMapping("/api/reputation/campaigns/{id}")
    Reports.CampaignView campaign(@PathVariable UUID id, @RequestParam(defaultValue = "500") int points) {
        return replica.read(() -> reports.campaign(campaigns.get(Caller.current().accountId(), id), Math.max(1, Math.min(points, 10_000))));
    }

    /** R-14 account level: the pauses of the account's marketing, oldest first. */
    @GetMapping("/api/reputation/marketing-pauses")
    List<org.fairsend.reputation.ReputationViews.MarketingPause> marketingPauses() {
        return replica.read(() -> accountBreaker.pauses(Caller.current().accountId()).stream().map(Views::pause).toList());
    }

    @GetMapping("/api/reputation/sanctions")
    Reports.Sanctions sanctions() {
        return replica.read(() -> reports.sanctions(Caller.current().accountId()));
    }

    @GetMapping(value = "/api/reputation/ledger.csv", produces = "text/csv")
    ResponseEntity<String> ledgerCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return replica.read(() -> csv(store.lines(Caller.current().accountId(), date("from", from), date("to", to))));
    }

    @GetMapping("/api/reputation/hygiene")
    ContactHygiene.InactiveReport inactive(@RequestParam(defaultValue = "100") int limit) {
        return replica.read(() -> hygiene.inactive(Caller.current().accountId(), inactiveSince(), limit));
    }

    /** R-8: every contact inactive beyond the hygiene window leaves all of the account's lists, in one call. */
    @PostMapping("/api/reputation/hygiene/exclude")
    Excluded exclude() {
        Instant since = inactiveSince();
        return new Excluded(since, hygiene.excludeInactive(Caller.current().accountId(), since));
    }

    // ----- the operator's view

    @GetMapping("/api/operator/reputation/accounts")
    List<Reports.AccountStatus> accounts() {
        return replica.read(() -> accounts.list().stream().map(a -> reports.status(a.id())).toList());
    }

    @GetMapping("/api/operator/reputation/accounts/{id}")
    Reports.AccountStatus account(@PathVariable UUID id) {
        return replica.read(() -> reports.status(id));
    }

    @GetMapping("/api/operator/reputation/accounts/{id}/days")
    List<Reports.DayPoint> accountDays(@PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return replica.read(() -> {
            accounts.get(id);
            return days(id, from, to);
        });
    }

    @GetMapping("/api/operator/reputation/accounts/{id}/sanctions")
    Reports.Sanctions accountSanctions(@PathVariable UUID id) {
        return replica.read(() -> reports.sanctions(id));
    }

    @GetMapping("/api/operator/reputation/campaigns/{id}")
    Reports.CampaignView operatorCampaign(@PathVariable UUID id, @RequestParam(defaultValue = "500") int points) {
        return replica.read(() -> reports.campaign(campaigns.find(id).orElseThrow(() -> new NotFound("campaign")), Math.max(1, Math.min(points, 10_000))));
    }

    @GetMapping("/api/operator/reputation/closest")
    List<Reports.Closest> closest(@RequestParam(defaultValue = "20") int limit) {
        return replica.read(() -> reports.closest(Math.max(1, Math.min(limit, 1000))));
    }

    @GetMapping("/api/operator/reputation/incidents")
    List<ReputationStore.Incident> incidents(@RequestParam(required = false) UUID account, @RequestParam(defaultValue = "100") int limit) {
        return replica.read(() -> account == null ? store.allIncidents(Math.max(1, Math.min(limit, 10_000))) : store.incidents(account));
    }

    @PostMapping("/api/operator/reputation/incidents/{id}/reverse")
    ReputationStore.Incident reverse(@PathVariable long id, @RequestBody(required = false) ReasonRequest in) {
        return ladder.reverse(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    @PostMapping("/api/operator/reputation/accounts/{id}/channels/{channel}/reinstate")
    Reports.AccountStatus reinstateChannel(@PathVariable UUID id, @PathVariable String channel,
            @RequestBody(required = false) ReasonRequest in) {
        ladder.reinstateChannel(id, Channel.of(channel), Caller.current().actor(), in == null ? null : in.reason());
        return reports.status(id);
    }

    record SuspendRequest(Instant until, String reason) {}

    /** R-15: the operator suspends a channel of the account until a moment, with a reason (its sending campaigns on it too). */
    @PostMapping("/api/operator/reputation/accounts/{id}/channels/{channel}/suspend")
    Reports.AccountStatus suspendChannel(@PathVariable UUID id, @PathVariable String channel, @RequestBody(required = false) SuspendRequest in) {
        ladder.suspendChannel(id, Channel.of(channel), in == null ? null : in.until(), Caller.current().actor(), in == null ? null : in.reason());
        return reports.status(id);
    }

    /** R-15, issue 19: the operator terminates the account's contract with a reason (the termination charge is booked). */
    @PostMapping("/api/operator/reputation/accounts/{id}/terminate")
    org.fairsend.reputation.ReputationViews.Termination terminate(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        return Views.termination(ladder.terminate(id, Caller.current().actor(), in == null ? null : in.reason()));
    }

    /** The operator reinstates a terminated account with a reason (its termination charge credited). */
    @PostMapping("/api/operator/reputation/accounts/{id}/reinstate")
    org.fairsend.reputation.ReputationViews.Termination reinstate(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        return Views.termination(ladder.reinstate(id, Caller.current().actor(), in == null ? null : in.reason()));
    }

    @GetMapping("/api/operator/reputation/terminations")
    List<org.fairsend.reputation.ReputationViews.Termination> terminations(@RequestParam UUID account) {
        return replica.read(() -> {
            accounts.get(account);
            return store.terminations(account).stream().map(Views::termination).toList();
        });
    }

    @GetMapping("/api/operator/reputation/accounts/{id}/marketing-pauses")
    List<org.fairsend.reputation.ReputationViews.MarketingPause> accountMarketingPauses(@PathVariable UUID id) {
        return replica.read(() -> accountBreaker.pauses(id).stream().map(Views::pause).toList());
    }

    /** R-14 account level: the operator resumes the account's marketing on a channel, with a reason. */
    @PostMapping("/api/operator/reputation/accounts/{id}/channels/{channel}/marketing/resume")
    org.fairsend.reputation.ReputationViews.MarketingPause resumeMarketing(@PathVariable UUID id, @PathVariable String channel,
            @RequestBody(required = false) ReasonRequest in) {
        return Views.pause(accountBreaker.resume(id, Channel.of(channel), Caller.current().actor(), in == null ? null : in.reason()));
    }

    @GetMapping("/api/operator/reputation/ledger")
    List<ReputationStore.LedgerLine> ledger(@RequestParam(required = false) UUID account, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return replica.read(() -> store.lines(account, date("from", from), date("to", to)));
    }

    @GetMapping(value = "/api/operator/reputation/ledger.csv", produces = "text/csv")
    ResponseEntity<String> operatorLedgerCsv(@RequestParam(required = false) UUID account, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return replica.read(() -> csv(store.lines(account, date("from", from), date("to", to))));
    }

    record ReconcileRequest(UUID accountId, UUID campaignId, Boolean fix) {}

    @PostMapping("/api/operator/reputation/reconcile")
    Reconciler.Report reconcile(@RequestBody(required = false) ReconcileRequest in) {
        ReconcileRequest r = in == null ? new ReconcileRequest(null, null, false) : in;
        if (r.accountId() != null) accounts.get(r.accountId());
        return reconciler.reconcile(r.accountId(), r.campaignId(), Boolean.TRUE.equals(r.fix()));
    }

    private List<Reports.DayPoint> days(UUID accountId, String from, String to) {
        LocalDate today = time.dayOf(clock.instant());
        LocalDate f = from == null ? today.minusDays(30) : date("from", from);
        LocalDate t = to == null ? today : date("to", to);
        if (t.isBefore(f)) throw new RuleViolation("to", "range", "to is before from");
        if (f.plusDays(366).isBefore(t)) throw new RuleViolation("from", "range", "at most 366 days at once");
        return reports.days(accountId, f, t);
    }

    private Instant inactiveSince() {
        return clock.instant().atZone(time.zone()).minusMonths(policies.current().policy().hygiene().inactiveMonths()).toInstant();
    }

    private static LocalDate date(String field, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new RuleViolation(field, "date", "a date such as 2026-11-30");
        }
    }

    private static ResponseEntity<String> csv(List<ReputationStore.LedgerLine> lines) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"fairsend-penalties.csv\"").body(Reports.csv(lines));
    }
}
