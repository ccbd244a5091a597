package org.fairsend.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.consent.ChainReport;
import org.fairsend.consent.CollectionContext;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentRecord.Action;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.BulkInsert;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger on the database. Appends lock the account's chain head row ({@code SELECT ... FOR UPDATE}),
 * so concurrent appends of one account serialise while accounts proceed in parallel; a batch takes the
 * lock once.
 *
 * <p>R-4: the chain is keyed. {@code content_hash} is the SHA-256 of the record's canonical text (version 2), which
 * holds the keyed address hash and the keyed hash of the personal data ({@code personal_hash}, a MAC for the purpose
 * {@value #PERSONAL}); {@code chain_hash} is the MAC for the purpose {@value #CHAIN} of the previous chain hash and
 * this content. Someone who can write the database but does not hold the platform secret cannot recompute a link; the
 * heads are also anchored outside the database ({@link ChainAnchor}), which catches even a rewrite made with the key.
 * An account chained the old way (unkeyed SHA-256) is checked, then re-chained once ({@link #upgrade}).
 */
@Service
class JdbcConsentLedger implements ConsentLedger {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcConsentLedger.class);

    static final String GENESIS = "0".repeat(64);
    static final String CHAIN = "consent-chain";
    static final String PERSONAL = "consent-personal";
    /** The canonical text's version of the keyed chain (1: the unkeyed chain before issue 15). */
    static final int VERSION = 2;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;
    private final BulkInsert bulk;
    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final EvidenceValidator evidence;
    private final JdbcConsentScopes scopes;
    private final Checkpoints checkpoints;
    private final org.fairsend.platform.FairsendProperties.Mode mode;
    private final org.springframework.transaction.support.TransactionTemplate writeTx;
    private final org.springframework.transaction.support.TransactionTemplate readTx;

    private final java.util.concurrent.atomic.AtomicLong appendedSinceAnalyze = new java.util.concurrent.atomic.AtomicLong();
    private static final long ANALYZE_MIN = 50_000;
    private final java.util.concurrent.atomic.AtomicLong analyzeAfter = new java.util.concurrent.atomic.AtomicLong(ANALYZE_MIN);
    private final boolean postgres;

    JdbcConsentLedger(JdbcClient jdbc, JdbcTemplate template, Clock clock, org.fairsend.platform.Database database,
            org.fairsend.platform.Pseudonyms pseudonyms, Checkpoints checkpoints,
            org.springframework.transaction.PlatformTransactionManager txm, org.fairsend.platform.FairsendProperties platform,
            EvidenceValidator evidence, JdbcConsentScopes scopes) {
        this.evidence = evidence;
        this.scopes = scopes;
        this.mode = platform.mode();
        this.pseudonyms = pseudonyms;
        this.checkpoints = checkpoints;
        this.writeTx = new org.springframework.transaction.support.TransactionTemplate(txm);
        this.writeTx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readTx = new org.springframework.transaction.support.TransactionTemplate(txm);
        this.readTx.setReadOnly(true);
        this.postgres = database.isPostgres();
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
        this.bulk = new BulkInsert(template, database);
    }

    private static final List<String> RECORD_COLUMNS = List.of("account_id", "seq", "channel", "action", "basis",
            "opt_in_type", "context", "context_detail", "collected_at", "recorded_at", "source_url", "declaration_text",
            "subject", "separate_consent", "explicit_consent", "relationship_nature", "informed_how", "opt_out_offered",
            "refers_to", "provenance", "address_hash", "personal_hash", "content_hash", "prev_hash", "chain_hash", "role",
            "relationship_since");
    private static final List<String> PERSONAL_COLUMNS = List.of("account_id", "seq", "address", "ip", "user_agent", "screenshot", "referer");

    /** A record about to be appended: everything but its position in the chain. */
    private record Draft(Channel channel, Action action, ConsentBasis basis, OptInType optInType, CollectionContext context,
            String contextDetail, Instant collectedAt, Instant recordedAt, String sourceUrl, String declarationText,
            String subject, Boolean separateConsent, Boolean explicit, String relationshipNature, String informedHow,
            Boolean optOutOffered, Long refersTo, String provenance, String address, String ip, String userAgent,
            String screenshot, String role, java.time.LocalDate relationshipSince, String referer, String addressHash) {}

    @Override
    public List<RuleViolation.Violation> validate(ConsentEvidence e) {
        return evidence.check(e);
    }

    @Override
    @Transactional
    public ConsentRecord grant(UUID accountId, ConsentEvidence e) {
        List<RuleViolation.Violation> problems = validate(e);
        if (!problems.isEmpty()) throw new RuleViolation(422, problems);
        long seq = append(accountId, List.of(draft(e))).getFirst();
        return bySeq(accountId, seq);
    }

    @Override
    @Transactional
    public List<Long> grantAll(UUID accountId, List<ConsentEvidence> evidence) {
        if (evidence.isEmpty()) return List.of();
        List<Draft> drafts = new ArrayList<>(evidence.size());
        for (ConsentEvidence e : evidence) drafts.add(draft(e, requireNormalized(e)));
        List<Long> seqs = append(accountId, drafts);
        if (postgres && appendedSinceAnalyze.addAndGet(drafts.size()) > analyzeAfter.get()) {
            // after a large import the look-ups by address (evidence packs, why-you-receive-this) need statistics;
            // once the table has doubled since the last ANALYZE (at least 50,000 records): an import of a million
            // rows analyses 6 times, not 40 (each ANALYZE reads a sample of 30,000 rows: a second on this machine)
            appendedSinceAnalyze.set(0);
            jdbc.sql("analyze consent_record").update();
            jdbc.sql("analyze consent_personal").update();
            Long rows = jdbc.sql("select reltuples::bigint from pg_class where oid = 'consent_record'::regclass").query(Long.class).single();
            analyzeAfter.set(Math.max(ANALYZE_MIN, rows == null ? 0 : rows));
        }
        return jdbc.sql("select id from consent_record where account_id = ? and seq between ? and ? order by seq")
                .params(accountId, seqs.getFirst(), seqs.getLast()).query(Long.class).list();
    }

    private Draft draft(ConsentEvidence e) {
        return draft(e, Addresses.normalize(e.channel(), e.address(), "address"));
    }

    /**
     * {@link #grantAll}'s contract: the evidence was validated (which parsed the address) and the address is
     * normalised, so it is not parsed a third time; a cheap check of its form catches a caller that did not.
     */
    private static String requireNormalized(ConsentEvidence e) {
        String a = e.address();
        boolean ok = a != null && switch (e.channel().addressKind()) {
            case EMAIL -> Addresses.looksNormalizedEmail(a);
            case PHONE -> Addresses.looksE164(a);
        };
        if (!ok) throw new IllegalArgumentException("grantAll needs normalised addresses (validate the evidence first)");
        return a;
    }

    private Draft draft(ConsentEvidence e, String address) {
        // the immutable part keeps the page's address only; its query string and fragment (which may carry the
        // person's address or a tracking id: ?email=...) go to the erasable part, as the form's Referer does
        String sourceUrl = pageOnly(e.sourceUrl());
        String referer = e.referer();
        if (referer == null && e.sourceUrl() != null && !e.sourceUrl().equals(sourceUrl)) referer = e.sourceUrl();
        return new Draft(e.channel(), Action.GRANT, e.basis(), e.optInType(), e.context(), e.contextDetail(),
                e.collectedAt(), clock.instant(), sourceUrl, e.declarationText(), e.subject(), e.separateConsent(),
                e.explicit(), e.relationshipNature(), e.informedHow(), e.optOutOffered(), null,
                e.provenance() == null ? "api" : e.provenance(), address, e.ip(), e.userAgent(), e.screenshot(), e.role(),
                e.relationshipSince(), referer, null);
    }

    /** A URL without its query string and fragment (X-5: what may identify the person stays erasable). */
    static String pageOnly(String url) {
        if (url == null) return null;
        int cut = url.length();
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        if (q >= 0) cut = q;
        if (f >= 0 && f < cut) cut = f;
        return url.substring(0, cut);
    }

    @Override
    @Transactional
    public ConsentRecord confirm(UUID accountId, long grantId, Instant at, String ip, String userAgent) {
        // lock the chain first: two simultaneous confirmations of one grant must not both pass the check below
        lockHead(accountId);
        ConsentRecord grant = find(accountId, grantId).orElseThrow(() -> new NotFound("consent record"));
        if (grant.action() != Action.GRANT || grant.optInType() != OptInType.DOUBLE) {
            throw new RuleViolation(409, "grantId", "R-3", "only a double opt-in grant can be confirmed");
        }
        if (grant.address() == null) throw new RuleViolation(410, "grantId", "X-5", "the person's data was erased");
        ConsentState state = state(accountId, grant.channel(), grant.address());
        if (!state.awaits(grantId)) {
            throw new RuleViolation(409, "grantId", "R-3",
                    state.isConsent() && grantId(state).equals(grantId)
                            ? "this subscription is already confirmed"
                            : "this subscription request is no longer pending");
        }
        Draft d = new Draft(grant.channel(), Action.CONFIRM, grant.basis(), grant.optInType(), grant.context(),
                grant.contextDetail(), at, clock.instant(), grant.sourceUrl(), grant.declarationText(), grant.subject(),
                grant.separateConsent(), grant.explicit(), grant.relationshipNature(), grant.informedHow(),
                grant.optOutOffered(), grantId, grant.provenance(), grant.address(), ip, userAgent, null, grant.role(),
                grant.relationshipSince(), null, null);
        return bySeq(accountId, append(accountId, List.of(d)).getFirst());
    }

    private static Long grantId(ConsentState s) {
        return s.grantId() == null ? -1L : s.grantId();
    }

    @Override
    @Transactional
    public ConsentRecord withdraw(UUID accountId, Channel channel, String address, String provenance, Instant at) {
        String normalized = Addresses.normalize(channel, address, "address");
        ConsentState state = state(accountId, channel, normalized);
        Draft d = new Draft(channel, Action.WITHDRAW, state.basis() == null ? ConsentBasis.OPT_IN : state.basis(), null,
                CollectionContext.OTHER, null, at == null ? clock.instant() : at, clock.instant(), null, null, null, null,
                null, null, null, null, state.grantId(), provenance == null ? "api" : provenance, normalized, null, null, null,
                null, null, null, null);
        return bySeq(accountId, append(accountId, List.of(d)).getFirst());
    }

    /** Appends drafts at the end of the account's chain; returns their sequence numbers. */
    private List<Long> append(UUID accountId, List<Draft> drafts) {
        return appendAfter(accountId, lockHead(accountId), drafts);
    }

    /** Appends after {@code head}, which the caller holds locked. */
    private List<Long> appendAfter(UUID accountId, Head head, List<Draft> drafts) {
        // each record's content hash depends only on its own fields and its position (seq), both known once the head
        // is locked: computed in parallel (a large batch: an import); the chain itself is linked in order below
        // (the key is loaded here first, in the caller's transaction, should this be its first use)
        pseudonyms.mac(CHAIN, "");
        List<Hashed> hashed = org.fairsend.platform.Parallel.map(drafts.size(), i -> hash(accountId, head.seq + 1 + i, drafts.get(i)));
        long seq = head.seq;
        String prev = head.chainHash;
        List<Object[]> records = new ArrayList<>(drafts.size());
        List<Object[]> personal = new ArrayList<>(drafts.size());
        List<Long> seqs = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            Hashed h = hashed.get(i);
            seq++;
            String chain = link(prev, h.content());
            records.add(new Object[] {accountId, seq, d.channel().code(), d.action().code(), d.basis().code(),
                code(d.optInType()), d.context().code(), d.contextDetail(), h.collected(), h.recorded(),
                d.sourceUrl(), d.declarationText(), d.subject(), d.separateConsent(), d.explicit(), d.relationshipNature(),
                d.informedHow(), d.optOutOffered(), d.refersTo(), d.provenance(), h.addressHash(), h.personalHash(),
                h.content(), prev, chain, d.role(), d.relationshipSince()});
            if (d.address() != null) personal.add(new Object[] {accountId, seq, d.address(), d.ip(), d.userAgent(), d.screenshot(), d.referer()});
            seqs.add(seq);
            prev = chain;
        }
        bulk.insert("consent_record", RECORD_COLUMNS, records);
        if (!personal.isEmpty()) bulk.insert("consent_personal", PERSONAL_COLUMNS, personal);
        jdbc.sql("update consent_chain_head set seq = ?, chain_hash = ? where account_id = ?").params(seq, prev, accountId).update();
        return seqs;
    }

    /** What a record's chain link is computed from: its hashes and its times as stored (microseconds). */
    private record Hashed(String addressHash, String personalHash, Instant collected, Instant recorded, String content) {}

    /** The hashes of a draft at position {@code seq}: safe to call from several threads (no shared state). */
    private Hashed hash(UUID accountId, long seq, Draft d) {
        boolean personalData = d.address() != null;
        String addressHash = personalData ? pseudonyms.address(d.address()) : d.addressHash();
        // an erase record holds no personal data: its personal hash is the MAC of nothing
        String personalHash = personalData ? personalHash(d.address(), d.ip(), d.userAgent(), d.screenshot(), d.referer())
                : pseudonyms.mac(PERSONAL, "none");
        Instant collected = Canonical.micros(d.collectedAt());
        Instant recorded = Canonical.micros(d.recordedAt());
        String content = Hashing.sha256Hex(canonical(VERSION, accountId, seq, d.channel().code(), d.action().code(),
                d.basis().code(), code(d.optInType()), d.context().code(), d.contextDetail(), collected, recorded,
                d.sourceUrl(), d.declarationText(), d.subject(), d.separateConsent(), d.explicit(),
                d.relationshipNature(), d.informedHow(), d.optOutOffered(), d.refersTo(), d.provenance(), addressHash,
                personalHash, d.role(), d.relationshipSince()));
        return new Hashed(addressHash, personalHash, collected, recorded, content);
    }

    private record Head(long seq, String chainHash, int version) {}

    /** Locks the account's head (creating it), re-chaining the account first if it is still chained the old way. */
    private Head lockHead(UUID accountId) {
        Optional<Head> head = selectHeadForUpdate(accountId);
        if (head.isPresent()) return head.get().version() < VERSION ? upgrade(accountId, head.get()) : head.get();
        try {
            // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): a racing creator does not abort us
            jdbc.sql("insert into consent_chain_head (account_id, seq, chain_hash, chain_version) values (?, 0, ?, ?) on conflict do nothing")
                    .params(accountId, GENESIS, VERSION).update();
        } catch (org.springframework.dao.DataIntegrityViolationException noAccount) {
            throw new NotFound("account");
        }
        Head created = selectHeadForUpdate(accountId).orElseThrow();
        return created.version() < VERSION ? upgrade(accountId, created) : created;
    }

    /**
     * Locks the account's chain head, if it has one, until the end of the caller's transaction: flows that
     * check then append (a double opt-in confirmation) serialise on it.
     */
    void lockChain(UUID accountId) {
        selectHeadForUpdate(accountId);
    }

    private Optional<Head> selectHeadForUpdate(UUID accountId) {
        return jdbc.sql("select seq, chain_hash, chain_version from consent_chain_head where account_id = ? for update").param(accountId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getInt(3))).optional();
    }

    /** the link of a record to the previous one, keyed (nobody without the install's key can recompute it). */
    String link(String prev, String content) {
        return pseudonyms.mac(CHAIN, prev + content);
    }

    /** The keyed hash of a record's personal data (the plain address is in it: unkeyed, it could be brute-forced). */
    String personalHash(String address, String ip, String userAgent, String screenshot, String referer) {
        return pseudonyms.mac(PERSONAL, personalText(address, ip, userAgent, screenshot, referer));
    }

    static String personalText(String address, String ip, String userAgent, String screenshot, String referer) {
        Canonical c = new Canonical().put("address", address).put("ip", ip).put("userAgent", userAgent).put("screenshot", screenshot);
        if (referer != null) c.put("referer", referer);
        return c.text();
    }

    /**
     * The canonical text of a record. Version 1 (the unkeyed chain) left {@code role} and {@code relationshipSince}
     * out when unset; version 2 always has them.
     */
    static String canonical(int version, UUID account, long seq, String channel, String action, String basis, String optInType,
            String context, String contextDetail, Instant collectedAt, Instant recordedAt, String sourceUrl,
            String declarationText, String subject, Boolean separate, Boolean explicit, String relationshipNature,
            String informedHow, Boolean optOutOffered, Long refersTo, String provenance, String addressHash,
            String personalHash, String role, java.time.LocalDate relationshipSince) {
        Canonical c = new Canonical().put("v", version).put("account", account).put("seq", seq).put("channel", channel)
                .put("action", action).put("basis", basis).put("optInType", optInType).put("context", context)
                .put("contextDetail", contextDetail).put("collectedAt", collectedAt).put("recordedAt", recordedAt)
                .put("sourceUrl", sourceUrl).put("declarationText", declarationText).put("subject", subject)
                .put("separateConsent", separate).put("explicit", explicit).put("relationshipNature", relationshipNature)
                .put("informedHow", informedHow).put("optOutOffered", optOutOffered).put("refersTo", refersTo)
                .put("provenance", provenance).put("addressHash", addressHash).put("personalHash", personalHash);
        // added in issue 15: in version 1 present only when set, so the records written before kept their hashes
        if (version > 1 || role != null) c.put("role", role);
        if (version > 1 || relationshipSince != null) c.put("relationshipSince", relationshipSince);
        return c.text();
    }

    /**
     * The content hash of a stored record under canonical {@code version}, with the address and personal hashes given
     * (the verifier passes the stored ones, the upgrade the legacy or re-keyed ones).
     */
    static String contentHash(int version, ConsentRecord r, String addressHash, String personalHash) {
        return Hashing.sha256Hex(canonical(version, r.accountId(), r.seq(), r.channel().code(), r.action().code(),
                r.basis().code(), code(r.optInType()), r.context().code(), r.contextDetail(), r.collectedAt(),
                r.recordedAt(), r.sourceUrl(), r.declarationText(), r.subject(), r.separateConsent(), r.explicit(),
                r.relationshipNature(), r.informedHow(), r.optOutOffered(), r.refersTo(), r.provenance(), addressHash,
                personalHash, r.role(), r.relationshipSince()));
    }

    /** A record with its personal part (absent once erased), as {@link #map} reads it. */
    static final String SELECT = """
            select r.*, p.address, p.ip, p.user_agent, p.screenshot, p.referer
            from consent_record r left join consent_personal p on p.account_id = r.account_id and p.seq = r.seq
            """;

    @Override
    public ConsentState state(UUID accountId, Channel channel, String normalizedAddress) {
        return fold(channel, jdbc.sql(SELECT + " where r.account_id = ? and r.address_hash = ? and r.channel = ? order by r.seq")
                .params(accountId, pseudonyms.address(normalizedAddress), channel.code()).query(JdbcConsentLedger::map).list());
    }

    /**
     * The consent in force after a channel's records, oldest first. A double opt-in grant is pending until a
     * {@code CONFIRM} refers to it; when consent is already in force it waits beside it and takes nothing away (issue
     * 15: a stranger's form post must not unsubscribe a confirmed subscriber); once confirmed it becomes the grant in
     * force. Only the latest request is pending. A withdrawal ends both the consent and any pending request.
     */
    static ConsentState fold(Channel channel, List<ConsentRecord> rows) {
        ConsentState.Status status = ConsentState.Status.NONE;
        ConsentBasis basis = null;
        Long grantId = null;
        Instant since = null;
        String how = null;
        ConsentRecord pending = null;
        for (ConsentRecord r : rows) {
            switch (r.action()) {
                case GRANT -> {
                    if (r.optInType() == OptInType.DOUBLE) {
                        pending = r;
                        if (status != ConsentState.Status.GRANTED) {
                            status = ConsentState.Status.UNCONFIRMED;
                            basis = r.basis();
                            grantId = r.id();
                            since = r.collectedAt();
                            how = describe(r);
                        }
                    } else {
                        status = ConsentState.Status.GRANTED;
                        basis = r.basis();
                        grantId = r.id();
                        since = r.collectedAt();
                        how = describe(r);
                    }
                }
                case CONFIRM -> {
                    if (pending != null && r.refersTo() != null && r.refersTo().equals(pending.id())) {
                        status = ConsentState.Status.GRANTED;
                        basis = pending.basis();
                        grantId = pending.id();
                        since = r.collectedAt();
                        how = describe(pending);
                        pending = null;
                    }
                }
                case WITHDRAW -> {
                    status = ConsentState.Status.WITHDRAWN;
                    since = r.collectedAt();
                    pending = null;
                }
                case ERASE -> {
                    // the person's data is gone; nothing is in force or pending for them any more (a suppression by
                    // keyed hash keeps them from being written to); a new grant after it starts afresh
                    status = ConsentState.Status.NONE;
                    basis = null;
                    grantId = null;
                    since = null;
                    how = null;
                    pending = null;
                }
            }
        }
        return new ConsentState(channel, status, basis, grantId, since, how, pending == null ? null : pending.id());
    }

    @Override
    public java.util.Map<String, String> describeAll(UUID accountId, Channel channel, java.util.Collection<String> addresses) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        scopes.inForce(accountId, channel, addresses).forEach((address, scope) -> out.put(address, scope.collectedHow()));
        return out;
    }

    /** how the address was collected, in words a recipient understands. */
    static String describe(ConsentRecord r) {
        return switch (r.basis()) {
            case OPT_IN -> "You subscribed" + (r.subject() == null ? "" : " to " + r.subject())
                    + (r.sourceUrl() != null ? " on " + r.sourceUrl() : r.contextDetail() != null ? " (" + r.contextDetail() + ")" : "")
                    + " on " + r.collectedAt().toString().substring(0, 10) + ".";
            case EXISTING_CUSTOMER -> "You are a customer" + (r.relationshipNature() == null ? "" : " (" + r.relationshipNature() + ")")
                    + " and were told at that time that you could receive our offers and object at any time.";
            case B2B -> "You receive this in your professional capacity"
                    + (r.subject() == null ? "" : ", about " + r.subject()) + ".";
        };
    }

    @Override
    public List<ConsentRecord> recordsFor(UUID accountId, String normalizedAddress) {
        return jdbc.sql(SELECT + " where r.account_id = ? and r.address_hash = ? order by r.seq")
                .params(accountId, pseudonyms.address(normalizedAddress)).query(JdbcConsentLedger::map).list();
    }

    @Override
    public Optional<ConsentRecord> find(UUID accountId, long recordId) {
        return jdbc.sql(SELECT + " where r.account_id = ? and r.id = ?").params(accountId, recordId)
                .query(JdbcConsentLedger::map).optional();
    }

    private ConsentRecord bySeq(UUID accountId, long seq) {
        return jdbc.sql(SELECT + " where r.account_id = ? and r.seq = ?").params(accountId, seq)
                .query(JdbcConsentLedger::map).single();
    }

    @Override
    public ChainReport verify(UUID accountId) {
        return verify(accountId, null).getFirst();
    }

    @Override
    public List<ChainReport> verifyAll() {
        return verify(null, null);
    }

    @Override
    public List<ChainReport> verify(UUID accountId, java.nio.file.Path checkpointFile) {
        Optional<Checkpoints.Checkpoint> checkpoint = checkpointFile == null ? checkpoints.latest()
                : Optional.of(checkpoints.read(checkpointFile));
        List<UUID> ids = accountId != null ? List.of(accountId)
                : jdbc.sql("select id from account order by created_at").query(UUID.class).list();
        List<ChainReport> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            upgradeIfNeeded(id);
            out.add(readTx.execute(s -> verifyChain(id, checkpoint.orElse(null))));
        }
        return out;
    }

    private ChainReport verifyChain(UUID accountId, Checkpoints.Checkpoint checkpoint) {
        ChainVerifier v = new ChainVerifier(accountId, checkpoint);
        // streamed in sequence order: memory stays flat whatever the ledger's size
        // (a fetch size, in this read-only transaction, makes the PostgreSQL driver stream instead of loading all rows)
        template.query(con -> {
            var ps = con.prepareStatement(SELECT + " where r.account_id = ? order by r.seq");
            ps.setObject(1, accountId);
            ps.setFetchSize(2000);
            return ps;
        }, rs -> {
            v.check(map(rs, 0));
        });
        Optional<Head> head = jdbc.sql("select seq, chain_hash, chain_version from consent_chain_head where account_id = ?").param(accountId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getInt(3))).optional();
        ChainReport.Upgrade upgrade = jdbc.sql("""
                select upgraded_at, records, old_chain_intact, old_broken_seq, old_problem, erasures_recorded
                from consent_chain_upgrade where account_id = ?""").param(accountId)
                .query((rs, n) -> new ChainReport.Upgrade(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getBoolean(3),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getLong(6))).optional().orElse(null);
        return v.finish(head.map(Head::seq).orElse(0L), head.map(Head::chainHash).orElse(GENESIS), upgrade);
    }

    /**
     * Re-computes each record's hashes in order and remembers the first problem; compares the chain with the
     * checkpoint's head for the account; remembers records whose personal data is gone until an erase record about
     * their address comes (X-5: a personal row deleted any other way is reported).
     */
    private final class ChainVerifier {
        private final UUID accountId;
        private final Checkpoints.Checkpoint checkpoint;
        private final Checkpoints.Head anchored;
        private long expectedSeq = 1;
        private String prev = GENESIS;
        private long checked;
        private Long brokenId;
        private Long brokenSeq;
        private String problem;
        private Boolean anchorMatches;
        /** address hash -> the first record about it whose personal data is missing, not yet followed by an erase record */
        private final java.util.Map<String, ConsentRecord> unerased = new java.util.HashMap<>();

        ChainVerifier(UUID accountId, Checkpoints.Checkpoint checkpoint) {
            this.accountId = accountId;
            this.checkpoint = checkpoint;
            this.anchored = checkpoint == null ? null : checkpoint.heads().get(accountId);
        }

        void check(ConsentRecord r) {
            checked++;
            if (anchored != null && r.seq() == anchored.seq()) anchorMatches = r.chainHash().equals(anchored.chainHash());
            if (r.action() == Action.ERASE) unerased.remove(r.addressHash());
            else if (r.address() == null) unerased.putIfAbsent(r.addressHash(), r);
            if (problem != null) return;
            String why = null;
            if (r.seq() != expectedSeq) {
                why = "record " + expectedSeq + " is missing (found " + r.seq() + ")";
            } else if (!r.prevHash().equals(prev)) {
                why = "prev_hash does not match the previous record's chain_hash";
            } else {
                String content = contentHash(VERSION, r, r.addressHash(), r.personalHash());
                if (!content.equals(r.contentHash())) {
                    why = "the record's content does not match its content_hash (a field was changed)";
                } else if (!link(prev, content).equals(r.chainHash())) {
                    why = "chain_hash is not the keyed link of this record to the previous one (the record was rewritten"
                            + " by someone without the ledger's key)";
                } else if (r.address() != null && (!personalHash(r.address(), r.ip(), r.userAgent(), r.screenshot(), r.referer()).equals(r.personalHash())
                        || !pseudonyms.address(r.address()).equals(r.addressHash()))) {
                    why = "the personal data does not match the personal_hash recorded in the chain";
                }
            }
            if (why != null) broken(r.id(), r.seq(), why);
            prev = r.chainHash();
            expectedSeq = r.seq() + 1;
        }

        private void broken(Long id, Long seq, String why) {
            brokenId = id;
            brokenSeq = seq;
            problem = why;
        }

        ChainReport finish(long headSeq, String headHash, ChainReport.Upgrade upgrade) {
            if (problem == null && (headSeq != expectedSeq - 1 || !headHash.equals(prev))) {
                broken(null, expectedSeq - 1 < headSeq ? expectedSeq : headSeq, "the chain ends at record " + (expectedSeq - 1)
                        + " but its head says " + headSeq + " (records were removed at the end)");
            }
            if (problem == null && !unerased.isEmpty()) {
                ConsentRecord first = unerased.values().stream().min(java.util.Comparator.comparingLong(ConsentRecord::seq)).orElseThrow();
                broken(first.id(), first.seq(), "the personal data of record " + first.seq()
                        + " was deleted without an erase record in the chain (X-5)");
            }
            ChainReport.Anchor anchor = null;
            if (checkpoint != null && !checkpoint.authentic()) {
                if (problem == null) broken(null, null, checkpoint.problem());
            } else if (anchored != null) {
                String name = checkpoint.file().getFileName().toString();
                if (anchorMatches == null) {
                    anchorMatches = false;
                    if (problem == null) broken(null, expectedSeq, "the chain ends at record " + (expectedSeq - 1)
                            + " but the checkpoint " + name + " of " + checkpoint.writtenAt() + " anchored record " + anchored.seq()
                            + ": records were removed since the checkpoint");
                } else if (!anchorMatches && problem == null) {
                    broken(null, anchored.seq(), "record " + anchored.seq() + " is not the one the checkpoint " + name + " of "
                            + checkpoint.writtenAt() + " anchored: the chain was rewritten since the checkpoint");
                }
                anchor = new ChainReport.Anchor(name, checkpoint.writtenAt(), anchored.seq(), anchored.chainHash(), anchorMatches);
            }
            return new ChainReport(accountId, checked, problem == null, brokenId, brokenSeq, problem, anchor, upgrade);
        }
    }

    @Override
    @Transactional
    public int erasePersonalData(UUID accountId, String normalizedAddress, String reason) {
        String addressHash = pseudonyms.address(normalizedAddress);
        List<Channel> channels = jdbc.sql("select distinct channel from consent_record where account_id = ? and address_hash = ? order by channel")
                .params(accountId, addressHash).query(String.class).list().stream().map(Channel::of).toList();
        if (channels.isEmpty()) return 0;
        Head head = lockHead(accountId);
        int erased = jdbc.sql("""
                delete from consent_personal where account_id = ? and seq in
                    (select seq from consent_record where account_id = ? and address_hash = ?)""")
                .params(accountId, accountId, addressHash).update();
        // nothing left to erase (erased before): no new record; rows deleted some other way stay reported
        if (erased > 0) appendAfter(accountId, head, channels.stream().map(c -> eraseDraft(c, addressHash, reason, "erasure")).toList());
        return erased;
    }

    /** An erase record: the keyed address hash and the reason, no personal data. */
    private Draft eraseDraft(Channel channel, String addressHash, String reason, String provenance) {
        Instant now = clock.instant();
        return new Draft(channel, Action.ERASE, ConsentBasis.OPT_IN, null, CollectionContext.OTHER,
                org.fairsend.platform.Texts.storable(reason == null ? "erasure (X-5)" : reason, 500), now, now, null, null,
                null, null, null, null, null, null, null, provenance, null, null, null, null, null, null, null, addressHash);
    }

    private void upgradeIfNeeded(UUID accountId) {
        boolean legacy = jdbc.sql("select count(*) from consent_chain_head where account_id = ? and chain_version < ?")
                .params(accountId, VERSION).query(Long.class).single() > 0;
        if (legacy) writeTx.executeWithoutResult(s -> lockHead(accountId));
    }

    /**
     * Every account still chained the old way, re-chained under the key (run at startup in serve mode; an append or a
     * verification of such an account does it first otherwise). One transaction per account.
     */
    int upgradeLegacyChains() {
        List<UUID> legacy = jdbc.sql("select account_id from consent_chain_head where chain_version < ?").param(VERSION)
                .query(UUID.class).list();
        for (UUID id : legacy) upgradeIfNeeded(id);
        return legacy.size();
    }

    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void upgradeAtStartup() {
        if (mode == org.fairsend.platform.FairsendProperties.Mode.CLI) return; // a command upgrades what it touches
        int n = upgradeLegacyChains();
        if (n > 0) log.info("re-chained the consent records of {} account(s) under the ledger's key (R-4)", n);
    }

    /**
     * Re-chains an account chained the old way (unkeyed SHA-256) under the key, in the caller's transaction, its head
     * locked. The old chain is checked first, over the address hashes its content hashes were computed from (kept by
     * the migration in {@code legacy_address_hash}: the platform re-keys {@code address_hash} when it makes the key);
     * whether it was intact, and where it broke, is recorded in {@code consent_chain_upgrade} and reported by every
     * later verification. Personal data erased before erasures were recorded in the chain gets an erase record, so it
     * is not reported as deleted. Returns the new head.
     */
    private Head upgrade(UUID accountId, Head old) {
        pseudonyms.mac(CHAIN, ""); // the key exists (and address_hash is re-keyed) before any record is read
        long expected = 1;
        String oldPrev = GENESIS;
        String newPrev = GENESIS;
        Long oldBrokenSeq = null;
        String oldProblem = null;
        long count = 0;
        java.util.Map<String, java.util.Set<Channel>> erasedBefore = new java.util.LinkedHashMap<>();
        long after = 0;
        while (true) {
            record Legacy(ConsentRecord r, String legacyAddressHash) {}
            List<Legacy> page = jdbc.sql(SELECT + " where r.account_id = ? and r.seq > ? order by r.seq limit 2000")
                    .params(accountId, after).query((rs, n) -> new Legacy(map(rs, n), rs.getString("legacy_address_hash"))).list();
            if (page.isEmpty()) break;
            List<Object[]> updates = new ArrayList<>(page.size());
            for (Legacy l : page) {
                ConsentRecord r = l.r();
                count++;
                if (oldProblem == null) {
                    String addressHash = l.legacyAddressHash() != null ? l.legacyAddressHash() : r.addressHash();
                    String content = contentHash(1, r, addressHash, r.personalHash());
                    if (r.seq() != expected) oldProblem = "record " + expected + " is missing (found " + r.seq() + ")";
                    else if (!r.prevHash().equals(oldPrev)) oldProblem = "prev_hash does not match the previous record's chain_hash";
                    else if (!content.equals(r.contentHash())) oldProblem = "the record's content does not match its content_hash";
                    else if (!Hashing.sha256Hex(oldPrev + content).equals(r.chainHash())) oldProblem = "chain_hash does not match";
                    else if (r.address() != null && !Hashing.sha256Hex(personalText(r.address(), r.ip(), r.userAgent(),
                            r.screenshot(), r.referer())).equals(r.personalHash())) {
                        oldProblem = "the personal data does not match the personal_hash recorded in the chain";
                    }
                    if (oldProblem != null) oldBrokenSeq = r.seq();
                }
                oldPrev = r.chainHash();
                expected = r.seq() + 1;
                // the personal data, when still there, is hashed under the key; an erased record's unkeyed hash is
                // replaced by its MAC (nothing is left to recompute it from, and unkeyed it could be brute-forced)
                String personal = r.address() != null ? personalHash(r.address(), r.ip(), r.userAgent(), r.screenshot(), r.referer())
                        : pseudonyms.mac(PERSONAL, "v1:" + r.personalHash());
                if (r.address() == null) erasedBefore.computeIfAbsent(r.addressHash(), k -> new java.util.TreeSet<>()).add(r.channel());
                String content = contentHash(VERSION, r, r.addressHash(), personal);
                String chain = link(newPrev, content);
                updates.add(new Object[] {personal, content, newPrev, chain, r.id()});
                newPrev = chain;
                after = r.seq();
            }
            template.batchUpdate("""
                    update consent_record set personal_hash = ?, content_hash = ?, prev_hash = ?, chain_hash = ?,
                        legacy_address_hash = null where id = ?""", updates);
        }
        if (oldProblem == null && (old.seq() != expected - 1 || !old.chainHash().equals(oldPrev))) {
            oldBrokenSeq = expected;
            oldProblem = "the chain ended at record " + (expected - 1) + " but its head said " + old.seq();
        }
        jdbc.sql("update consent_chain_head set seq = ?, chain_hash = ?, chain_version = ? where account_id = ?")
                .params(after, newPrev, VERSION, accountId).update();
        Head head = new Head(after, newPrev, VERSION);
        List<Draft> erasures = new ArrayList<>();
        erasedBefore.forEach((hash, channels) -> channels.forEach(c -> erasures.add(eraseDraft(c, hash,
                "personal data erased before erasures were recorded in the chain (found when the chain was keyed)", "upgrade"))));
        if (!erasures.isEmpty()) {
            List<Long> seqs = appendAfter(accountId, head, erasures);
            head = selectHeadForUpdate(accountId).orElseThrow();
            log.info("account {}: recorded {} erasure(s) made before the chain recorded them", accountId, seqs.size());
        }
        jdbc.sql("""
                insert into consent_chain_upgrade (account_id, upgraded_at, records, old_chain_intact, old_broken_seq, old_problem,
                    erasures_recorded) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, java.sql.Timestamp.from(clock.instant()), count, oldProblem == null, oldBrokenSeq,
                        oldProblem, erasures.size()).update();
        if (oldProblem != null) {
            log.warn("account {}: the consent chain was already broken before it was keyed, at record {}: {}", accountId,
                    oldBrokenSeq, oldProblem);
        }
        return head;
    }

    private static String code(OptInType t) {
        return t == null ? null : t.code();
    }

    static ConsentRecord map(ResultSet rs, int n) throws SQLException {
        String optIn = rs.getString("opt_in_type");
        return new ConsentRecord(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getLong("seq"),
                Channel.valueOf(upper(rs.getString("channel"))), Action.valueOf(upper(rs.getString("action"))),
                ConsentBasis.valueOf(upper(rs.getString("basis"))), optIn == null ? null : OptInType.valueOf(upper(optIn)),
                CollectionContext.valueOf(upper(rs.getString("context"))), rs.getString("context_detail"),
                rs.getTimestamp("collected_at").toInstant(), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("source_url"), rs.getString("declaration_text"), rs.getString("subject"),
                bool(rs, "separate_consent"), bool(rs, "explicit_consent"), rs.getString("relationship_nature"),
                rs.getString("informed_how"), bool(rs, "opt_out_offered"), (Long) rs.getObject("refers_to", Long.class),
                rs.getString("provenance"), rs.getString("address_hash"), rs.getString("personal_hash"),
                rs.getString("content_hash"), rs.getString("prev_hash"), rs.getString("chain_hash"), rs.getString("address"),
                rs.getString("ip"), rs.getString("user_agent"), rs.getString("screenshot"), rs.getString("role"),
                rs.getObject("relationship_since", java.time.LocalDate.class), rs.getString("referer"));
    }

    private static Boolean bool(ResultSet rs, String col) throws SQLException {
        boolean b = rs.getBoolean(col);
        return rs.wasNull() ? null : b;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
