package org.fairsend.partners.internal;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.ConsentSubjects;
import org.fairsend.consent.OptInType;
import org.fairsend.partners.Partners.ImportResult;
import org.fairsend.partners.Partners.Partner;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.stereotype.Component;

/**
 * The operator's import of a partner's subscribers (issue 19), CSV with a header: {@code email}, {@code collected_at}
 * (ISO-8601), {@code declaration_text} (it must name the partner's advertisers: what the person accepted is offers
 * from them, seed 002 §1.4), {@code source_url}, {@code ip}, {@code opt_in_type} (single, confirmed or double; a
 * double with {@code confirmed_at}, R-3). Every line becomes a grant in the partner's consent ledger with
 * that declaration and the subject "offers from the advertisers of &lt;partner&gt;", and a subscriber on the partner's
 * list. The file is checked whole first: one refused line refuses the file and nothing is written.
 */
@Component
class SubscriberImport {

    static final int MAX_LINES = 50_000;

    private final ConsentLedger ledger;
    private final ConsentSubjects subjects;

    SubscriberImport(ConsentLedger ledger, ConsentSubjects subjects) {
        this.ledger = ledger;
        this.subjects = subjects;
    }

    record Line(ConsentEvidence evidence, Instant confirmedAt) {}

    List<Line> parse(Partner p, String csv) {
        if (csv == null || csv.isBlank()) throw new RuleViolation("body", "required", "send the subscribers as CSV with a header line");
        List<Violation> v = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get().parse(new StringReader(csv))) {
            for (String needed : List.of("email", "collected_at", "declaration_text")) {
                if (!parser.getHeaderMap().containsKey(needed)) v.add(new Violation(needed, "required", "the header has no " + needed + " column"));
            }
            if (!v.isEmpty()) throw new RuleViolation(422, v);
            for (CSVRecord r : parser) {
                if (lines.size() >= MAX_LINES) throw new RuleViolation("body", "size", "at most " + MAX_LINES + " lines per import");
                String at = "line " + (r.getRecordNumber() + 1) + ": ";
                Line line = line(p, r, at, v);
                if (line != null && !seen.add(line.evidence().address())) {
                    v.add(new Violation("email", "duplicate", at + "the address appears twice in the file"));
                } else if (line != null) {
                    lines.add(line);
                }
                if (v.size() >= 100) break;
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new RuleViolation("body", "csv", "the file is not valid CSV: " + e.getMessage());
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        if (lines.isEmpty()) throw new RuleViolation("body", "required", "the file has no subscriber");
        return lines;
    }

    private Line line(Partner p, CSVRecord r, String at, List<Violation> v) {
        var email = Addresses.emailOrError(get(r, "email"));
        if (!email.ok()) {
            v.add(new Violation("email", "email", at + email.error()));
            return null;
        }
        String declaration = get(r, "declaration_text");
        if (declaration == null || !PartnerService.ADVERTISERS.matcher(declaration).find()) {
            v.add(new Violation("declaration_text", "R-6", at + "a partner's subscriber consented to offers from the partner's advertisers:"
                    + " the declaration must say so (\"advertisers\" / \"annonceurs\"); any other list is a bought or rented one (R-6)"));
            return null;
        }
        Instant collected = instant(get(r, "collected_at"), "collected_at", at, v);
        String type = get(r, "opt_in_type");
        OptInType optIn;
        try {
            optIn = type == null ? OptInType.SINGLE : OptInType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add(new Violation("opt_in_type", "R-3", at + "opt_in_type must be single, confirmed or double"));
            return null;
        }
        Instant confirmed = instant(get(r, "confirmed_at"), "confirmed_at", at, v);
        if (optIn == OptInType.DOUBLE && confirmed == null) {
            v.add(new Violation("confirmed_at", "R-3", at + "a double opt-in without its confirmation time is not consent"));
            return null;
        }
        ConsentEvidence e = new ConsentEvidence(Channel.EMAIL, email.value(), ConsentBasis.OPT_IN, optIn, CollectionContext.OTHER,
                "subscriber of the partner " + p.legalName() + " (offers from its advertisers)", collected, get(r, "source_url"), get(r, "ip"),
                null, declaration, "offers from the advertisers of " + p.legalName(), true, true, null, null, null, true,
                "partner:" + p.id());
        for (Violation x : ledger.validate(e)) v.add(new Violation(x.field(), x.rule(), at + x.message()));
        return new Line(e, confirmed);
    }

    /** Records every line (the caller's transaction): a grant, its confirmation for a double opt-in, the subscriber. */
    ImportResult record(Partner p, List<Line> lines) {
        int recorded = 0;
        int already = 0;
        for (Line l : lines) {
            ConsentEvidence e = l.evidence();
            if (ledger.state(p.accountId(), Channel.EMAIL, e.address()).isConsent()) {
                already++;
                continue;
            }
            ConsentRecord rec = ledger.grant(p.accountId(), e);
            if (e.optInType() == OptInType.DOUBLE) ledger.confirm(p.accountId(), rec.id(), l.confirmedAt(), e.ip(), null);
            ConsentState state = ledger.state(p.accountId(), Channel.EMAIL, rec.address());
            subjects.consentChanged(p.accountId(), Channel.EMAIL, rec.address(), state.status(), ConsentBasis.OPT_IN, p.listId(),
                    "partner:" + p.id());
            recorded++;
        }
        return new ImportResult(lines.size(), recorded, already);
    }

    private static String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) return null;
        String s = r.get(column);
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String s, String field, String at, List<Violation> v) {
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "date", at + field + " must be an ISO-8601 instant such as 2026-06-01T10:00:00Z"));
            return null;
        }
    }
}
