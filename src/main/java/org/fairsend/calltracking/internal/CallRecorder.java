package org.fairsend.calltracking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.calltracking.CallTracking.CallStatus;
import org.fairsend.calltracking.CallTracking.RedirectStatus;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Codes;
import org.fairsend.platform.Ids;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the telephony provider's call events. One row per provider call id: each event (started,
 * answered, ended with its duration, missed) fills in its part, so a repeated or late event changes nothing
 * it should not. The call counts for the account that held the tracked number when the call started, under
 * the medium the number then stood for. The caller number goes through {@link CallerNumbers} first.
 */
@Service
class CallRecorder {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallRecorder.class);

    /** The provider's events, by their code on the wire ({@code call.started}, ...). */
    enum EventType {
        STARTED, ANSWERED, ENDED, MISSED;

        String code() {
            return "call." + Codes.code(this);
        }

        /** The event of that code; a 400 on field {@code event} naming the codes otherwise. */
        static EventType of(String code) {
            for (EventType t : values()) if (t.code().equals(code)) return t;
            throw new RuleViolation("event", "provider", "one of " + new java.util.TreeSet<>(Arrays.stream(values()).map(EventType::code).toList()));
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NumberPool pool;
    private final TrackingSetup setup;
    private final ZoneWatch zones;
    private final AccountDirectory accounts;
    private final org.springframework.context.ApplicationEventPublisher events;

    CallRecorder(JdbcClient jdbc, Clock clock, NumberPool pool, TrackingSetup setup, ZoneWatch zones, AccountDirectory accounts,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.pool = pool;
        this.setup = setup;
        this.zones = zones;
        this.accounts = accounts;
    }

    /** One provider event. {@code toString} leaves the caller out: it is never logged. */
    record ProviderEvent(String event, String callId, String from, String to, Instant at, Integer duration) {
        @Override
        public String toString() {
            return "ProviderEvent[" + event + ", " + callId + "]";
        }
    }

    /**
     * What the provider is told: for a started call, where to forward it ({@code forward} with the number) or
     * {@code reject} with the reason (unassigned number, no or suspended redirection).
     */
    record Outcome(String callId, CallStatus status, String action, String forwardTo, String reason) {}

    @Transactional
    Outcome record(ProviderEvent e) {
        EventType event = EventType.of(e.event());
        if (e.callId() == null || e.callId().isBlank() || e.callId().length() > 100) {
            throw new RuleViolation("callId", "provider", "the provider's call id (1 to 100 characters) is required");
        }
        if (e.duration() != null && (e.duration() < 0 || e.duration() > 86_400)) throw new RuleViolation("duration", "provider", "seconds, 0 to 86400");
        String to = Addresses.phoneOrEmpty(e.to(), "FR").map(Addresses.Phone::e164)
                .orElseThrow(() -> new RuleViolation("to", "phone", "the tracked number called is not a valid phone number"));
        NumberPool.TrackedNumber number = pool.findByE164(to)
                .orElseThrow(() -> new RuleViolation(404, "to", "pool", "not a tracked number of this platform"));
        Instant at = e.at() == null ? clock.instant() : e.at();

        Optional<Row> existing = jdbc.sql("select * from ct_call where provider_call_id = ? for update").param(e.callId())
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        CallStatus.of(rs.getString("status")), rs.getTimestamp("started_at").toInstant(), ts(rs.getTimestamp("answered_at")),
                        ts(rs.getTimestamp("ended_at")), (Integer) rs.getObject("duration_seconds"), rs.getString("redirected_to")))
                .optional();
        Row row;
        if (existing.isEmpty()) {
            Instant started = event == EventType.ENDED && e.duration() != null ? at.minusSeconds(e.duration()) : at;
            Optional<NumberPool.Assignment> held = pool.heldAt(number.id(), started);
            UUID account = held.map(NumberPool.Assignment::accountId).orElse(null);
            // the setting is applied before anything about the caller is stored; unowned calls are masked
            CallerNumbers.Stored caller = CallerNumbers.apply(e.from(), account != null && setup.fullNumbers(account));
            String redirect = held.filter(a -> a.redirectStatus() == RedirectStatus.ACTIVE).map(NumberPool.Assignment::redirectTo).orElse(null);
            if (redirect != null && held.get().releasedAt() == null
                    && !setup.verdict(accounts.get(account), redirect).allowed()) {
                // the rules changed since the redirection was set (the 09 policy, or a zone change not yet applied):
                // R-23 says refused or suspended, so the account's redirections are checked again now
                zones.recheck(account);
                redirect = null;
            }
            UUID id = Ids.newId();
            jdbc.sql("""
                    insert into ct_call (id, provider_call_id, number_id, assignment_id, account_id, medium_id, caller, caller_masked,
                        caller_prefix, line_type, zone, departement, status, started_at, redirected_to, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, e.callId(), number.id(), held.map(NumberPool.Assignment::id).orElse(null), account,
                            held.map(NumberPool.Assignment::mediumId).orElse(null), caller.caller(), caller.masked(), caller.prefix(),
                            caller.lineType(), caller.zone(), caller.departement(), CallStatus.RINGING.code(), Timestamp.from(started), redirect,
                            Timestamp.from(clock.instant()))
                    .update();
            row = new Row(id, account, CallStatus.RINGING, started, null, null, null, redirect);
        } else {
            row = existing.get();
        }
        Row next = apply(row, event, at, e.duration());
        jdbc.sql("""
                update ct_call set status = ?, started_at = ?, answered_at = ?, ended_at = ?, duration_seconds = ?, updated_at = ?
                where id = ?""")
                .params(next.status().code(), Timestamp.from(next.startedAt()), tsOrNull(next.answeredAt()), tsOrNull(next.endedAt()),
                        next.duration(), Timestamp.from(clock.instant()), row.id())
                .update();
        log.debug("call {} to {}: {} -> {}", e.callId(), to, e.event(), next.status());
        // issue 20: an account's call that reached its outcome (completed or missed), in this transaction; a repeated
        // event that changes nothing publishes nothing. No caller in it (R-25: readers take the stored one)
        boolean ended = next.status() == CallStatus.COMPLETED || next.status() == CallStatus.MISSED;
        if (row.accountId() != null && ended && next.status() != row.status()) {
            var held = jdbc.sql("select m.id, m.name from ct_call c left join ct_medium m on m.id = c.medium_id where c.id = ?").param(row.id())
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).single();
            events.publishEvent(new org.fairsend.calltracking.CallRecorded(row.id(), row.accountId(), to, (UUID) held[0], (String) held[1],
                    next.status(), next.startedAt(), next.answeredAt(), next.endedAt(), next.duration() == null ? 0 : next.duration()));
        }
        if (event != EventType.STARTED) return new Outcome(e.callId(), next.status(), null, null, null);
        if (row.accountId() == null) return new Outcome(e.callId(), next.status(), "reject", null, "the number is not assigned");
        if (row.redirectedTo() == null) return new Outcome(e.callId(), next.status(), "reject", null, "no active redirection (R-23)");
        return new Outcome(e.callId(), next.status(), "forward", row.redirectedTo(), null);
    }

    private record Row(UUID id, UUID accountId, CallStatus status, Instant startedAt, Instant answeredAt, Instant endedAt,
            Integer duration, String redirectedTo) {}

    /** The state after one more event; the same event twice gives the same state. */
    private static Row apply(Row r, EventType event, Instant at, Integer duration) {
        Instant started = r.startedAt();
        Instant answered = r.answeredAt();
        Instant ended = r.endedAt();
        Integer secs = r.duration();
        CallStatus status = r.status();
        switch (event) {
            case STARTED -> {
                if (at.isBefore(started)) started = at;
            }
            case ANSWERED -> {
                if (answered == null || at.isBefore(answered)) answered = at;
                if (status != CallStatus.COMPLETED) status = CallStatus.ANSWERED;
            }
            case ENDED -> {
                ended = at;
                if (duration != null) secs = duration;
                if (answered == null && secs != null && secs > 0) answered = at.minusSeconds(secs);
                status = answered != null ? CallStatus.COMPLETED : CallStatus.MISSED;
                if (status == CallStatus.MISSED) secs = 0;
            }
            case MISSED -> {
                if (ended == null) ended = at;
                if (answered == null) {
                    status = CallStatus.MISSED;
                    secs = 0;
                }
            }
        }
        return new Row(r.id(), r.accountId(), status, started, answered, ended, secs, r.redirectedTo());
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp tsOrNull(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
