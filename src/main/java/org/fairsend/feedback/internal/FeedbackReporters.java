package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fairsend.feedback.FeedbackLoopReporters.Action;
import org.fairsend.feedback.FeedbackLoopReporters.Change;
import org.fairsend.feedback.FeedbackLoopReporters.Definition;
import org.fairsend.platform.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The feedback-loop reporters the operator trusts (docs/ARCHITECTURE.md, "Trust boundaries": a complaint proves itself by a
 * configured reporter). A reporter is a name with the domains whose DKIM signature on a report proves it, and/or the
 * source address ranges its reports come from. Read at every report (few rows; no cache, so a removal holds at once).
 */
@Repository
class FeedbackReporters {

    /** How a reporter is recognised. */
    enum SourceKind {
        /** A domain whose valid DKIM signature ({@code d=} this domain or a subdomain) is on the report. */
        DKIM_DOMAIN,
        /** A CIDR range the SMTP peer's address lies in. */
        IP_RANGE;

        String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static SourceKind of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    record Reporter(long id, String name, List<String> dkimDomains, List<Cidr> sourceRanges, Instant createdAt, String createdBy,
            Instant updatedAt) {}

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final int MAX_SOURCES = 100;
    private static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    FeedbackReporters(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Reporter> all() {
        Map<Long, Reporter> byId = new LinkedHashMap<>();
        jdbc.sql("select id, name, created_at, created_by, updated_at from feedback_reporter order by name")
                .query((rs, n) -> new Reporter(rs.getLong("id"), rs.getString("name"), new ArrayList<>(), new ArrayList<>(),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getTimestamp("updated_at").toInstant()))
                .list().forEach(r -> byId.put(r.id(), r));
        jdbc.sql("select reporter_id, kind, source from feedback_reporter_source order by reporter_id, kind, source").query(rs -> {
            Reporter r = byId.get(rs.getLong("reporter_id"));
            if (r == null) return;
            switch (SourceKind.of(rs.getString("kind"))) {
                case DKIM_DOMAIN -> r.dkimDomains().add(rs.getString("source"));
                case IP_RANGE -> r.sourceRanges().add(Cidr.parse(rs.getString("source")));
            }
        });
        return List.copyOf(byId.values());
    }

    Optional<Reporter> find(long id) {
        return all().stream().filter(r -> r.id() == id).findFirst();
    }

    /** Adds a reporter; {@link RuleViolation} (nothing stored) when the definition is invalid or the name is taken. */
    @Transactional
    Reporter create(Definition d, String actor) {
        Valid v = validate(d);
        Timestamp now = Timestamp.from(clock.instant());
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into feedback_reporter (name, created_at, created_by, updated_at) values (?, ?, ?, ?)")
                    .params(v.name(), now, FeedbackRecorder.cut(actor, 200), now).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw nameTaken(v.name());
        }
        long id = keys.getKey().longValue();
        insertSources(id, v);
        Reporter r = find(id).orElseThrow();
        record(Action.ADDED, r, actor, v.reason());
        return r;
    }

    /** Replaces a reporter's name, domains and ranges; empty when there is no such reporter. */
    @Transactional
    Optional<Reporter> replace(long id, Definition d, String actor) {
        Valid v = validate(d);
        int n;
        try {
            n = jdbc.sql("update feedback_reporter set name = ?, updated_at = ? where id = ?")
                    .params(v.name(), Timestamp.from(clock.instant()), id).update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(v.name());
        }
        if (n == 0) return Optional.empty();
        jdbc.sql("delete from feedback_reporter_source where reporter_id = ?").param(id).update();
        insertSources(id, v);
        Optional<Reporter> r = find(id);
        r.ifPresent(x -> record(Action.REPLACED, x, actor, v.reason()));
        return r;
    }

    /** Removes a reporter; {@link RuleViolation} without a reason, false when there is no such reporter. */
    @Transactional
    boolean delete(long id, String actor, String reason) {
        String why = reason(reason, new ArrayList<>(), true);
        Optional<Reporter> r = find(id);
        if (r.isEmpty()) return false;
        jdbc.sql("delete from feedback_reporter_source where reporter_id = ?").param(id).update();
        jdbc.sql("delete from feedback_reporter where id = ?").param(id).update();
        record(Action.REMOVED, r.get(), actor, why);
        return true;
    }

    /** The changes of a reporter, newest first. */
    List<Change> changes(long id) {
        return jdbc.sql("""
                select action, actor, reason, changed_at, reporter_name, dkim_domains, source_ranges
                from feedback_reporter_change where reporter_id = ? order by id desc""")
                .param(id)
                .query((rs, n) -> new Change(Action.valueOf(rs.getString("action")), rs.getString("actor"), rs.getString("reason"),
                        rs.getTimestamp("changed_at").toInstant(), rs.getString("reporter_name"), lines(rs.getString("dkim_domains")),
                        lines(rs.getString("source_ranges"))))
                .list();
    }

    private void record(Action action, Reporter r, String actor, String reason) {
        jdbc.sql("""
                insert into feedback_reporter_change (reporter_id, reporter_name, action, actor, reason, changed_at, dkim_domains, source_ranges)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.name(), action.name(), FeedbackRecorder.cut(actor, 200), reason, Timestamp.from(clock.instant()),
                        String.join("\n", r.dkimDomains()), String.join("\n", r.sourceRanges().stream().map(Cidr::toString).toList()))
                .update();
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    /** The reason of an operator action: required, at most {@value #MAX_REASON} characters. */
    private static String reason(String given, List<RuleViolation.Violation> errors, boolean alone) {
        String why = given == null ? "" : given.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            errors.add(new RuleViolation.Violation("reason", "required",
                    "say why (at most " + MAX_REASON + " characters): it is recorded with who made the change"));
            if (alone) throw new RuleViolation(422, errors);
        }
        return why;
    }

    private void insertSources(long id, Valid v) {
        for (String domain : v.domains()) {
            jdbc.sql("insert into feedback_reporter_source (reporter_id, kind, source) values (?, ?, ?)")
                    .params(id, SourceKind.DKIM_DOMAIN.code(), domain).update();
        }
        for (Cidr range : v.ranges()) {
            jdbc.sql("insert into feedback_reporter_source (reporter_id, kind, source) values (?, ?, ?)")
                    .params(id, SourceKind.IP_RANGE.code(), range.toString()).update();
        }
    }

    private static RuleViolation nameTaken(String name) {
        return new RuleViolation(409, "name", "unique", "a feedback-loop reporter named '" + name + "' already exists");
    }

    private record Valid(String name, Set<String> domains, Set<Cidr> ranges, String reason) {}

    /** Every problem of a definition at once (problem+json {@code errors}). */
    private static Valid validate(Definition d) {
        List<RuleViolation.Violation> errors = new ArrayList<>();
        String name = d == null || d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new RuleViolation.Violation("name", "required", "name is required (at most 100 characters)"));
        }
        Set<String> domains = new LinkedHashSet<>();
        List<String> givenDomains = d == null || d.dkimDomains() == null ? List.of() : d.dkimDomains();
        for (int i = 0; i < givenDomains.size(); i++) {
            String domain = givenDomains.get(i) == null ? "" : givenDomains.get(i).strip().toLowerCase(Locale.ROOT);
            if (domain.endsWith(".")) domain = domain.substring(0, domain.length() - 1);
            if (isDomain(domain)) domains.add(domain);
            else errors.add(new RuleViolation.Violation("dkimDomains[" + i + "]", "domain",
                    "'" + givenDomains.get(i) + "' is not a domain name, such as fbl.mailbox-provider.example"));
        }
        Set<Cidr> ranges = new LinkedHashSet<>();
        List<String> givenRanges = d == null || d.sourceRanges() == null ? List.of() : d.sourceRanges();
        for (int i = 0; i < givenRanges.size(); i++) {
            try {
                ranges.add(Cidr.parse(givenRanges.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new RuleViolation.Violation("sourceRanges[" + i + "]", "cidr", e.getMessage()));
            }
        }
        if (givenDomains.isEmpty() && givenRanges.isEmpty()) {
            errors.add(new RuleViolation.Violation("dkimDomains", "required",
                    "a reporter needs at least one DKIM domain or one source range (sourceRanges): otherwise nothing proves its reports"));
        }
        if (givenDomains.size() + givenRanges.size() > MAX_SOURCES) {
            errors.add(new RuleViolation.Violation("sourceRanges", "size", "at most " + MAX_SOURCES + " domains and ranges per reporter"));
        }
        for (Cidr r : ranges) {
            if (r.prefix() == 0) {
                errors.add(new RuleViolation.Violation("sourceRanges", "cidr", r + " is every address: it would trust anyone"));
            }
        }
        String why = reason(d == null ? null : d.reason(), errors, false);
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        return new Valid(name, domains, ranges, why);
    }

    static boolean isDomain(String d) {
        if (d.isEmpty() || d.length() > 253) return false;
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) return false;
        for (String l : labels) if (!LABEL.matcher(l).matches()) return false;
        return TLD.matcher(labels[labels.length - 1]).matches();
    }
}
