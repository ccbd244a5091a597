package org.fairsend.contacts.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.OptInType;
import org.fairsend.contacts.ImportFinished;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.fairsend.contacts.internal.ImportStore.Rejection;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.suppression.SuppressionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports contacts from CSV or JSON lines. Every import declares its provenance; bought, rented,
 * exchanged, third-party and harvested lists are refused before anything is read. Each line must carry
 * consent evidence or a prior relationship; lines without (cold prospects), with an invalid address, or for
 * a suppressed address are rejected with their line number while the valid lines are kept. The file is
 * streamed and committed in batches, one transaction each: contacts upserted with one lookup query and
 * batched inserts and updates, consent appended to the ledger with {@code grantAll}, list membership added,
 * and the import's counters moved on so that {@code GET /api/imports/{id}} shows progress.
 */
@Service
class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** Provenances an account may declare. {@code other} needs a description. */
    static final Set<String> ACCEPTED = Set.of("own_form", "shop", "event", "other");
    /** Declared sources that are refused outright. */
    static final Set<String> REFUSED = Set.of("purchased", "bought", "rented", "exchanged", "third_party", "partner",
            "harvested", "scraped", "directory");
    /** A description of an "other" source that names a refused one. */
    private static final Pattern REFUSED_WORDS = Pattern.compile(
            "(?iu)\\b(purchas\\w*|bought|buy|rent\\w*|exchang\\w*|third[ -]part\\w*|scrap\\w*|harvest\\w*|crawl\\w*"
                    + "|achet\\w*|achat|lou[ée]\\w*|location|[ée]chang\\w*|tiers|aspir\\w*|annuaire\\w*|fichier[s]? (?:achet|lou)\\w*)\\b");

    private static final Pattern OFFSET = Pattern.compile("[+-]\\d\\d:?\\d\\d$");

    static final Set<String> KNOWN_COLUMNS = Set.of("email", "phone", "mobile", "first_name", "last_name", "channels",
            "consent_basis", "opt_in_type", "consent_context", "context_detail", "collected_at", "confirmed_at",
            "source_url", "ip", "user_agent", "declaration_text", "subject", "separate", "explicit",
            "relationship_nature", "informed_how", "opt_out_offered", "customer_since", "contract_active");

    private final ImportStore imports;
    private final ContactStore store;
    private final ContactService contacts;
    private final ConsentLedger ledger;
    private final SuppressionGate suppressions;
    private final Attributes attributes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final FairsendProperties props;
    private final int batchSize;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("import-", 0).factory());

    ImportService(ImportStore imports, ContactStore store, ContactService contacts, ConsentLedger ledger,
            SuppressionGate suppressions, Attributes attributes, ApplicationEventPublisher events,
            PlatformTransactionManager txm, JsonMapper json, Clock clock, FairsendProperties props,
            @Value("${fairsend.import.batch-size:5000}") int batchSize) {
        this.imports = imports;
        this.store = store;
        this.contacts = contacts;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.attributes = attributes;
        this.events = events;
        this.tx = new TransactionTemplate(txm);
        this.json = json;
        this.clock = clock;
        this.props = props;
        this.batchSize = Math.max(1, batchSize);
    }

    /** What the caller declares about a file. */
    record Declaration(String format, String provenance, String provenanceDetail, UUID listId) {}

    /**
     * Checks the declaration; a refused source is recorded as a refused import with no rows and no
     * personal data, and answered with a {@link RuleViolation}. Returns the normalised declaration.
     */
    Declaration check(UUID accountId, Declaration d) {
        String format = d.format() == null || d.format().isBlank() ? "csv" : d.format().strip().toLowerCase(Locale.ROOT);
        if (format.equals("ndjson") || format.equals("json")) format = "jsonl";
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw new RuleViolation("format", "enum", "format must be csv or jsonl");
        }
        if (d.provenance() == null || d.provenance().isBlank()) {
            throw new RuleViolation("provenance", "R-6", "every import declares its provenance: own_form, shop, event or other");
        }
        String p = ImportSource.column(d.provenance()).replace("-", "_");
        String detail = d.provenanceDetail() == null || d.provenanceDetail().isBlank() ? null : d.provenanceDetail().strip();
        if (detail != null && detail.length() > 2000) throw new RuleViolation("provenanceDetail", "length", "at most 2000 characters");
        if (REFUSED.contains(p)) refuse(accountId, format, p, d.listId(), "a " + p.replace('_', ' ') + " list");
        if (!ACCEPTED.contains(p)) {
            throw new RuleViolation("provenance", "enum", "provenance must be one of own_form, shop, event, other "
                    + "(purchased, rented, exchanged, third-party and harvested lists are refused: R-6)");
        }
        if (p.equals("other") && detail == null) {
            throw new RuleViolation("provenanceDetail", "required", "describe where the addresses of an 'other' source come from");
        }
        if (detail != null && REFUSED_WORDS.matcher(detail).find()) {
            refuse(accountId, format, p, d.listId(), "a source described as \"" + abbreviate(detail) + "\"");
        }
        if (d.listId() != null) contacts.list(accountId, d.listId());
        return new Declaration(format, p, detail, d.listId());
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private void refuse(UUID accountId, String format, String provenance, UUID listId, String what) {
        Instant now = clock.instant();
        String msg = "imports of " + what + " are refused: lists bought, rented, exchanged, obtained from third parties "
                + "or harvested from the web or directories are not consent (R-6); nothing from the file was stored";
        // recorded outside any transaction the caller may roll back; no file content is kept
        imports.insert(new ImportView(Ids.newId(), accountId, null, format, provenance.length() > 32 ? provenance.substring(0, 32) : provenance,
                null, "refused", 0, 0, 0, msg, now, now));
        throw new RuleViolation("provenance", "R-6", msg);
    }

    /** Creates the import row (status running) for a checked declaration. */
    ImportView create(UUID accountId, Declaration d) {
        ImportView v = new ImportView(Ids.newId(), accountId, d.listId(), d.format(), d.provenance(), d.provenanceDetail(),
                "running", 0, 0, 0, null, clock.instant(), null);
        imports.insert(v);
        return v;
    }

    /** Runs the import in the background; the spooled file is deleted when done. */
    void runInBackground(ImportView v, Path file) {
        executor.submit(() -> {
            try {
                run(v, file, p -> {});
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("could not delete {}", file, e);
                }
            }
        });
    }

    ImportView get(UUID accountId, UUID id) {
        return imports.find(accountId, id).orElseThrow(() -> new NotFound("import"));
    }

    List<ImportView> list(UUID accountId) {
        return imports.list(accountId, 100);
    }

    List<Rejection> rejections(UUID accountId, UUID id, long afterLine, int limit) {
        get(accountId, id);
        return imports.rejections(id, afterLine, limit);
    }

    @EventListener(ApplicationReadyEvent.class)
    void failAbandoned() {
        if (!"serve".equals(props.mode())) return;
        int n = imports.failAbandoned(clock.instant());
        if (n > 0) log.warn("{} import(s) interrupted by the last stop were marked failed", n);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    // ----- the engine

    /**
     * Runs an import to its end; {@code progress} sees the counters after each batch. Two stages overlap: a
     * reader thread parses and validates the next batch (no database needed) while the calling thread writes
     * the previous one in its transaction. At most two batches wait between them, so memory stays flat.
     */
    ImportView run(ImportView v, Path file, Consumer<ImportView> progress) {
        long committed = 0;
        BlockingQueue<Prepared> queue = new ArrayBlockingQueue<>(2);
        Thread reader = Thread.ofVirtual().name("import-read-" + v.id()).start(() -> read(v, file, queue));
        try {
            while (true) {
                Prepared p = queue.take();
                if (p.failure != null) throw p.failure;
                if (p.lines == 0) break; // the end of the file
                write(v, p, committed + 1);
                committed++;
                progress.accept(imports.find(v.id()).orElseThrow());
            }
            end(v, "finished", null);
        } catch (Exception e) {
            reader.interrupt();
            log.warn("import {} failed", v.id(), e);
            String msg = e instanceof RuleViolation rv ? rv.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            end(v, "failed", "the import stopped after " + committed + " committed batch(es): " + msg);
        } finally {
            try {
                while (reader.isAlive()) {
                    queue.clear(); // a reader blocked on a full queue gets its place and sees the interruption
                    reader.join(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return imports.find(v.id()).orElseThrow();
    }

    /** A batch read and checked, ready to be written; {@code lines == 0} ends the file. */
    private record Prepared(int lines, List<Candidate> candidates, List<Rejection> rejections, Exception failure) {}

    /** The reader stage: batches of lines turned into candidates and rejections, then the end (or a failure). */
    private void read(ImportView v, Path file, BlockingQueue<Prepared> queue) {
        Prepared last = new Prepared(0, List.of(), List.of(), null);
        try (ImportSource source = ImportSource.open(file, v.format(), json)) {
            List<ImportSource.Line> batch = new ArrayList<>(batchSize);
            while (source.hasNext()) {
                batch.add(source.next());
                if (batch.size() == batchSize) {
                    queue.put(prepare(v, batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) queue.put(prepare(v, batch));
        } catch (InterruptedException e) {
            return; // the writer failed and stopped reading
        } catch (Exception e) {
            last = new Prepared(0, List.of(), List.of(), e);
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            // the writer is gone
        }
    }

    private void end(ImportView v, String status, String error) {
        tx.executeWithoutResult(s -> {
            imports.finish(v.id(), status, error, clock.instant());
            ImportView now = imports.find(v.id()).orElseThrow();
            events.publishEvent(new ImportFinished(v.accountId(), v.id(), v.listId(), status, now.rowsRead(),
                    now.rowsAccepted(), now.rowsRejected()));
        });
    }

    /** A line that passed the checks that need no database. */
    private static final class Candidate {
        long line;
        String email;
        Addresses.Phone phone;
        String firstName;
        String lastName;
        Map<String, String> attributes;
        EnumSet<Channel> channels;
        ConsentBasis basis;
        Map<Channel, ConsentEvidence> evidence = new LinkedHashMap<>();
        LocalDate customerSince;
        String relationship;
        Boolean contractActive;
        Instant collectedAt;
        Instant confirmedAt;
        String confirmIp;
    }

    private static final class Rejected extends Exception {
        final String field;

        Rejected(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    private Prepared prepare(ImportView v, List<ImportSource.Line> lines) {
        List<Rejection> rejections = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(lines.size());
        for (ImportSource.Line l : lines) {
            try {
                candidates.add(candidate(v, l));
            } catch (Rejected r) {
                rejections.add(new Rejection(l.number(), r.field, r.getMessage()));
            }
        }
        return new Prepared(lines.size(), candidates, rejections, null);
    }

    private void write(ImportView v, Prepared p, long batchNo) {
        List<Rejection> rejections = new ArrayList<>(p.rejections());
        tx.executeWithoutResult(s -> {
            int accepted = apply(v, p.candidates(), rejections);
            rejections.sort(java.util.Comparator.comparingLong(Rejection::line));
            imports.insertRejections(v.id(), rejections);
            imports.progress(v.id(), p.lines(), accepted, rejections.size());
        });
    }

    private Candidate candidate(ImportView v, ImportSource.Line l) throws Rejected {
        if (l.error() != null) throw new Rejected("line", l.error());
        Map<String, String> c = l.columns();
        Candidate k = new Candidate();
        k.line = l.number();
        String rawEmail = c.get("email");
        String rawPhone = c.getOrDefault("phone", c.get("mobile"));
        if (rawEmail != null) {
            var r = Addresses.emailOrError(rawEmail);
            if (!r.ok()) throw new Rejected("email", r.error());
            k.email = r.value();
        }
        if (rawPhone != null) {
            k.phone = Addresses.phoneOrEmpty(rawPhone, ContactService.DEFAULT_REGION).orElseThrow(
                    () -> new Rejected("phone", "not a valid phone number (E.164, or a French number such as 06 12 34 56 78)"));
        }
        if (k.email == null && k.phone == null) throw new Rejected("email", "no email address and no phone number");
        k.firstName = limited(c, "first_name", 200);
        k.lastName = limited(c, "last_name", 200);

        // the channels consented to: given, or what the addresses allow (voice only when stated)
        k.channels = EnumSet.noneOf(Channel.class);
        String channels = c.get("channels");
        if (channels != null) {
            for (String part : channels.split("[,;|\\s]+")) {
                if (part.isBlank()) continue;
                Channel ch;
                try {
                    ch = Channel.valueOf(part.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new Rejected("channels", "unknown channel '" + abbreviate(part) + "': use email, sms, voice");
                }
                if (ch == Channel.EMAIL && k.email == null) throw new Rejected("channels", "email consent without an email address");
                if (ch != Channel.EMAIL && k.phone == null) throw new Rejected("channels", ch.code() + " consent without a phone number");
                k.channels.add(ch);
            }
        } else {
            if (k.email != null) k.channels.add(Channel.EMAIL);
            if (k.phone != null && (k.phone.type().equals("MOBILE") || k.phone.type().equals("FIXED_LINE_OR_MOBILE"))) {
                k.channels.add(Channel.SMS);
            }
        }
        if (k.channels.contains(Channel.SMS) && k.phone != null && !k.phone.type().equals("MOBILE")
                && !k.phone.type().equals("FIXED_LINE_OR_MOBILE")) {
            throw new Rejected("phone", "SMS consent needs a mobile number, this one is " + k.phone.type().toLowerCase(Locale.ROOT));
        }
        if (k.channels.isEmpty()) throw new Rejected("channels", "no channel to record consent for");

        String basis = c.get("consent_basis");
        if (basis == null) {
            throw new Rejected("consent_basis", "no consent evidence and no prior relationship: cold prospects are refused (R-13)");
        }
        try {
            k.basis = ConsentBasis.valueOf(ImportSource.column(basis).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejected("consent_basis", "consent_basis must be opt_in, existing_customer or b2b");
        }
        OptInType optIn = null;
        if (c.get("opt_in_type") != null) {
            try {
                optIn = OptInType.valueOf(c.get("opt_in_type").strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Rejected("opt_in_type", "opt_in_type must be single, confirmed or double");
            }
        }
        CollectionContext context = switch (k.basis) {
            case OPT_IN -> CollectionContext.NEWSLETTER;
            case EXISTING_CUSTOMER -> CollectionContext.PRIOR_RELATIONSHIP;
            case B2B -> CollectionContext.OTHER;
        };
        if (c.get("consent_context") != null) {
            try {
                context = CollectionContext.valueOf(ImportSource.column(c.get("consent_context")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Rejected("consent_context", "consent_context must be draw, newsletter, prior_relationship or other");
            }
        }
        k.customerSince = date(c, "customer_since");
        k.collectedAt = instant(c, "collected_at");
        if (k.collectedAt == null && k.customerSince != null) k.collectedAt = k.customerSince.atStartOfDay(ZoneId.of("Europe/Paris")).toInstant();
        k.confirmedAt = instant(c, "confirmed_at");
        k.confirmIp = c.get("ip");
        if (optIn == OptInType.DOUBLE && k.confirmedAt == null) {
            throw new Rejected("confirmed_at", "a double opt-in without its confirmation time is not consent (R-3)");
        }
        k.relationship = limited(c, "relationship_nature", 500);
        if (c.get("contract_active") != null) k.contractActive = bool(c, "contract_active");
        for (Channel ch : k.channels) {
            String address = ch == Channel.EMAIL ? k.email : k.phone.e164();
            ConsentEvidence e = new ConsentEvidence(ch, address, k.basis, optIn, context, c.get("context_detail"),
                    k.collectedAt, c.get("source_url"), c.get("ip"), c.get("user_agent"), c.get("declaration_text"),
                    c.get("subject"), bool(c, "separate"), bool(c, "explicit"), null, c.get("relationship_nature"),
                    c.get("informed_how"), bool(c, "opt_out_offered"), "import:" + v.id());
            List<Violation> problems = ledger.validate(e);
            if (!problems.isEmpty()) {
                Violation p = problems.getFirst();
                String field = ImportSource.column(p.field());
                throw new Rejected(field, field + ": " + p.message() + " (" + p.rule() + ")");
            }
            k.evidence.put(ch, e);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        c.forEach((key, value) -> {
            if (key.startsWith("attr.")) attrs.put(key.substring(5), value);
            else if (!KNOWN_COLUMNS.contains(key)) attrs.put(key, value);
        });
        int size = 0;
        for (var a : attrs.entrySet()) size += a.getKey().length() + a.getValue().length() + 6;
        if (size > Attributes.MAX_CHARS) throw new Rejected("attributes", "the extra columns exceed " + Attributes.MAX_CHARS + " characters");
        k.attributes = attrs;
        return k;
    }

    private static String limited(Map<String, String> c, String col, int max) throws Rejected {
        String s = c.get(col);
        if (s != null && s.length() > max) throw new Rejected(col, col + " is longer than " + max + " characters");
        return s;
    }

    private static Boolean bool(Map<String, String> c, String col) throws Rejected {
        String s = c.get(col);
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "oui", "x" -> Boolean.TRUE;
            case "false", "no", "n", "0", "non" -> Boolean.FALSE;
            default -> throw new Rejected(col, col + " must be true or false");
        };
    }

    private static LocalDate date(Map<String, String> c, String col) throws Rejected {
        String s = c.get(col);
        if (s == null) return null;
        try {
            return s.length() > 10 ? instantOf(s).atZone(ZoneId.of("Europe/Paris")).toLocalDate() : LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new Rejected(col, col + " is not a date (use 2024-03-31)");
        }
    }

    private static Instant instant(Map<String, String> c, String col) throws Rejected {
        String s = c.get(col);
        if (s == null) return null;
        try {
            return instantOf(s.strip());
        } catch (DateTimeParseException e) {
            throw new Rejected(col, col + " is not a date and time (use ISO 8601: 2024-03-31T14:05:00Z)");
        }
    }

    private static Instant instantOf(String s) {
        if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant();
        if (s.endsWith("Z") || OFFSET.matcher(s).find()) return OffsetDateTime.parse(s).toInstant();
        return LocalDateTime.parse(s.replace(' ', 'T')).atZone(ZoneId.of("Europe/Paris")).toInstant();
    }

    /**
     * Applies a batch's candidates in the current transaction; returns the number accepted and adds to
     * {@code rejections} the lines refused because of what the database holds (suppressions, unsubscribes).
     */
    private int apply(ImportView v, List<Candidate> candidates, List<Rejection> rejections) {
        UUID account = v.accountId();
        Instant now = clock.instant();

        // suppressed addresses: an erased person is never re-imported; other reasons close that channel
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (Candidate k : candidates) {
            if (k.email != null) emails.add(k.email);
            if (k.phone != null) phones.add(k.phone.e164());
        }
        Map<String, SuppressionReason> emailSup = suppressions.reasons(account, Channel.EMAIL, emails);
        Map<String, SuppressionReason> smsSup = suppressions.reasons(account, Channel.SMS, phones);
        Map<String, SuppressionReason> voiceSup = suppressions.reasons(account, Channel.VOICE, phones);

        Map<String, ContactRow> byEmail = new HashMap<>();
        Map<String, ContactRow> byPhone = new HashMap<>();
        for (ContactRow r : store.byAddresses(account, emails, phones)) {
            if (r.email != null) byEmail.put(r.email, r);
            if (r.phone != null) byPhone.put(r.phone, r);
        }
        Map<UUID, ContactRow> created = new LinkedHashMap<>();
        Map<UUID, ContactRow> updated = new LinkedHashMap<>();
        List<Candidate> deferred = new ArrayList<>();
        List<ConsentEvidence> evidence = new ArrayList<>();
        List<Candidate> evidenceOwners = new ArrayList<>();
        Set<UUID> members = new LinkedHashSet<>();
        int accepted = 0;

        for (Candidate k : candidates) {
            // erasure or retention: the person is gone and must stay gone
            SuppressionReason gone = firstGone(k, emailSup, smsSup, voiceSup);
            if (gone != null) {
                rejections.add(new Rejection(k.line, k.email != null && emailSup.containsKey(k.email) ? "email" : "phone",
                        SuppressionGate.describe(gone)));
                continue;
            }
            String closed = null;
            for (Channel ch : List.copyOf(k.channels)) {
                SuppressionReason r = ch == Channel.EMAIL ? emailSup.get(k.email)
                        : (ch == Channel.SMS ? smsSup : voiceSup).get(k.phone.e164());
                if (r != null) {
                    k.channels.remove(ch);
                    closed = SuppressionGate.describe(r) + " (" + ch.code() + ")";
                }
            }
            if (k.channels.isEmpty()) {
                rejections.add(new Rejection(k.line, "channels", closed));
                continue;
            }
            ContactRow e = k.email == null ? null : byEmail.get(k.email);
            ContactRow p = k.phone == null ? null : byPhone.get(k.phone.e164());
            if (e != null && p != null && e != p) {
                deferred.add(k); // the email and the phone belong to two contacts: merged one by one below
                continue;
            }
            ContactRow row = e != null ? e : p;
            boolean isNew = row == null;
            if (isNew) row = contacts.newRow(account, "import:" + v.id(), now);
            String refusal = stoppedChannels(row, k);
            if (refusal != null) {
                rejections.add(new Rejection(k.line, "channels", refusal));
                continue;
            }
            if (isNew) created.put(row.id, row);
            else if (!created.containsKey(row.id)) updated.put(row.id, row);
            if (k.email != null && !k.email.equals(row.email)) {
                if (row.email != null) byEmail.remove(row.email);
                setEmail(row, k.email);
                byEmail.put(k.email, row);
            }
            if (k.phone != null && !k.phone.e164().equals(row.phone)) {
                if (row.phone != null) byPhone.remove(row.phone);
                setPhone(row, k.phone);
                byPhone.put(k.phone.e164(), row);
            }
            fill(row, k, now);
            for (Channel ch : k.channels) {
                evidence.add(k.evidence.get(ch));
                evidenceOwners.add(k);
            }
            members.add(row.id);
            accepted++;
        }
        store.insertAll(new ArrayList<>(created.values()));
        store.updateAll(new ArrayList<>(updated.values()));

        for (Candidate k : deferred) {
            var res = contacts.resolve(account, new ContactService.Addressing(k.email, k.phone), "import:" + v.id(), now);
            ContactRow row = res.row();
            String refusal = stoppedChannels(row, k);
            if (refusal != null) {
                rejections.add(new Rejection(k.line, "channels", refusal));
                continue;
            }
            fill(row, k, now);
            contacts.save(row, res.created());
            for (Channel ch : k.channels) {
                evidence.add(k.evidence.get(ch));
                evidenceOwners.add(k);
            }
            members.add(row.id);
            accepted++;
        }

        List<Long> ids = ledger.grantAll(account, evidence);
        for (int i = 0; i < ids.size(); i++) {
            Candidate k = evidenceOwners.get(i);
            if (k.confirmedAt != null && evidence.get(i).optInType() == OptInType.DOUBLE) {
                ledger.confirm(account, ids.get(i), k.confirmedAt, k.confirmIp, null);
            }
        }

        if (v.listId() != null && !members.isEmpty()) {
            Set<UUID> maybeMembers = new HashSet<>(members);
            maybeMembers.removeAll(created.keySet());
            Set<UUID> already = store.membersAmong(v.listId(), maybeMembers);
            List<UUID> add = new ArrayList<>(members.size());
            for (UUID id : members) if (!already.contains(id)) add.add(id);
            store.insertMembers(v.listId(), add, now);
        }
        return accepted;
    }

    private static SuppressionReason firstGone(Candidate k, Map<String, SuppressionReason> emailSup,
            Map<String, SuppressionReason> smsSup, Map<String, SuppressionReason> voiceSup) {
        List<SuppressionReason> found = new ArrayList<>(3);
        if (k.email != null) found.add(emailSup.get(k.email));
        if (k.phone != null) {
            found.add(smsSup.get(k.phone.e164()));
            found.add(voiceSup.get(k.phone.e164()));
        }
        for (SuppressionReason r : found) if (r == SuppressionReason.ERASED) return r;
        for (SuppressionReason r : found) if (r == SuppressionReason.RETENTION) return r;
        return null;
    }

    /** Drops the channels an import may not re-open; a reason when none is left. */
    private static String stoppedChannels(ContactRow row, Candidate k) {
        String reason = null;
        for (Channel ch : List.copyOf(k.channels)) {
            String st = row.status(ch);
            boolean sameAddress = ch == Channel.EMAIL ? k.email.equals(row.email) : k.phone.e164().equals(row.phone);
            if (sameAddress && SubscriptionState.STOPPED.contains(st)) {
                k.channels.remove(ch);
                reason = "the contact is " + st + " on " + ch.code() + ": an import cannot subscribe it again";
            }
        }
        return k.channels.isEmpty() ? reason : null;
    }

    private static void setEmail(ContactRow row, String email) {
        row.email = email;
        row.status[Channel.EMAIL.ordinal()] = SubscriptionState.NONE;
        row.basis[Channel.EMAIL.ordinal()] = null;
    }

    private static void setPhone(ContactRow row, Addresses.Phone phone) {
        row.phone = phone.e164();
        row.phoneType = phone.type();
        for (Channel c : List.of(Channel.SMS, Channel.VOICE)) {
            row.status[c.ordinal()] = SubscriptionState.NONE;
            row.basis[c.ordinal()] = null;
        }
    }

    private void fill(ContactRow row, Candidate k, Instant now) {
        if (k.firstName != null) row.firstName = k.firstName;
        if (k.lastName != null) row.lastName = k.lastName;
        if (!k.attributes.isEmpty()) row.attributes = attributes.mergeStrings(row.attributes, k.attributes);
        if (k.customerSince != null) row.customerSince = k.customerSince;
        if (k.relationship != null) row.relationship = k.relationship;
        if (k.contractActive != null) row.contractActive = k.contractActive;
        for (Channel ch : k.channels) row.subscription(ch, SubscriptionState.SUBSCRIBED, k.basis.code());
        // consent given is the person's own contact: the retention period runs from it
        if (k.collectedAt != null && (row.lastOwnContactAt == null || k.collectedAt.isAfter(row.lastOwnContactAt))) {
            row.lastOwnContactAt = k.collectedAt.isAfter(now) ? now : k.collectedAt;
        }
        row.retentionFlaggedAt = null;
        row.updatedAt = now;
    }
}
