package org.fairsend.contacts.internal;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fairsend.contacts.ContactImports.Format;
import org.fairsend.contacts.ContactImports.Provenance;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * The provenance check of an import, before anything of the file is read: every import declares where
 * its addresses come from; bought, rented, exchanged, third-party and harvested lists, and an "other" source
 * described as one of them, are refused, recorded as a refused import with no rows, and answered with a
 * {@link RuleViolation}.
 */
@Component
class ImportDeclarations {

    /** A description of an "other" source that names a refused one. */
    private static final Pattern REFUSED_WORDS = Pattern.compile(
            "(?iu)\\b(purchas\\w*|bought|buy|rent\\w*|exchang\\w*|third[ -]part\\w*|scrap\\w*|harvest\\w*|crawl\\w*"
                    + "|achet\\w*|achat|lou[ée]\\w*|location|[ée]chang\\w*|tiers|aspir\\w*|annuaire\\w*|fichier[s]? (?:achet|lou)\\w*)\\b");

    private final ImportJobs jobs;
    private final ContactService contacts;

    ImportDeclarations(ImportJobs jobs, ContactService contacts) {
        this.jobs = jobs;
        this.contacts = contacts;
    }

    /** What the caller declares about a file, as typed. */
    record Declaration(String format, String provenance, String provenanceDetail, UUID listId) {}

    /** A declaration that passed the check. */
    record Checked(Format format, Provenance provenance, String provenanceDetail, UUID listId) {}

    /**
     * Checks the declaration; a refused source is recorded as a refused import with no rows and no
     * personal data, and answered with a {@link RuleViolation}. Returns the normalised declaration.
     */
    Checked check(UUID accountId, Declaration d) {
        String f = d.format() == null || d.format().isBlank() ? "csv" : d.format().strip().toLowerCase(Locale.ROOT);
        Format format = switch (f) {
            case "csv" -> Format.CSV;
            case "jsonl", "ndjson", "json" -> Format.JSONL;
            default -> throw new RuleViolation("format", "enum", "format must be csv or jsonl");
        };
        if (d.provenance() == null || d.provenance().isBlank()) {
            throw new RuleViolation("provenance", "R-6", "every import declares its provenance: own_form, shop, event or other");
        }
        String p = ImportSource.column(d.provenance()).replace("-", "_");
        String detail = d.provenanceDetail() == null || d.provenanceDetail().isBlank() ? null : d.provenanceDetail().strip();
        if (detail != null && detail.length() > 2000) throw new RuleViolation("provenanceDetail", "length", "at most 2000 characters");
        Provenance provenance = Provenance.find(p).orElse(null);
        if (provenance != null && !provenance.accepted()) {
            refuse(accountId, new Checked(format, provenance, null, null), "a " + p.replace('_', ' ') + " list");
        }
        if (provenance == null) {
            throw new RuleViolation("provenance", "enum", "provenance must be one of own_form, shop, event, other "
                    + "(purchased, rented, exchanged, third-party and harvested lists are refused: R-6)");
        }
        if (provenance == Provenance.OTHER && detail == null) {
            throw new RuleViolation("provenanceDetail", "required", "describe where the addresses of an 'other' source come from");
        }
        if (detail != null && REFUSED_WORDS.matcher(detail).find()) {
            refuse(accountId, new Checked(format, provenance, null, null), "a source described as \"" + abbreviate(detail) + "\"");
        }
        if (d.listId() != null) contacts.list(accountId, d.listId());
        return new Checked(format, provenance, detail, d.listId());
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private void refuse(UUID accountId, Checked d, String what) {
        String msg = "imports of " + what + " are refused: lists bought, rented, exchanged, obtained from third parties "
                + "or harvested from the web or directories are not consent (R-6); nothing from the file was stored. A partner's"
                + " audience is rented through the platform, never imported: its addresses stay the partner's (GET /api/partners)";
        // recorded outside any transaction the caller may roll back; no file content is kept
        jobs.refused(accountId, d, msg);
        throw new RuleViolation("provenance", "R-6", msg);
    }
}
