package org.fairsend.calltracking.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.fairsend.calltracking.CallTracking;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Service;

/** {@link CallTracking} over the module's services; the same rules and scoping as the REST API. */
@Service
class CallTrackingService implements CallTracking {

    private final TrackingSetup setup;
    private final Reports reports;
    private final NumberPool pool;

    CallTrackingService(TrackingSetup setup, Reports reports, NumberPool pool) {
        this.setup = setup;
        this.reports = reports;
        this.pool = pool;
    }

    @Override
    public Set<String> mediumTypes() {
        return new java.util.TreeSet<>(TrackingSetup.MEDIUM_TYPES);
    }

    @Override
    public List<Medium> media(UUID accountId) {
        return setup.media(accountId).stream().map(CallTrackingService::medium).toList();
    }

    @Override
    public Medium createMedium(UUID accountId, String name, String type) {
        return medium(setup.createMedium(accountId, new TrackingSetup.MediumRequest(name, type)));
    }

    private static Medium medium(TrackingSetup.Medium m) {
        return new Medium(m.id(), m.name(), m.type(), m.formUrl(), m.emailAddress(), m.createdAt(), m.archivedAt());
    }

    @Override
    public List<Line> lines(UUID accountId) {
        return setup.lines(accountId).stream().map(CallTrackingService::line).toList();
    }

    @Override
    public Line configure(UUID accountId, UUID numberId, UUID mediumId, String redirectTo) {
        return line(setup.configure(accountId, numberId, new TrackingSetup.LineRequest(mediumId, redirectTo)));
    }

    private static Line line(TrackingSetup.Line l) {
        return new Line(l.numberId(), l.number(), l.assignedAt(), l.mediumId(), l.mediumName(), l.redirectTo(), l.redirectStatus(),
                l.suspendedReason());
    }

    @Override
    public CallTracking.CallerNumbersMode callerNumbers(UUID accountId) {
        return setup.settings(accountId).callerNumbers();
    }

    @Override
    public List<Call> calls(UUID accountId, String from, String to, int limit) {
        return reports.calls(accountId, reports.period(from, to), null, null, limit).stream()
                .map(c -> new Call(c.id(), c.trackedNumber(), c.medium(), c.caller(), c.callerMasked(), c.lineType(), c.zone(),
                        c.departement(), c.status(), c.startedAt(), c.durationSeconds(), c.redirectedTo()))
                .toList();
    }

    @Override
    public java.util.Optional<Call> call(UUID accountId, UUID callId) {
        return reports.call(accountId, callId).map(c -> new Call(c.id(), c.trackedNumber(), c.medium(), c.caller(), c.callerMasked(), c.lineType(),
                c.zone(), c.departement(), c.status(), c.startedAt(), c.durationSeconds(), c.redirectedTo()));
    }

    @Override
    public Report report(UUID accountId, String from, String to) {
        Reports.Report r = reports.report(accountId, reports.period(from, to));
        return new Report(r.from(), r.to(), r.media().stream().map(CallTrackingService::figures).toList(), figures(r.totals()));
    }

    private static Figures figures(Reports.MediumReport m) {
        Map<String, Counts> zones = new TreeMap<>();
        m.byZone().forEach((k, c) -> zones.put(k, new Counts(c.calls(), c.answered(), c.missed(), c.durationSeconds())));
        return new Figures(m.mediumId(), m.name(), m.calls(), m.answered(), m.missed(), m.forms(), m.emails(), zones);
    }

    @Override
    public List<PoolNumber> pool(String status) {
        return pool.list(status).stream().map(CallTrackingService::number).toList();
    }

    private static PoolNumber number(NumberPool.TrackedNumber n) {
        return new PoolNumber(n.id(), n.e164(), n.country(), n.lineType(), n.status(), n.accountId(), n.quarantineUntil(), n.note());
    }

    @Override
    public List<Assignment> history(UUID numberId) {
        return pool.history(numberId).stream().map(CallTrackingService::assignment).toList();
    }

    private static Assignment assignment(NumberPool.Assignment a) {
        return new Assignment(a.numberId(), a.e164(), a.accountId(), a.assignedAt(), a.assignedBy(), a.assignReason(), a.releasedAt(),
                a.releasedBy(), a.releaseReason());
    }

    @Override
    public Imported importNumbers(List<String> numbers, String note) {
        var r = pool.importNumbers(numbers, note);
        return new Imported(r.imported().stream().map(CallTrackingService::number).toList(), r.alreadyInPool());
    }

    @Override
    public Assignment assign(UUID numberId, UUID accountId, String actor, String reason) {
        if (accountId == null) throw new RuleViolation("accountId", "required", "the account to assign the number to");
        return assignment(pool.assign(numberId, accountId, actor, reason));
    }

    @Override
    public PoolNumber release(UUID numberId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "R-24", "say why: every change of a tracked number is kept in its history");
        }
        return number(pool.release(numberId, actor, reason.strip()));
    }
}
