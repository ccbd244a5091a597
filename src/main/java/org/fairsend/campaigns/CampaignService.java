package org.fairsend.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.SmsTemplate;
import org.fairsend.delivery.RunProgress;
import org.fairsend.delivery.Segment;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaigns: definitions, the lifecycle state machine with an audit row per transition, and the bridge to
 * delivery (start, pause, resume, cancel). Starting requires a preflight without blocking findings.
 */
@Service
public class CampaignService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Deliveries deliveries;
    private final Preflight preflight;
    private final ApplicationEventPublisher events;
    private final org.fairsend.contacts.ContactDirectory contacts;
    private final VoiceCampaigns voice;

    CampaignService(JdbcClient jdbc, Clock clock, Deliveries deliveries, Preflight preflight, ApplicationEventPublisher events,
            org.fairsend.contacts.ContactDirectory contacts, VoiceCampaigns voice) {
        this.voice = voice;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.deliveries = deliveries;
        this.preflight = preflight;
        this.events = events;
    }

    /** What an account writes; null fields keep their defaults (create) or current value (update). */
    public record Draft(String name, String channel, String kind, String subject, String preheader, String html, String text,
            String fromName, String fromAddress, String replyTo, List<UUID> listIds, Segment segment, Boolean excludeInactive,
            Boolean trackOpens, Boolean trackClicks, Boolean platformFooter, Integer throttlePerMinute, String smsSender) {}

    @Transactional
    public Campaign create(UUID accountId, Draft d) {
        UUID id = Ids.newId();
        Instant now = clock.instant();
        String channel = d.channel() == null ? "email" : Channel.of(d.channel()).code();
        String kind = d.kind() == null ? "marketing" : d.kind().trim().toLowerCase(Locale.ROOT);
        jdbc.sql("""
                insert into campaign (id, account_id, channel, kind, name, status, exclude_inactive, track_opens, track_clicks,
                    platform_footer, created_at, updated_at) values (?, ?, ?, ?, ?, 'draft', true, true, true, true, ?, ?)""")
                .params(id, accountId, channel, kind, d.name() == null ? "Untitled campaign" : d.name(), Timestamp.from(now), Timestamp.from(now))
                .update();
        transition(id, accountId, null, Campaign.Status.DRAFT, "account", "created");
        return write(get(accountId, id), d);
    }

    @Transactional
    public Campaign update(UUID accountId, UUID id, Draft d) {
        Campaign c = get(accountId, id);
        if (c.status() != Campaign.Status.DRAFT && c.status() != Campaign.Status.SCHEDULED) {
            throw new RuleViolation(409, "status", "lifecycle", "a campaign can be edited only as a draft or while scheduled (it is " + c.status().code() + ")");
        }
        return write(c, d);
    }

    private Campaign write(Campaign c, Draft d) {
        List<Violation> v = new ArrayList<>();
        String kind = d.kind() == null ? c.kind() : d.kind().trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("marketing") && !kind.equals("transactional")) v.add(new Violation("kind", "kind", "marketing or transactional"));
        String name = d.name() == null ? c.name() : d.name().strip();
        if (name.isEmpty() || name.length() > 200) v.add(new Violation("name", "length", "1 to 200 characters"));
        String subject = pick(d.subject(), c.subject());
        if (subject != null && subject.length() > 998) v.add(new Violation("subject", "length", "at most 998 characters"));
        String fromAddress = pick(d.fromAddress(), c.fromAddress());
        if (fromAddress != null && !fromAddress.isBlank()) {
            var r = Addresses.emailOrError(fromAddress);
            if (!r.ok()) v.add(new Violation("fromAddress", "R-9", r.error()));
            else fromAddress = r.value();
        }
        String replyTo = pick(d.replyTo(), c.replyTo());
        if (replyTo != null && !replyTo.isBlank()) {
            var r = Addresses.emailOrError(replyTo);
            if (!r.ok()) v.add(new Violation("replyTo", "R-9", r.error()));
            else replyTo = r.value();
        }
        String fromName = pick(d.fromName(), c.fromName());
        if (fromName != null && fromName.length() > 200) v.add(new Violation("fromName", "length", "at most 200 characters"));
        Integer throttle = d.throttlePerMinute() == null ? c.throttlePerMinute() : d.throttlePerMinute();
        if (throttle != null && (throttle < 1 || throttle > 10_000_000)) v.add(new Violation("throttlePerMinute", "range", "between 1 and 10,000,000"));
        String html = pick(d.html(), c.html());
        if (html != null && html.length() > 1_000_000) v.add(new Violation("html", "length", "at most 1,000,000 characters"));
        String smsSender = d.smsSender() == null ? c.smsSender() : d.smsSender().isBlank() ? null : d.smsSender().strip();
        if (smsSender != null && c.channel() != Channel.SMS) v.add(new Violation("smsSender", "channel", "only an SMS campaign has an SMS sender"));
        else if (smsSender != null && !smsSender.matches("^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$")) {
            v.add(new Violation("smsSender", "X-6", "a personalised sender has 1 to 11 letters or digits with at least one letter (no spaces,"
                    + " accents or punctuation; a mobile number is never a marketing sender)"));
        }
        String text = pick(d.text(), c.text());
        if (c.channel() == Channel.SMS && text != null && text.length() > 2000) v.add(new Violation("text", "length", "at most 2,000 characters"));
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        jdbc.sql("""
                update campaign set kind = ?, name = ?, subject = ?, preheader = ?, html_body = ?, text_body = ?, from_name = ?,
                    from_address = ?, reply_to = ?, segment = ?, exclude_inactive = ?, track_opens = ?, track_clicks = ?,
                    platform_footer = ?, throttle_per_minute = ?, sms_sender = ?, updated_at = ? where id = ?""")
                .params(kind, name, subject, pick(d.preheader(), c.preheader()), html, text, fromName,
                        fromAddress, replyTo,
                        d.segment() != null ? JSON.writeValueAsString(d.segment()) : c.segment() == null ? null : JSON.writeValueAsString(c.segment()),
                        d.excludeInactive() == null ? c.excludeInactive() : d.excludeInactive(),
                        d.trackOpens() == null ? c.trackOpens() : d.trackOpens(),
                        d.trackClicks() == null ? c.trackClicks() : d.trackClicks(),
                        d.platformFooter() == null ? c.platformFooter() : d.platformFooter(), throttle, smsSender,
                        Timestamp.from(clock.instant()), c.id())
                .update();
        if (d.listIds() != null) {
            jdbc.sql("delete from campaign_list where campaign_id = ?").param(c.id()).update();
            for (UUID list : d.listIds().stream().distinct().toList()) {
                if (!contacts.listExists(c.accountId(), list)) throw new RuleViolation(422, "listIds", "exists", "list " + list + " not found");
                jdbc.sql("insert into campaign_list (campaign_id, list_id) values (?, ?)").params(c.id(), list).update();
            }
        }
        return get(c.accountId(), c.id());
    }

    private static String pick(String next, String current) {
        return next != null ? next : current;
    }

    public Campaign get(UUID accountId, UUID id) {
        return find(id).filter(c -> c.accountId().equals(accountId)).orElseThrow(() -> new NotFound("campaign"));
    }

    public Optional<Campaign> find(UUID id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(this::map).optional();
    }

    public List<Campaign> list(UUID accountId, int limit) {
        return jdbc.sql("select * from campaign where account_id = ? order by created_at desc limit ?").params(accountId, limit)
                .query(this::map).list();
    }

    /** The SMS as the first eligible recipient will get it, and its cost for the audience. */
    public SmsPreview smsPreview(UUID accountId, UUID id, String senderName) {
        return smsPreview(accountId, id, senderName, null);
    }

    /**
     * The SMS as the contact {@code contactId} of the account will get it (null: the first eligible recipient),
     * and its cost for the audience.
     */
    public SmsPreview smsPreview(UUID accountId, UUID id, String senderName, UUID contactId) {
        Campaign c = get(accountId, id);
        if (c.channel() != Channel.SMS) throw new RuleViolation(409, "channel", "channel", "this is not an SMS campaign");
        var spec = audience(c);
        var contact = contactId != null ? contacts.find(accountId, contactId).orElseThrow(() -> new org.fairsend.platform.NotFound("contact"))
                : deliveries.sampleEligible(spec, 1).stream().findFirst().flatMap(s -> contacts.findAll(accountId, List.of(s)).stream().findFirst())
                        .orElse(null);
        var rendered = (org.fairsend.delivery.RenderedContent.Sms) deliveries.renderSample(accountId, senderName, template(c),
                org.fairsend.delivery.RecipientBindings.of(contact));
        long eligible = deliveries.preview(spec).count("eligible");
        return SmsPreview.of(rendered, shortCode(rendered, c), contact != null, eligible);
    }

    /** The short code the renderer used: the sender itself without a personalised one, else the end of the mention. */
    static String shortCode(org.fairsend.delivery.RenderedContent.Sms sms, Campaign c) {
        if (!sms.alphanumericSender()) return sms.sender();
        int i = sms.text().lastIndexOf("STOP au ");
        return i < 0 ? "" : sms.text().substring(i + 8).strip();
    }

    public PreflightReport preflight(UUID accountId, UUID id) {
        return preflight.run(get(accountId, id));
    }

    /** Starts now: the preflight must have no blocking finding. */
    @Transactional
    public PreflightReport start(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        if (c.status() == Campaign.Status.PAUSED) {
            resume(accountId, id, actor);
            return preflight.run(get(accountId, id));
        }
        require(c, Campaign.Status.SENDING);
        PreflightReport report = preflight.run(c);
        if (!report.canStart()) {
            throw new RuleViolation(422, report.findings().stream().filter(f -> f.blocking())
                    .map(f -> new Violation(f.location(), f.rule(), f.message())).toList());
        }
        jdbc.sql("update campaign set status = 'sending', started_at = ?, policy_version = ?, status_reason = null where id = ?")
                .params(Timestamp.from(clock.instant()), report.policyVersion(), id).update();
        transition(id, accountId, c.status(), Campaign.Status.SENDING, actor, "started (policy v" + report.policyVersion() + ")");
        deliveries.start(id, c.name(), audience(c), c.channel() == Channel.VOICE ? voice.template(c) : template(c), c.throttlePerMinute());
        return report;
    }

    @Transactional
    public Campaign schedule(UUID accountId, UUID id, Instant at, String actor) {
        Campaign c = get(accountId, id);
        require(c, Campaign.Status.SCHEDULED);
        if (at == null || at.isBefore(clock.instant())) throw new RuleViolation("at", "schedule", "the time must be in the future");
        PreflightReport report = preflight.run(c);
        if (!report.canStart()) {
            throw new RuleViolation(422, report.findings().stream().filter(f -> f.blocking())
                    .map(f -> new Violation(f.location(), f.rule(), f.message())).toList());
        }
        jdbc.sql("update campaign set status = 'scheduled', scheduled_at = ? where id = ?").params(Timestamp.from(at), id).update();
        transition(id, accountId, c.status(), Campaign.Status.SCHEDULED, actor, "scheduled for " + at);
        return get(accountId, id);
    }

    @Transactional
    public Campaign pause(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        require(c, Campaign.Status.PAUSED);
        deliveries.pause(id);
        setStatus(c, Campaign.Status.PAUSED, actor, "paused");
        return get(accountId, id);
    }

    @Transactional
    public Campaign resume(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        if (c.status() == Campaign.Status.SUSPENDED) {
            throw new RuleViolation(409, "status", "R-14", "a suspended campaign is resumed by the operator, with a reason");
        }
        require(c, Campaign.Status.SENDING);
        deliveries.resume(id);
        setStatus(c, Campaign.Status.SENDING, actor, "resumed");
        return get(accountId, id);
    }

    /** The operator resumes a suspended campaign, with a reason. */
    @Transactional
    public Campaign resumeSuspended(UUID id, String actor, String reason) {
        Campaign c = find(id).orElseThrow(() -> new NotFound("campaign"));
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the campaign may resume");
        require(c, Campaign.Status.SENDING);
        deliveries.resume(id);
        setStatus(c, Campaign.Status.SENDING, actor, reason);
        return get(c.accountId(), id);
    }

    /** Suspends a sending campaign: nothing more leaves until the operator resumes it. */
    @Transactional
    public void suspend(UUID id, String actor, String reason) {
        Campaign c = find(id).orElseThrow(() -> new NotFound("campaign"));
        if (c.status() == Campaign.Status.SUSPENDED) return;
        require(c, Campaign.Status.SUSPENDED);
        deliveries.pause(id);
        setStatus(c, Campaign.Status.SUSPENDED, actor, reason);
    }

    @Transactional
    public Campaign cancel(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        require(c, Campaign.Status.CANCELLED);
        if (c.status() != Campaign.Status.DRAFT && c.status() != Campaign.Status.SCHEDULED) deliveries.cancel(id);
        setStatus(c, Campaign.Status.CANCELLED, actor, "cancelled");
        jdbc.sql("update campaign set finished_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        return get(accountId, id);
    }

    /** Delivery finished every message. */
    @Transactional
    public void finished(UUID id) {
        find(id).filter(c -> c.status() == Campaign.Status.SENDING).ifPresent(c -> {
            setStatus(c, Campaign.Status.FINISHED, "delivery", "every message reached a final state");
            jdbc.sql("update campaign set finished_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        });
    }

    public RunProgress progress(UUID accountId, UUID id) {
        get(accountId, id);
        return deliveries.progress(id);
    }

    public record Transition(String from, String to, String actor, String reason, Instant at) {}

    public List<Transition> history(UUID accountId, UUID id) {
        get(accountId, id);
        return jdbc.sql("select * from campaign_transition where campaign_id = ? order by id").param(id)
                .query((rs, n) -> new Transition(rs.getString("from_status"), rs.getString("to_status"), rs.getString("actor"),
                        rs.getString("reason"), rs.getTimestamp("occurred_at").toInstant())).list();
    }

    /** Scheduled campaigns whose time has come (the scheduler starts them). */
    public List<Campaign> due() {
        return jdbc.sql("select * from campaign where status = 'scheduled' and scheduled_at <= ?").param(Timestamp.from(clock.instant()))
                .query(this::map).list();
    }

    /** A scheduled campaign that can no longer start goes back to draft with the reason. */
    @Transactional
    public void unschedule(Campaign c, String reason) {
        setStatus(c, Campaign.Status.DRAFT, "scheduler", reason);
    }

    static AudienceSpec audience(Campaign c) {
        return new AudienceSpec(c.accountId(), c.channel(), c.listIds(), c.segment(), c.marketing(), c.excludeInactive());
    }

    static MessageTemplate template(Campaign c) {
        return switch (c.channel()) {
            case EMAIL -> new EmailTemplate(c.subject(), c.preheader(), c.html(), c.text(), c.fromName(), c.fromAddress(), c.replyTo(),
                    c.marketing(), c.trackOpens(), c.trackClicks(), c.platformFooter());
            case SMS -> new SmsTemplate(c.text(), c.smsSender(), c.marketing());
            // a voice campaign's recording and caller number are its own rows: VoiceCampaigns.template
            case VOICE -> throw new IllegalStateException("voice templates come from VoiceCampaigns");
        };
    }

    private void require(Campaign c, Campaign.Status next) {
        if (!c.status().canMoveTo(next)) {
            throw new RuleViolation(409, "status", "lifecycle", "a " + c.status().code() + " campaign cannot become " + next.code());
        }
    }

    private void setStatus(Campaign c, Campaign.Status next, String actor, String reason) {
        jdbc.sql("update campaign set status = ?, status_reason = ?, updated_at = ? where id = ?")
                .params(next.code(), reason, Timestamp.from(clock.instant()), c.id()).update();
        transition(c.id(), c.accountId(), c.status(), next, actor, reason);
    }

    private void transition(UUID id, UUID accountId, Campaign.Status from, Campaign.Status to, String actor, String reason) {
        jdbc.sql("insert into campaign_transition (campaign_id, from_status, to_status, actor, reason, occurred_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, from == null ? null : from.code(), to.code(), actor, reason, Timestamp.from(clock.instant())).update();
        events.publishEvent(new CampaignStatusChanged(id, accountId, from == null ? null : from.code(), to.code(), actor, reason));
    }

    private Campaign map(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> lists = jdbc.sql("select list_id from campaign_list where campaign_id = ? order by list_id").param(id).query(UUID.class).list();
        String seg = rs.getString("segment");
        return new Campaign(id, rs.getObject("account_id", UUID.class), Channel.of(rs.getString("channel")), rs.getString("kind"),
                rs.getString("name"), Campaign.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getString("status_reason"), rs.getString("subject"), rs.getString("preheader"), rs.getString("html_body"),
                rs.getString("text_body"), rs.getString("from_name"), rs.getString("from_address"), rs.getString("reply_to"), lists,
                seg == null ? null : JSON.readValue(seg, Segment.class), rs.getBoolean("exclude_inactive"), rs.getBoolean("track_opens"),
                rs.getBoolean("track_clicks"), rs.getBoolean("platform_footer"), ts(rs, "scheduled_at"),
                (Integer) rs.getObject("throttle_per_minute", Integer.class), (Integer) rs.getObject("policy_version", Integer.class),
                ts(rs, "created_at"), ts(rs, "updated_at"), ts(rs, "started_at"), ts(rs, "finished_at"), rs.getString("sms_sender"));
    }

    private static Instant ts(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
