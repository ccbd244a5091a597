package org.fairsend.inquiries.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountNotices;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.AccountDirectory.ChannelState;
import org.fairsend.accounts.AccountSanctions;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.feedback.Complaints;
import org.fairsend.inquiries.EvidenceRejected;
import org.fairsend.inquiries.EvidenceRequests;
import org.fairsend.inquiries.internal.EvidenceStore.NamedAddress;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.EvidencePolicy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evidence requests (seed 002 §1.2, R-4, R-5). Each change is one transaction with its step; mails go out after
 * the commit and their failure is a step of its own. A state change is conditional on the state it was read in, so
 * two nodes (or the deadline job and an answer) never both apply it.
 */
@Service
class EvidenceDesk implements EvidenceRequests {

    static final String RULE = "seed-002-1.2";
    /** The reason of a channel suspended for a missed deadline starts so; only such a suspension is lifted by an answer. */
    static final String SUSPENSION = "seed 002 §1.2: evidence request ";
    static final String SYSTEM = "inquiries";
    private static final Logger log = LoggerFactory.getLogger(EvidenceDesk.class);
    private static final int MAX_ADDRESSES = 50;

    private final EvidenceStore store;
    private final Complaints complaints;
    private final ConsentLedger ledger;
    private final AccountDirectory accounts;
    private final AccountSanctions sanctions;
    private final PolicyService policies;
    private final AccountNotices accountMail;
    private final FairsendProperties props;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    EvidenceDesk(EvidenceStore store, Complaints complaints, ConsentLedger ledger, AccountDirectory accounts, AccountSanctions sanctions,
            PolicyService policies, AccountNotices accountMail, FairsendProperties props, ApplicationEventPublisher events, TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.complaints = complaints;
        this.ledger = ledger;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.policies = policies;
        this.accountMail = accountMail;
        this.props = props;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Request open(long complaintId, List<String> given, String note, String actor) {
        Complaints.Complaint c = complaints.find(complaintId).orElseThrow(() -> new NotFound("complaint"));
        Channel channel = c.channel() == null ? Channel.EMAIL : c.channel();
        List<String> raw = given == null ? List.of() : given.stream().filter(a -> a != null && !a.isBlank()).toList();
        if (raw.isEmpty()) {
            if (c.recipient() == null) {
                throw new RuleViolation("addresses", RULE, "the complaint's recipient was erased: name the addresses or numbers to prove");
            }
            raw = List.of(c.recipient());
        }
        if (raw.size() > MAX_ADDRESSES) throw new RuleViolation("addresses", RULE, "at most " + MAX_ADDRESSES + " addresses or numbers");
        Map<String, NamedAddress> named = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "addresses[" + i + "]";
            String a = raw.get(i).strip();
            NamedAddress n = a.contains("@") ? new NamedAddress(Channel.EMAIL, Addresses.email(a, field))
                    : new NamedAddress(channel == Channel.EMAIL ? Channel.SMS : channel, Addresses.phone(a, "FR", field).e164());
            named.putIfAbsent(n.address(), n);
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > 2000) throw new RuleViolation("note", RULE, "at most 2000 characters");
        PolicySnapshot ps = policies.current();
        Instant now = clock.instant();
        WorkingDays days = workingDays(ps);
        EvidencePolicy p = ps.policy().evidence();
        Instant deadline = days.plus(now, p.answerWorkingDays());
        Instant remindAt = days.minus(deadline, p.reminderWorkingDaysBefore());
        long id = tx.execute(s -> {
            if (store.list(c.accountId(), null, 1000).stream().anyMatch(r -> r.complaintId() == complaintId && r.state().awaitsAnswer()
                    || r.complaintId() == complaintId && r.state() == State.ANSWERED)) {
                throw new RuleViolation(409, "complaintId", RULE, "a request for this complaint is already open");
            }
            long rid = store.insert(c.accountId(), complaintId, c.campaignId(), channel, cleanNote, ps.version(), actor, now, remindAt, deadline,
                    List.copyOf(named.values()));
            store.step(rid, c.accountId(), Action.OPENED, actor, "evidence of consent asked for " + named.size() + " address(es) after complaint "
                    + complaintId + ", due " + when(deadline, ps) + " (" + p.answerWorkingDays() + " working days, policy v" + ps.version() + ")"
                    + (cleanNote == null ? "" : ": " + cleanNote), now);
            return rid;
        });
        Request r = store.find(null, id).orElseThrow();
        notice(r, "[Fairsend] Evidence of consent requested (request " + id + ")", opened(r, ps));
        return r;
    }

    @Override
    public List<Request> list(UUID accountId, State state, int limit) {
        return store.list(accountId, state, limit);
    }

    @Override
    public long awaitingAnswer(UUID accountId) {
        return store.count(accountId, EnumSet.of(State.OPEN, State.OVERDUE));
    }

    @Override
    public long awaitingDecision() {
        return store.count(null, EnumSet.of(State.ANSWERED));
    }

    @Override
    public Request get(UUID accountId, long id) {
        return store.find(accountId, id).orElseThrow(() -> new NotFound("evidence request"));
    }

    @Override
    public Detail detail(UUID accountId, long id) {
        Request r = get(accountId, id);
        List<AddressEvidence> evidence = new ArrayList<>();
        for (NamedAddress a : store.addresses(id)) evidence.add(evidence(r, a));
        return new Detail(r, evidence, store.attachments(id), store.steps(id));
    }

    /** What the ledger holds about one address (R-4), through the consent module's API. */
    private AddressEvidence evidence(Request r, NamedAddress a) {
        if (a.address().equals(org.fairsend.platform.ErasedPerson.MARKER)) {
            return new AddressEvidence(a.address(), a.channel(), false, "erased at the person's request (X-5)", List.of());
        }
        List<ConsentRecord> records = ledger.recordsFor(r.accountId(), a.address());
        Channel on = a.channel() == Channel.EMAIL ? Channel.EMAIL : (r.channel() == Channel.EMAIL ? a.channel() : r.channel());
        ConsentState state = ledger.state(r.accountId(), on, a.address());
        List<Grant> grants = new ArrayList<>();
        for (ConsentRecord g : records) {
            if (g.action() != ConsentRecord.Action.GRANT) continue;
            ConsentRecord confirm = records.stream().filter(x -> x.action() == ConsentRecord.Action.CONFIRM && g.id() == nz(x.refersTo()))
                    .findFirst().orElse(null);
            ConsentRecord withdrawn = records.stream().filter(x -> x.action() == ConsentRecord.Action.WITHDRAW && x.channel() == g.channel()
                    && x.seq() > g.seq()).findFirst().orElse(null);
            grants.add(new Grant(g.id(), g.channel(), g.basis() == null ? null : g.basis().code(), g.collectedAt(),
                    g.context() == null ? null : g.context().code(), g.contextDetail(), g.sourceUrl(), g.ip(),
                    g.optInType() == null ? null : g.optInType().code(), confirm == null ? null : confirm.collectedAt(),
                    confirm == null ? null : confirm.ip(), g.declarationText(), g.subject(), g.separateConsent(), g.explicit(),
                    g.relationshipNature(), g.informedHow(), g.optOutOffered(), g.provenance(), withdrawn != null,
                    withdrawn == null ? null : withdrawn.collectedAt()));
        }
        String text = switch (state.status()) {
            case GRANTED -> "consent in force on " + on.code() + (state.collectedHow() == null ? "" : ": " + state.collectedHow());
            case UNCONFIRMED -> "a double opt-in awaiting its confirmation on " + on.code() + ": not consent (R-3)";
            case WITHDRAWN -> "consent withdrawn on " + on.code();
            case NONE -> "no consent recorded on " + on.code();
        };
        return new AddressEvidence(a.address(), a.channel(), state.isConsent(), text, grants);
    }

    private static long nz(Long l) {
        return l == null ? -1 : l;
    }

    @Override
    public Attachment attach(UUID accountId, long id, String filename, byte[] content, String actor) {
        Request r = get(accountId, id);
        awaitingAnswer(r);
        EvidencePolicy p = policies.current().policy().evidence();
        if (content == null || content.length == 0) throw new RuleViolation("file", RULE, "the file is empty");
        if (content.length > p.maxAttachmentBytes()) {
            throw new RuleViolation(413, "file", RULE, "the file is larger than " + p.maxAttachmentBytes() + " bytes (policy evidence.maxAttachmentBytes)");
        }
        org.fairsend.platform.Documents.Type type = org.fairsend.platform.Documents.sniff(content).orElseThrow(() -> new RuleViolation(415, "file", RULE,
                "only a PNG or JPEG screenshot or a PDF is accepted (the type is read from the file's bytes)"));
        String name = type.safeName(filename, "evidence");
        String sha = sha256(content);
        Instant now = clock.instant();
        long aid = tx.execute(s -> {
            if (store.attachmentCount(id) >= p.maxAttachments()) {
                throw new RuleViolation("file", RULE, "at most " + p.maxAttachments() + " files per request (policy evidence.maxAttachments)");
            }
            long a = store.attach(id, r.accountId(), name, type.mediaType(), content, sha, actor, now);
            store.step(id, r.accountId(), Action.ATTACHMENT_ADDED, actor, name + " (" + type.mediaType() + ", " + content.length + " bytes, sha256 "
                    + sha.substring(0, 16) + "...)", now);
            return a;
        });
        return store.attachment(id, aid).orElseThrow();
    }

    @Override
    public File attachment(UUID accountId, long id, long attachmentId) {
        get(accountId, id);
        Attachment a = store.attachment(id, attachmentId).orElseThrow(() -> new NotFound("attachment"));
        return new File(a, store.content(a.id()));
    }

    @Override
    public Request answer(UUID accountId, long id, String statement, String actor) {
        Request r = get(accountId, id);
        awaitingAnswer(r);
        String text = statement == null || statement.isBlank() ? null : statement.strip();
        if (text != null && text.length() > 20000) throw new RuleViolation("statement", RULE, "at most 20000 characters");
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (!store.answer(id, r.state(), text, actor, now)) {
                throw new RuleViolation(409, "state", RULE, "the request changed meanwhile: read it again");
            }
            store.step(id, r.accountId(), Action.ANSWERED, actor, "the account answered" + (text == null ? " with the ledger's records"
                    : " with a statement") + " and " + store.attachmentCount(id) + " file(s)", now);
            if (r.suspendedAt() != null && r.liftedAt() == null) lift(r, now);
        });
        return get(accountId, id);
    }

    /** The answer ends the hold this request put on the channel; the channel is active again unless another overdue request holds it. */
    private void lift(Request r, Instant now) {
        store.markLifted(r.id(), now);
        long others = store.otherSuspending(r.accountId(), r.channel(), r.id());
        var status = accounts.channelStatus(r.accountId(), r.channel());
        boolean ours = status.status() == ChannelState.SUSPENDED && status.until() == null && status.reason() != null
                && status.reason().startsWith(SUSPENSION);
        if (others == 0 && ours) {
            sanctions.reinstateChannel(r.accountId(), r.channel(), "seed 002 §1.2: evidence request " + r.id() + " answered");
            store.step(r.id(), r.accountId(), Action.LIFTED, SYSTEM, "the answer lifts the suspension of the " + r.channel().code() + " channel", now);
        } else {
            store.step(r.id(), r.accountId(), Action.LIFTED, SYSTEM, "this request no longer holds the " + r.channel().code() + " channel"
                    + (others > 0 ? "; it stays suspended until the account's other overdue request(s) are answered"
                            : ours ? "" : "; it is " + status.status().code() + " for another reason: " + status.reason()), now);
        }
    }

    private static void awaitingAnswer(Request r) {
        if (!r.state().awaitsAnswer()) {
            throw new RuleViolation(409, "state", RULE, "the request is " + r.state().code() + ": it takes no answer or file any more");
        }
    }

    @Override
    public Request accept(long id, String reason, String actor) {
        return decide(id, State.ACCEPTED, reason, actor);
    }

    @Override
    public Request reject(long id, String reason, String actor) {
        return decide(id, State.REJECTED, reason, actor);
    }

    private Request decide(long id, State to, String reason, String actor) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", RULE, "say why the evidence is " + to.code());
        String why = reason.strip();
        if (why.length() > 2000) throw new RuleViolation("reason", RULE, "at most 2000 characters");
        Request r = get(null, id);
        if (r.state() != State.ANSWERED) {
            throw new RuleViolation(409, "state", RULE, "the request is " + r.state().code() + ": only an answered request is decided");
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (!store.decide(id, to, why, actor, now)) throw new RuleViolation(409, "state", RULE, "the request changed meanwhile: read it again");
            if (to == State.ACCEPTED) {
                store.step(id, r.accountId(), Action.ACCEPTED, actor, why, now);
            } else {
                store.step(id, r.accountId(), Action.REJECTED, actor, why + (r.campaignId() == null ? " (the complaint names no campaign)"
                        : " (the campaign counts as incriminated on the sanctions ladder, R-15)"), now);
                events.publishEvent(new EvidenceRejected(id, r.complaintId(), r.accountId(), r.campaignId(), r.channel(), why, actor, now));
            }
        });
        Request done = get(null, id);
        notice(done, "[Fairsend] Your evidence was " + to.code() + " (request " + id + ")", decided(done));
        return done;
    }

    @Override
    public int checkDeadlines() {
        Instant now = clock.instant();
        int steps = 0;
        for (long id : store.remindersDue(now)) {
            if (!store.markReminded(id, now)) continue;
            Request r = get(null, id);
            PolicySnapshot ps = policies.version(r.policyVersion()).orElse(policies.current());
            String error = send(r, "[Fairsend] Reminder: evidence of consent due " + when(r.deadline(), ps) + " (request " + id + ")", reminder(r, ps));
            store.step(id, r.accountId(), error == null ? Action.REMINDED : Action.NOTICE_FAILED, SYSTEM, error == null
                    ? "reminder mailed to the account: the answer is due " + when(r.deadline(), ps) : "the reminder could not be mailed: " + error, now);
            steps++;
        }
        for (long id : store.overdue(now)) {
            Request r = get(null, id);
            Boolean suspended = tx.execute(s -> store.markOverdue(id) ? suspend(r, now, true) : null);
            if (suspended == null) continue;
            steps++;
            String error = send(r, "[Fairsend] Evidence request " + id + " overdue: your " + r.channel().code() + " channel is suspended",
                    overdueNotice(r, suspended));
            store.step(id, r.accountId(), error == null ? Action.REMINDED : Action.NOTICE_FAILED, SYSTEM, error == null
                    ? "the deadline passed: notice of the suspension mailed to the account" : "the suspension notice could not be mailed: " + error, now);
        }
        for (long id : store.overdueNotSuspended()) {
            Request r = get(null, id);
            if (r.state() != State.OVERDUE) continue;
            Boolean done = tx.execute(s -> suspend(r, now, false));
            if (Boolean.TRUE.equals(done)) steps++;
        }
        return steps;
    }

    /**
     * The channel concerned is suspended until the account answers (seed 002 §1.2: "accounts that are unable to provide
     * us with evidence ... may have their accounts suspended"). A channel already suspended by another overdue request
     * is shared; one suspended for another reason (R-15) is left alone and taken once that ends.
     */
    private boolean suspend(Request r, Instant now, boolean first) {
        var status = accounts.channelStatus(r.accountId(), r.channel());
        boolean ours = status.status() == ChannelState.SUSPENDED && status.until() == null && status.reason() != null
                && status.reason().startsWith(SUSPENSION);
        if (status.status() == ChannelState.ACTIVE) {
            sanctions.suspendChannel(r.accountId(), r.channel(), null, SUSPENSION + r.id() + " unanswered by its deadline " + r.deadline()
                    + ": suspended until it is answered");
            store.markSuspended(r.id(), now);
            store.step(r.id(), r.accountId(), Action.SUSPENDED, SYSTEM, "no answer by the deadline: the " + r.channel().code()
                    + " channel is suspended until the account answers", now);
            return true;
        }
        if (ours) {
            store.markSuspended(r.id(), now);
            store.step(r.id(), r.accountId(), Action.SUSPENDED, SYSTEM, "no answer by the deadline: the " + r.channel().code()
                    + " channel, already suspended for another unanswered request, stays suspended until this one is answered too", now);
            return true;
        }
        if (first) {
            store.step(r.id(), r.accountId(), Action.SUSPENDED, SYSTEM, "no answer by the deadline; the " + r.channel().code() + " channel is "
                    + status.status().code() + " for another reason (" + status.reason() + "): it will be suspended for this request if"
                    + " that ends first", now);
        }
        return false;
    }

    private WorkingDays workingDays(PolicySnapshot ps) {
        return new WorkingDays(ps.policy().sendingHours().zone(), ps.policy().evidence().daysOfWeek(), ps.policy().sendingHours().closedDates());
    }

    private static String when(Instant at, PolicySnapshot ps) {
        ZoneId zone = ps.policy().sendingHours().zone();
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm", java.util.Locale.ENGLISH).withZone(zone).format(at) + " (" + zone.getId() + ")";
    }

    private void notice(Request r, String subject, String body) {
        String error = send(r, subject, body);
        if (error != null) store.step(r.id(), r.accountId(), Action.NOTICE_FAILED, SYSTEM, "the notice could not be mailed: " + error, clock.instant());
    }

    /** Mails the account's contact address; null when the relay took it, otherwise why not. */
    private String send(Request r, String subject, String body) {
        try {
            return accountMail.toAccount(r.accountId(), subject, body).orElse(null);
        } catch (RuntimeException e) {
            log.warn("notice of evidence request {} failed", r.id(), e);
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private String links(Request r) {
        return "Answer in the console: " + props.publicUrl() + "/console/evidence-requests/" + r.id() + "\n"
                + "or through the API: GET/POST " + props.publicUrl() + "/api/evidence-requests/" + r.id() + "\n";
    }

    private String opened(Request r, PolicySnapshot ps) {
        return "Hello,\n\nFairsend received a complaint (" + r.complaintId() + ") about a message of your account. As our sending conditions"
                + " say (seed 002 §1.2), please provide the evidence of consent for:\n" + String.join("\n", r.addresses().stream()
                        .map(a -> "  - " + a).toList())
                + "\n\nThe platform has pre-filled what its consent ledger holds for each (date and time, context, form URL, IP, opt-in type,"
                + " confirmation, declaration text...). Check it, add a statement and files if you have more (a screenshot of the form, a PDF),"
                + " and answer by " + when(r.deadline(), ps) + ".\n"
                + "Without an answer by then, your " + r.channel().code() + " channel is suspended until you answer.\n\n" + links(r)
                + "\n-- Fairsend\n";
    }

    private String reminder(Request r, PolicySnapshot ps) {
        return "Hello,\n\nReminder: the evidence of consent asked after complaint " + r.complaintId() + " (request " + r.id() + ") is due "
                + when(r.deadline(), ps) + ". Without an answer by then, your " + r.channel().code()
                + " channel is suspended until you answer.\n\n" + links(r) + "\n-- Fairsend\n";
    }

    private String overdueNotice(Request r, boolean suspended) {
        return "Hello,\n\nThe evidence of consent asked after complaint " + r.complaintId() + " (request " + r.id() + ") was not provided by its"
                + " deadline. " + (suspended ? "Your " + r.channel().code() + " channel is suspended until you answer: answering lifts the suspension."
                        : "Your " + r.channel().code() + " channel will be suspended until you answer.")
                + "\n\n" + links(r) + "\n-- Fairsend\n";
    }

    private String decided(Request r) {
        return "Hello,\n\nThe operator " + (r.state() == State.ACCEPTED ? "accepted" : "rejected") + " your evidence for request " + r.id()
                + " (complaint " + r.complaintId() + "): " + r.decisionReason() + "\n"
                + (r.state() == State.REJECTED ? "The campaign concerned counts as an incriminated campaign on the sanctions ladder (R-15).\n" : "")
                + "\n" + props.publicUrl() + "/console/evidence-requests/" + r.id() + "\n\n-- Fairsend\n";
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
