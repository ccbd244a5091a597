package org.fairsend.accounts.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.fairsend.accounts.RegulatedAccounts;
import org.fairsend.accounts.RegulatedApplicationDecided;
import org.fairsend.accounts.RegulatedCategories;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The regulated-account workflow (R-11, seed 002 §1.3, issue 19), {@link RegulatedAccounts}: applications per theme with
 * their licence and documents, the operator's approval (until a day never after the licence's expiry), rejection and
 * revocation, the approvals in force by the application's {@link Clock} in the policy's time zone, and the expiry job's
 * work (record lapsed approvals, warn the accounts whose approval ends within the policy's warning days). Each step is
 * written with who, when and why in the same transaction as the change. SQL in {@link RegulatedStore}; the notices are
 * {@link RegulatedNotices}.
 */
@Service
class RegulatedApplications implements RegulatedAccounts {

    private final RegulatedStore store;
    private final AccountStore accounts;
    private final ObjectProvider<RegulatedCategories> policy;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RegulatedNotices notices;

    RegulatedApplications(RegulatedStore store, AccountStore accounts, ObjectProvider<RegulatedCategories> policy, Clock clock,
            ApplicationEventPublisher events, RegulatedNotices notices) {
        this.store = store;
        this.accounts = accounts;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        this.notices = notices;
    }

    /** Today in the policy's time zone, by the application's clock: an approval holds through its last day there. */
    LocalDate today() {
        return clock.instant().atZone(policy.getObject().zone()).toLocalDate();
    }

    @Override
    public List<Theme> themes() {
        return policy.getObject().labels().entrySet().stream().map(e -> new Theme(e.getKey(), e.getValue())).toList();
    }

    @Override
    @Transactional
    public Application apply(UUID accountId, NewApplication in, String actor) {
        if (accounts.find(accountId).isEmpty()) throw new NotFound("account");
        if (in == null) throw new RuleViolation("theme", "required", "the theme, authority, licence and documents are required");
        List<Violation> v = new ArrayList<>();
        RegulatedCategories p = policy.getObject();
        Map<String, String> themes = p.labels();
        String theme = in.theme() == null ? "" : in.theme().strip();
        if (theme.isEmpty()) {
            v.add(new Violation("theme", "required", "name the regulated theme (one of: " + String.join(", ", themes.keySet()) + ")"));
        } else if (!themes.containsKey(theme)) {
            // the always-prohibited themes (adult, gambling, drugs...) and unknown ids cannot be approved for anyone
            v.add(new Violation("theme", "R-11", "'" + theme + "' is not a regulated theme an account may apply for; the policy's: "
                    + String.join(", ", themes.keySet())));
        }
        String authority = text(in.authority(), "authority", 200, true, v);
        String licence = text(in.licenceNumber(), "licenceNumber", 100, true, v);
        String note = text(in.note(), "note", 2000, false, v);
        LocalDate expires = date(in.licenceExpiresOn(), "licenceExpiresOn", v);
        if (expires != null && expires.isBefore(today())) {
            v.add(new Violation("licenceExpiresOn", "R-11", "the licence expired on " + expires + ": apply with a licence in force"));
        }
        List<Upload> docs = in.documents() == null ? List.of() : in.documents();
        if (docs.isEmpty()) v.add(new Violation("documents", "required", "attach the licence or registration (PDF, PNG or JPEG)"));
        if (docs.size() > p.maxDocuments()) v.add(new Violation("documents", "R-11", "at most " + p.maxDocuments() + " documents"));
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Checked c = check(docs.get(i), "documents[" + i + "]", p, v);
            if (c != null) checked.add(c);
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        if (store.pending(accountId, theme)) {
            throw new RuleViolation(409, "theme", "pending", "an application for '" + theme + "' already waits for the operator;"
                    + " add documents to it instead");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        store.insert(id, accountId, theme, authority, licence, expires, note, actor, now);
        for (Checked c : checked) store.insertDocument(id, accountId, c.name(), c.type(), c.bytes(), c.sha256(), actor, now);
        store.step(id, accountId, actor, "submitted", State.PENDING, themes.get(theme) + ", " + authority + " licence " + licence
                + " expiring " + expires + ", " + checked.size() + " document(s)", now);
        return get(accountId, id);
    }

    @Override
    @Transactional
    public Application addDocument(UUID accountId, UUID applicationId, Upload document, String actor) {
        RegulatedStore.Row r = own(accountId, applicationId);
        if (state(r) != State.PENDING) {
            throw new RuleViolation(409, "state", "state", "documents are added while the application waits for the operator (it is "
                    + state(r).code() + "); apply again for a renewal");
        }
        RegulatedCategories p = policy.getObject();
        if (store.documentCount(applicationId) >= p.maxDocuments()) {
            throw new RuleViolation("document", "R-11", "at most " + p.maxDocuments() + " documents per application");
        }
        List<Violation> v = new ArrayList<>();
        Checked c = check(document, "document", p, v);
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        Instant now = clock.instant();
        store.insertDocument(applicationId, accountId, c.name(), c.type(), c.bytes(), c.sha256(), actor, now);
        store.step(applicationId, accountId, actor, "document-added", State.PENDING, c.name() + " (" + c.type() + ", " + c.bytes().length + " bytes)", now);
        return get(accountId, applicationId);
    }

    @Override
    public List<Application> list(UUID accountId) {
        return store.ofAccount(accountId).stream().map(this::view).toList();
    }

    @Override
    public Application get(UUID accountId, UUID applicationId) {
        return view(own(accountId, applicationId));
    }

    @Override
    public DocumentContent document(UUID accountId, UUID applicationId, UUID documentId) {
        own(accountId, applicationId);
        return document(applicationId, documentId);
    }

    @Override
    public List<Application> search(State state, UUID accountId, int limit) {
        return store.search(state, accountId, Math.min(Math.max(limit, 1), 1000)).stream().map(this::view).toList();
    }

    @Override
    public Application get(UUID applicationId) {
        return view(store.find(applicationId).orElseThrow(() -> new NotFound("application")));
    }

    @Override
    public DocumentContent document(UUID applicationId, UUID documentId) {
        Document d = store.documents(applicationId).stream().filter(x -> x.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new NotFound("document"));
        return new DocumentContent(d, store.content(applicationId, documentId).orElseThrow(() -> new NotFound("document")));
    }

    @Override
    @Transactional
    public Application approve(UUID applicationId, String actor, String reason, String endsOn) {
        RegulatedStore.Row r = store.lock(applicationId).orElseThrow(() -> new NotFound("application"));
        pending(r);
        List<Violation> v = new ArrayList<>();
        String why = text(reason, "reason", 2000, true, v);
        LocalDate until = endsOn == null || endsOn.isBlank() ? r.licenceExpiresOn() : date(endsOn, "endsOn", v);
        LocalDate today = today();
        if (until != null) {
            if (until.isAfter(r.licenceExpiresOn())) {
                v.add(new Violation("endsOn", "R-11", "an approval never outlasts the licence: at most " + r.licenceExpiresOn()));
            }
            if (until.isBefore(today)) v.add(new Violation("endsOn", "R-11", "the end date " + until + " has passed"));
        }
        if (!themesNow().contains(r.theme())) {
            v.add(new Violation("theme", "R-11", "the policy no longer marks '" + r.theme() + "' as a regulated theme: reject the application"));
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        Instant now = clock.instant();
        for (RegulatedStore.Row old : store.approved(r.accountId(), r.theme())) {
            if (store.end(old.id(), State.SUPERSEDED, actor, "replaced by the approval of application " + r.id(), now)) {
                store.step(old.id(), old.accountId(), actor, "superseded", State.SUPERSEDED, "replaced by application " + r.id(), now);
            }
        }
        if (!store.decide(r.id(), State.APPROVED, actor, why, until, now)) pending(store.find(r.id()).orElseThrow());
        store.step(r.id(), r.accountId(), actor, "approved", State.APPROVED, "until " + until + ": " + why, now);
        events.publishEvent(new RegulatedApplicationDecided(r.id(), r.accountId(), r.theme(), State.APPROVED, why, until, now));
        return get(applicationId);
    }

    @Override
    @Transactional
    public Application reject(UUID applicationId, String actor, String reason) {
        RegulatedStore.Row r = store.lock(applicationId).orElseThrow(() -> new NotFound("application"));
        pending(r);
        List<Violation> v = new ArrayList<>();
        String why = text(reason, "reason", 2000, true, v);
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        Instant now = clock.instant();
        store.decide(r.id(), State.REJECTED, actor, why, null, now);
        store.step(r.id(), r.accountId(), actor, "rejected", State.REJECTED, why, now);
        events.publishEvent(new RegulatedApplicationDecided(r.id(), r.accountId(), r.theme(), State.REJECTED, why, null, now));
        return get(applicationId);
    }

    @Override
    @Transactional
    public Application revoke(UUID applicationId, String actor, String reason) {
        RegulatedStore.Row r = store.lock(applicationId).orElseThrow(() -> new NotFound("application"));
        if (state(r) != State.APPROVED) {
            throw new RuleViolation(409, "state", "state", "only an approval in force can be revoked (this application is " + state(r).code() + ")");
        }
        List<Violation> v = new ArrayList<>();
        String why = text(reason, "reason", 2000, true, v);
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        Instant now = clock.instant();
        store.end(r.id(), State.REVOKED, actor, why, now);
        store.step(r.id(), r.accountId(), actor, "revoked", State.REVOKED, why, now);
        events.publishEvent(new RegulatedApplicationDecided(r.id(), r.accountId(), r.theme(), State.REVOKED, why, r.approvedUntil(), now));
        return get(applicationId);
    }

    @Override
    public List<Approval> inForce(UUID accountId) {
        Map<String, String> labels = policy.getObject().labels();
        return store.inForce(accountId, today()).stream()
                .filter(r -> labels.containsKey(r.theme())) // a theme the policy no longer marks regulated lifts nothing
                .map(r -> new Approval(r.id(), r.accountId(), r.theme(), labels.get(r.theme()), r.authority(), r.licenceNumber(),
                        r.licenceExpiresOn(), r.approvedUntil(), r.decidedBy(), r.decidedAt()))
                .toList();
    }

    @Override
    public Set<String> approvedThemes(UUID accountId) {
        Set<String> themes = new TreeSet<>();
        for (Approval a : inForce(accountId)) themes.add(a.theme());
        return themes;
    }

    /** The themes in force per account, for a list of accounts. */
    Map<UUID, Set<String>> approvedThemes() {
        Set<String> regulated = themesNow();
        Map<UUID, Set<String>> all = store.themesInForce(today());
        all.values().forEach(s -> s.retainAll(regulated));
        return all;
    }

    @Override
    public long pendingCount() {
        return store.pendingCount();
    }

    @Override
    @Transactional
    public Run runExpiry() {
        LocalDate today = today();
        Instant now = clock.instant();
        int expired = 0;
        for (RegulatedStore.Row r : store.lapsed(today)) {
            String why = "the approval ended on " + r.approvedUntil() + " (licence " + r.licenceNumber() + " expiring " + r.licenceExpiresOn()
                    + "): the theme is refused again until a new application is approved";
            if (!store.end(r.id(), State.EXPIRED, "system", why, now)) continue;
            store.step(r.id(), r.accountId(), "system", "expired", State.EXPIRED, why, now);
            events.publishEvent(new RegulatedApplicationDecided(r.id(), r.accountId(), r.theme(), State.EXPIRED, why, r.approvedUntil(), now));
            expired++;
        }
        int warned = 0;
        int days = policy.getObject().expiryWarningDays();
        for (RegulatedStore.Row r : store.toWarn(today, today.plusDays(days))) {
            String error = notices.warn(r, policy.getObject().labels().getOrDefault(r.theme(), r.theme()));
            store.warned(r.id(), now, error);
            if (error == null) {
                store.step(r.id(), r.accountId(), "system", "warned", State.APPROVED, "the account was mailed that the approval ends on "
                        + r.approvedUntil(), now);
                warned++;
            }
        }
        return new Run(warned, expired);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Set<String> themesNow() {
        return policy.getObject().approvable();
    }

    private RegulatedStore.Row own(UUID accountId, UUID applicationId) {
        return store.find(applicationId).filter(r -> r.accountId().equals(accountId)).orElseThrow(() -> new NotFound("application"));
    }

    private void pending(RegulatedStore.Row r) {
        if (r.state() != State.PENDING) {
            throw new RuleViolation(409, "state", "state", "the application was already decided (" + r.state().code() + ")");
        }
    }

    /** The state now: an approval past its last day is expired even before the job records it. */
    private State state(RegulatedStore.Row r) {
        if (r.state() == State.APPROVED && r.approvedUntil() != null && r.approvedUntil().isBefore(today())) return State.EXPIRED;
        return r.state();
    }

    private Application view(RegulatedStore.Row r) {
        String label = policy.getObject().labels().getOrDefault(r.theme(), r.theme());
        return new Application(r.id(), r.accountId(), r.theme(), label, r.authority(), r.licenceNumber(), r.licenceExpiresOn(), r.note(),
                state(r), r.submittedBy(), r.submittedAt(), r.decidedBy(), r.decidedAt(), r.decisionReason(), r.approvedUntil(), r.endedBy(),
                r.endedAt(), r.endReason(), r.warnedAt(), store.documents(r.id()), store.steps(r.id()));
    }

    private static String text(String s, String field, int max, boolean required, List<Violation> v) {
        String t = s == null ? null : s.strip();
        if (t == null || t.isEmpty()) {
            if (required) v.add(new Violation(field, "required", field + " is required"));
            return null;
        }
        if (t.length() > max) v.add(new Violation(field, "length", "at most " + max + " characters"));
        return t;
    }

    private static LocalDate date(String s, String field, List<Violation> v) {
        if (s == null || s.isBlank()) {
            v.add(new Violation(field, "required", field + " is required (yyyy-MM-dd)"));
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "iso-8601", "a date such as 2027-06-30"));
            return null;
        }
    }

    /** A document that passed: its cleaned name, the type sniffed from its bytes, its digest. */
    record Checked(String name, String type, byte[] bytes, String sha256) {}

    private static Checked check(Upload u, String field, RegulatedCategories p, List<Violation> v) {
        if (u == null || u.content() == null || u.content().length == 0) {
            v.add(new Violation(field, "required", "the document is empty"));
            return null;
        }
        if (u.content().length > p.maxDocumentBytes()) {
            v.add(new Violation(field, "size", "at most " + p.maxDocumentBytes() + " bytes (this one has " + u.content().length + ")"));
            return null;
        }
        var type = org.fairsend.platform.Documents.sniff(u.content()).orElse(null);
        if (type == null) {
            v.add(new Violation(field, "type", "a PDF, PNG or JPEG file (judged from its content, not its name)"));
            return null;
        }
        return new Checked(type.safeName(u.fileName(), "document"), type.mediaType(), u.content(), sha256(u.content()));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
