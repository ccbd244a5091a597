package org.fairsend.calltracking.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fairsend.calltracking.CallTracking.CallStatus;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Figures per medium and period: calls (answered, missed, talk time), forms, emails; calls grouped by
 * geographic zone, by département where the caller prefix tells it, and by line type (fixed, mobile, ...).
 * Groupings come from the stored prefix only. Periods are whole days in the policy's time zone ({@link PolicyTime}). Also the call log
 * and the call-back list, which show callers exactly as stored: masked for a masked account.
 */
@Service("callTrackingReports")
class Reports {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TrackingSetup setup;
    private final PolicyTime time;

    Reports(JdbcClient jdbc, Clock clock, TrackingSetup setup, PolicyTime time) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.setup = setup;
        this.time = time;
    }

    /** A period of whole days in {@code zone}, {@code from} and {@code to} included. */
    record Period(LocalDate from, LocalDate to, ZoneId zone) {
        Instant start() {
            return from.atStartOfDay(zone).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    /** The period of whole policy days from {@code from} to {@code to}. */
    Period period(LocalDate from, LocalDate to) {
        return new Period(from, to, time.zone());
    }

    /** An instant to the minute in the policy's time zone, as mails show it. */
    String minute(Instant at) {
        return MINUTE.format(at.atZone(time.zone()));
    }

    /** The period the parameters name (default: the last 30 days up to today). */
    Period period(String from, String to) {
        LocalDate today = time.today();
        LocalDate t = date(to, "to", today);
        LocalDate f = date(from, "from", t.minusDays(29));
        if (f.isAfter(t)) throw new RuleViolation("from", "range", "from is after to");
        if (f.plusDays(400).isBefore(t)) throw new RuleViolation("from", "range", "a period covers at most 400 days");
        return period(f, t);
    }

    private static LocalDate date(String s, String field, LocalDate fallback) {
        if (s == null || s.isBlank()) return fallback;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new RuleViolation(field, "date", field + " is a date such as 2026-05-31");
        }
    }

    record Counts(long calls, long answered, long missed, long durationSeconds) {
        Counts plus(Counts o) {
            return new Counts(calls + o.calls, answered + o.answered, missed + o.missed, durationSeconds + o.durationSeconds);
        }

        static final Counts ZERO = new Counts(0, 0, 0, 0);
    }

    /**
     * One medium's figures ({@code mediumId} null: calls to numbers attached to no medium; in {@code totals}: all).
     *
     * @param byZone 01..05, or {@code none} for callers whose prefix is not French geographic
     * @param byDepartement only the calls whose prefix tells a département
     */
    record MediumReport(UUID mediumId, String name, String type, long calls, long answered, long missed, long durationSeconds,
            long forms, long emails, Map<String, Counts> byZone, Map<String, Counts> byDepartement, Map<String, Counts> byLineType) {}

    record Report(LocalDate from, LocalDate to, String timeZone, List<MediumReport> media, MediumReport totals) {}

    Report report(UUID accountId, Period p) {
        Timestamp s = Timestamp.from(p.start());
        Timestamp e = Timestamp.from(p.end());
        Map<UUID, String[]> names = new LinkedHashMap<>();
        for (TrackingSetup.Medium m : setup.media(accountId)) names.put(m.id(), new String[] {m.name(), m.type()});
        Map<String, Acc> acc = new LinkedHashMap<>();
        names.keySet().forEach(id -> acc.put(id.toString(), new Acc()));
        Acc total = new Acc();
        jdbc.sql("""
                select medium_id, zone, departement, line_type, count(*) as calls,
                       sum(case when status in (?, ?) then 1 else 0 end) as answered,
                       sum(case when status = ? then 1 else 0 end) as missed,
                       coalesce(sum(duration_seconds), 0) as duration
                from ct_call where account_id = ? and started_at >= ? and started_at < ?
                group by medium_id, zone, departement, line_type""")
                .params(CallStatus.ANSWERED.code(), CallStatus.COMPLETED.code(), CallStatus.MISSED.code(), accountId, s, e)
                .query((ResultSet rs) -> {
                    UUID m = rs.getObject("medium_id", UUID.class);
                    Counts c = new Counts(rs.getLong("calls"), rs.getLong("answered"), rs.getLong("missed"), rs.getLong("duration"));
                    String zone = rs.getString("zone");
                    String dep = rs.getString("departement");
                    String type = rs.getString("line_type");
                    acc.computeIfAbsent(String.valueOf(m), k -> new Acc()).add(c, zone, dep, type);
                    total.add(c, zone, dep, type);
                });
        for (String table : List.of("ct_form_contact", "ct_email_contact")) {
            boolean forms = table.equals("ct_form_contact");
            jdbc.sql("select medium_id, count(*) as n from " + table + " where account_id = ? and received_at >= ? and received_at < ? group by medium_id")
                    .params(accountId, s, e)
                    .query((ResultSet rs) -> {
                        Acc a = acc.computeIfAbsent(String.valueOf(rs.getObject("medium_id", UUID.class)), k -> new Acc());
                        if (forms) a.forms += rs.getLong("n"); else a.emails += rs.getLong("n");
                        if (forms) total.forms += rs.getLong("n"); else total.emails += rs.getLong("n");
                    });
        }
        List<MediumReport> media = new ArrayList<>();
        acc.forEach((key, a) -> {
            UUID id = key.equals("null") ? null : UUID.fromString(key);
            String[] nt = id == null ? new String[] {"(no medium)", null} : names.getOrDefault(id, new String[] {"(unknown medium)", null});
            media.add(a.report(id, nt[0], nt[1]));
        });
        return new Report(p.from(), p.to(), p.zone().getId(), media, total.report(null, "all media", null));
    }

    private static final class Acc {
        Counts all = Counts.ZERO;
        long forms;
        long emails;
        final Map<String, Counts> zones = new TreeMap<>();
        final Map<String, Counts> deps = new TreeMap<>();
        final Map<String, Counts> types = new TreeMap<>();

        void add(Counts c, String zone, String dep, String type) {
            all = all.plus(c);
            zones.merge(zone == null ? "none" : zone, c, Counts::plus);
            if (dep != null) deps.merge(dep, c, Counts::plus);
            types.merge(type, c, Counts::plus);
        }

        MediumReport report(UUID id, String name, String type) {
            return new MediumReport(id, name, type, all.calls(), all.answered(), all.missed(), all.durationSeconds(), forms, emails,
                    zones, deps, types);
        }
    }

    static final String[] CSV_HEADER = {"medium_id", "medium", "medium_type", "grouping", "group", "calls", "answered",
            "missed", "duration_seconds", "forms", "emails"};

    /** The report as CSV, one line per medium and grouping (total, zone, departement, line_type). */
    static String csv(Report r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
            List<MediumReport> all = new ArrayList<>(r.media());
            all.add(r.totals());
            for (MediumReport m : all) {
                String id = m.mediumId() == null ? "" : m.mediumId().toString();
                p.printRecord(id, m.name(), m.type(), "total", "", m.calls(), m.answered(), m.missed(), m.durationSeconds(), m.forms(), m.emails());
                for (var g : List.of(Map.entry("zone", m.byZone()), Map.entry("departement", m.byDepartement()), Map.entry("line_type", m.byLineType()))) {
                    for (var c : g.getValue().entrySet()) {
                        Counts n = c.getValue();
                        p.printRecord(id, m.name(), m.type(), g.getKey(), c.getKey(), n.calls(), n.answered(), n.missed(), n.durationSeconds(), "", "");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The report as an HTML page (the recurring report's body). */
    static String html(Report r, String accountName, String notice) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Call tracking</title></head><body>");
        h.append("<h1>Call tracking: ").append(esc(accountName)).append("</h1><p>").append(r.from()).append(" to ").append(r.to())
                .append(" (").append(r.timeZone()).append(")</p>");
        h.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>medium</th><th>type</th><th>calls</th><th>answered</th>")
                .append("<th>missed</th><th>talk time (s)</th><th>forms</th><th>emails</th></tr>");
        List<MediumReport> all = new ArrayList<>(r.media());
        all.add(r.totals());
        for (MediumReport m : all) {
            h.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(esc(m.type() == null ? "" : m.type())).append("</td><td>")
                    .append(m.calls()).append("</td><td>").append(m.answered()).append("</td><td>").append(m.missed()).append("</td><td>")
                    .append(m.durationSeconds()).append("</td><td>").append(m.forms()).append("</td><td>").append(m.emails()).append("</td></tr>");
        }
        h.append("</table>");
        for (MediumReport m : all) {
            if (m.calls() == 0) continue;
            h.append("<h2>").append(esc(m.name())).append("</h2>");
            groups(h, "zone", m.byZone());
            groups(h, "département", m.byDepartement());
            groups(h, "line type", m.byLineType());
        }
        if (notice != null) h.append("<p><strong>Calling back:</strong> ").append(esc(notice)).append("</p>");
        return h.append("</body></html>").toString();
    }

    private static void groups(StringBuilder h, String title, Map<String, Counts> g) {
        if (g.isEmpty()) return;
        h.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>").append(esc(title))
                .append("</th><th>calls</th><th>answered</th><th>missed</th></tr>");
        g.forEach((k, c) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(c.calls()).append("</td><td>")
                .append(c.answered()).append("</td><td>").append(c.missed()).append("</td></tr>"));
        h.append("</table>");
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }

    // ---- the call log

    record CallView(UUID id, String providerCallId, String trackedNumber, UUID mediumId, String medium, String caller,
            boolean callerMasked, String lineType, String zone, String departement, CallStatus status, Instant startedAt,
            Instant answeredAt, Instant endedAt, Integer durationSeconds, String redirectedTo, Instant callbackDoneAt) {}

    List<CallView> calls(UUID accountId, Period p, UUID mediumId, String status, int limit) {
        StringBuilder sql = new StringBuilder(CALLS + " where c.account_id = ? and c.started_at >= ? and c.started_at < ?");
        List<Object> params = new ArrayList<>(List.of(accountId, Timestamp.from(p.start()), Timestamp.from(p.end())));
        if (mediumId != null) {
            sql.append(" and c.medium_id = ?");
            params.add(mediumId);
        }
        if (status != null && !status.isBlank()) {
            CallStatus wanted = Arrays.stream(CallStatus.values()).filter(c -> c.code().equals(status)).findFirst()
                    .orElseThrow(() -> new RuleViolation("status", "enum", "one of ringing, answered, completed, missed"));
            sql.append(" and c.status = ?");
            params.add(wanted.code());
        }
        sql.append(" order by c.started_at, c.id limit ").append(Math.max(1, Math.min(limit, 100_000)));
        return jdbc.sql(sql.toString()).params(params).query(Reports::call).list();
    }

    /** One call of the account. */
    java.util.Optional<CallView> call(UUID accountId, UUID callId) {
        return jdbc.sql(CALLS + " where c.account_id = ? and c.id = ?").params(accountId, callId).query(Reports::call).optional();
    }

    /** Missed calls not yet called back, for an account that sees full numbers. */
    List<CallView> callbacks(UUID accountId) {
        return jdbc.sql(CALLS + " " + """
                 where c.account_id = ? and c.status = ? and not c.caller_masked and c.caller is not null
                   and c.callback_done_at is null order by c.started_at desc limit 1000""")
                .params(accountId, CallStatus.MISSED.code()).query(Reports::call).list();
    }

    boolean markCalledBack(UUID accountId, UUID callId) {
        return jdbc.sql("update ct_call set callback_done_at = ? where id = ? and account_id = ? and status = ?")
                .params(Timestamp.from(clock.instant()), callId, accountId, CallStatus.MISSED.code()).update() > 0;
    }

    static String callsCsv(List<CallView> calls) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("call_id", "started_at", "tracked_number",
                "medium", "caller", "caller_masked", "line_type", "zone", "departement", "status", "duration_seconds", "redirected_to").get())) {
            for (CallView c : calls) {
                p.printRecord(c.id(), c.startedAt(), c.trackedNumber(), c.medium(), c.caller(), c.callerMasked(), c.lineType(), c.zone(),
                        c.departement(), c.status().code(), c.durationSeconds(), c.redirectedTo());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final String CALLS = """
            select c.*, n.e164, m.name as medium_name from ct_call c join ct_number n on n.id = c.number_id
            left join ct_medium m on m.id = c.medium_id""";

    private static CallView call(ResultSet rs, int i) throws SQLException {
        return new CallView(rs.getObject("id", UUID.class), rs.getString("provider_call_id"), rs.getString("e164"),
                rs.getObject("medium_id", UUID.class), rs.getString("medium_name"), rs.getString("caller"), rs.getBoolean("caller_masked"),
                rs.getString("line_type"), rs.getString("zone"), rs.getString("departement"), CallStatus.of(rs.getString("status")),
                rs.getTimestamp("started_at").toInstant(), ts(rs.getTimestamp("answered_at")), ts(rs.getTimestamp("ended_at")),
                (Integer) rs.getObject("duration_seconds"), rs.getString("redirected_to"), ts(rs.getTimestamp("callback_done_at")));
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
