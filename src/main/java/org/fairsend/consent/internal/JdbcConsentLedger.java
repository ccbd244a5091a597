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
 */
@Service
class JdbcConsentLedger implements ConsentLedger {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;
    private final BulkInsert bulk;
    private final org.fairsend.platform.Pseudonyms pseudonyms;

    private final java.util.concurrent.atomic.AtomicLong appendedSinceAnalyze = new java.util.concurrent.atomic.AtomicLong();
    private final boolean postgres;

    JdbcConsentLedger(JdbcClient jdbc, JdbcTemplate template, Clock clock, org.fairsend.platform.Database database,
            org.fairsend.platform.Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
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
            String screenshot, String role, java.time.LocalDate relationshipSince, String referer) {}

    @Override
    public List<RuleViolation.Violation> validate(ConsentEvidence e) {
        return EvidenceRules.check(e, clock);
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
        if (appendedSinceAnalyze.addAndGet(drafts.size()) > 50_000 && postgres) {
            // after a large import the look-ups by address (evidence packs, why-you-receive-this) need statistics
            appendedSinceAnalyze.set(0);
            jdbc.sql("analyze consent_record").update();
            jdbc.sql("analyze consent_personal").update();
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
        return new Draft(e.channel(), Action.GRANT, e.basis(), e.optInType(), e.context(), e.contextDetail(),
                e.collectedAt(), clock.instant(), e.sourceUrl(), e.declarationText(), e.subject(), e.separateConsent(),
                e.explicit(), e.relationshipNature(), e.informedHow(), e.optOutOffered(), null,
                e.provenance() == null ? "api" : e.provenance(), address, e.ip(), e.userAgent(), e.screenshot(), e.role(),
                e.relationshipSince(), e.referer());
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
                grant.relationshipSince(), null);
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
                null, null, null);
        return bySeq(accountId, append(accountId, List.of(d)).getFirst());
    }

    /** Appends drafts at the end of the account's chain; returns their sequence numbers. */
    private List<Long> append(UUID accountId, List<Draft> drafts) {
        Head head = lockHead(accountId);
        long seq = head.seq;
        String prev = head.chainHash;
        List<Object[]> records = new ArrayList<>(drafts.size());
        List<Object[]> personal = new ArrayList<>(drafts.size());
        List<Long> seqs = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            seq++;
            String addressHash = pseudonyms.address(d.address());
            String personalHash = personalHash(d.address(), d.ip(), d.userAgent(), d.screenshot(), d.referer());
            Instant collected = Canonical.micros(d.collectedAt());
            Instant recorded = Canonical.micros(d.recordedAt());
            String content = Hashing.sha256Hex(canonical(accountId, seq, d.channel().code(), d.action().code(),
                    d.basis().code(), code(d.optInType()), d.context().code(), d.contextDetail(), collected, recorded,
                    d.sourceUrl(), d.declarationText(), d.subject(), d.separateConsent(), d.explicit(),
                    d.relationshipNature(), d.informedHow(), d.optOutOffered(), d.refersTo(), d.provenance(), addressHash,
                    personalHash, d.role(), d.relationshipSince()));
            String chain = Hashing.sha256Hex(prev + content);
            records.add(new Object[] {accountId, seq, d.channel().code(), d.action().code(), d.basis().code(),
                code(d.optInType()), d.context().code(), d.contextDetail(), collected, recorded,
                d.sourceUrl(), d.declarationText(), d.subject(), d.separateConsent(), d.explicit(), d.relationshipNature(),
                d.informedHow(), d.optOutOffered(), d.refersTo(), d.provenance(), addressHash, personalHash, content, prev,
                chain, d.role(), d.relationshipSince()});
            personal.add(new Object[] {accountId, seq, d.address(), d.ip(), d.userAgent(), d.screenshot(), d.referer()});
            seqs.add(seq);
            prev = chain;
        }
        bulk.insert("consent_record", RECORD_COLUMNS, records);
        bulk.insert("consent_personal", PERSONAL_COLUMNS, personal);
        jdbc.sql("update consent_chain_head set seq = ?, chain_hash = ? where account_id = ?").params(seq, prev, accountId).update();
        return seqs;
    }

    private record Head(long seq, String chainHash) {}

    private Head lockHead(UUID accountId) {
        Optional<Head> head = selectHeadForUpdate(accountId);
        if (head.isPresent()) return head.get();
        try {
            // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): a racing creator does not abort us
            jdbc.sql("insert into consent_chain_head (account_id, seq, chain_hash) values (?, 0, ?) on conflict do nothing")
                    .params(accountId, GENESIS).update();
        } catch (org.springframework.dao.DataIntegrityViolationException noAccount) {
            throw new NotFound("account");
        }
        return selectHeadForUpdate(accountId).orElseThrow();
    }

    /**
     * Locks the account's chain head, if it has one, until the end of the caller's transaction: flows that
     * check then append (a double opt-in confirmation) serialise on it.
     */
    void lockChain(UUID accountId) {
        selectHeadForUpdate(accountId);
    }

    private Optional<Head> selectHeadForUpdate(UUID accountId) {
        return jdbc.sql("select seq, chain_hash from consent_chain_head where account_id = ? for update").param(accountId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    static String personalHash(String address, String ip, String userAgent, String screenshot, String referer) {
        Canonical c = new Canonical().put("address", address).put("ip", ip).put("userAgent", userAgent).put("screenshot", screenshot);
        if (referer != null) c.put("referer", referer);
        return Hashing.sha256Hex(c.text());
    }

    static String canonical(UUID account, long seq, String channel, String action, String basis, String optInType,
            String context, String contextDetail, Instant collectedAt, Instant recordedAt, String sourceUrl,
            String declarationText, String subject, Boolean separate, Boolean explicit, String relationshipNature,
            String informedHow, Boolean optOutOffered, Long refersTo, String provenance, String addressHash,
            String personalHash, String role, java.time.LocalDate relationshipSince) {
        Canonical c = new Canonical().put("v", 1).put("account", account).put("seq", seq).put("channel", channel)
                .put("action", action).put("basis", basis).put("optInType", optInType).put("context", context)
                .put("contextDetail", contextDetail).put("collectedAt", collectedAt).put("recordedAt", recordedAt)
                .put("sourceUrl", sourceUrl).put("declarationText", declarationText).put("subject", subject)
                .put("separateConsent", separate).put("explicit", explicit).put("relationshipNature", relationshipNature)
                .put("informedHow", informedHow).put("optOutOffered", optOutOffered).put("refersTo", refersTo)
                .put("provenance", provenance).put("addressHash", addressHash).put("personalHash", personalHash);
        // added in issue 15: present only when set, so the records written before keep their hashes
        if (role != null) c.put("role", role);
        if (relationshipSince != null) c.put("relationshipSince", relationshipSince);
        return c.text();
    }

    private static final String SELECT = """
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
            }
        }
        return new ConsentState(channel, status, basis, grantId, since, how, pending == null ? null : pending.id());
    }

    @Override
    public java.util.Map<String, String> describeAll(UUID accountId, Channel channel, java.util.Collection<String> addresses) {
        if (addresses.isEmpty()) return java.util.Map.of();
        java.util.Map<String, String> byHash = new java.util.HashMap<>();
        for (String a : addresses) byHash.put(pseudonyms.address(a), a);
        java.util.Map<String, List<ConsentRecord>> rows = new java.util.HashMap<>();
        var hashes = new ArrayList<>(byHash.keySet());
        for (int from = 0; from < hashes.size(); from += 1000) {
            var chunk = hashes.subList(from, Math.min(hashes.size(), from + 1000));
            var params = new ArrayList<Object>();
            params.add(accountId);
            params.add(channel.code());
            params.addAll(chunk);
            // served by consent_record_address (account_id, address_hash)
            jdbc.sql(SELECT + " where r.account_id = ? and r.channel = ? and r.address_hash in ("
                            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ") order by r.seq")
                    .params(params).query(JdbcConsentLedger::map).list()
                    .forEach(r -> rows.computeIfAbsent(r.addressHash(), k -> new ArrayList<>()).add(r));
        }
        java.util.Map<String, String> out = new java.util.HashMap<>();
        rows.forEach((hash, records) -> {
            ConsentState st = fold(channel, records);
            if (st.isConsent()) out.put(byHash.get(hash), st.collectedHow());
        });
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
    @Transactional(readOnly = true)
    public ChainReport verify(UUID accountId) {
        ChainVerifier v = new ChainVerifier(accountId);
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
        Optional<Head> head = jdbc.sql("select seq, chain_hash from consent_chain_head where account_id = ?").param(accountId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
        return v.finish(head.map(Head::seq).orElse(0L), head.map(Head::chainHash).orElse(GENESIS));
    }

    @Override
    @Transactional(readOnly = true) // verify() is called directly here: the transaction lets the rows stream
    public List<ChainReport> verifyAll() {
        return jdbc.sql("select id from account order by created_at").query(UUID.class).list().stream().map(this::verify).toList();
    }

    /** Re-computes each record's hashes in order and remembers the first problem. */
    private final class ChainVerifier {
        private final UUID accountId;
        private long expectedSeq = 1;
        private String prev = GENESIS;
        private long checked;
        private Long brokenId;
        private Long brokenSeq;
        private String problem;

        ChainVerifier(UUID accountId) {
            this.accountId = accountId;
        }

        void check(ConsentRecord r) {
            checked++;
            if (problem != null) return;
            String why = null;
            if (r.seq() != expectedSeq) {
                why = "record " + expectedSeq + " is missing (found " + r.seq() + ")";
            } else if (!r.prevHash().equals(prev)) {
                why = "prev_hash does not match the previous record's chain_hash";
            } else {
                String content = Hashing.sha256Hex(canonical(r.accountId(), r.seq(), r.channel().code(), r.action().code(),
                        r.basis().code(), code(r.optInType()), r.context().code(), r.contextDetail(), r.collectedAt(),
                        r.recordedAt(), r.sourceUrl(), r.declarationText(), r.subject(), r.separateConsent(), r.explicit(),
                        r.relationshipNature(), r.informedHow(), r.optOutOffered(), r.refersTo(), r.provenance(),
                        r.addressHash(), r.personalHash(), r.role(), r.relationshipSince()));
                if (!content.equals(r.contentHash())) {
                    why = "the record's content does not match its content_hash (a field was changed)";
                } else if (!Hashing.sha256Hex(prev + content).equals(r.chainHash())) {
                    why = "chain_hash does not match";
                } else if (r.address() != null && (!personalHash(r.address(), r.ip(), r.userAgent(), r.screenshot(), r.referer()).equals(r.personalHash())
                        || !pseudonyms.address(r.address()).equals(r.addressHash()))) {
                    why = "the personal data does not match the personal_hash recorded in the chain";
                }
            }
            if (why != null) {
                brokenId = r.id();
                brokenSeq = r.seq();
                problem = why;
            }
            prev = r.chainHash();
            expectedSeq = r.seq() + 1;
        }

        ChainReport finish(long headSeq, String headHash) {
            if (problem == null && (headSeq != expectedSeq - 1 || !headHash.equals(prev))) {
                brokenSeq = expectedSeq - 1 < headSeq ? expectedSeq : headSeq;
                problem = "the chain ends at record " + (expectedSeq - 1) + " but its head says " + headSeq
                        + " (records were removed at the end)";
            }
            return new ChainReport(accountId, checked, problem == null, brokenId, brokenSeq, problem);
        }
    }

    @Override
    @Transactional
    public int erasePersonalData(UUID accountId, String normalizedAddress) {
        return jdbc.sql("""
                delete from consent_personal where account_id = ? and seq in
                    (select seq from consent_record where account_id = ? and address_hash = ?)""")
                .params(accountId, accountId, pseudonyms.address(normalizedAddress)).update();
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
