package org.fairsend.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService.Transition;
import org.fairsend.delivery.Segment;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaigns module's SQL: {@code campaign}, {@code campaign_list} and {@code campaign_transition} (V11, V32),
 * and a voice campaign's {@code campaign_voice} row (V43). Statuses and kinds are stored as their codes and read
 * back into their enums here; the lifecycle rules are {@link CampaignLifecycle}'s.
 */
@Component
class CampaignStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    CampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields an update writes (every one, resolved against the current campaign). */
    record Fields(Campaign.Kind kind, String name, String subject, String preheader, String html, String text, String fromName,
            String fromAddress, String replyTo, Segment segment, boolean excludeInactive, boolean trackOpens, boolean trackClicks,
            boolean platformFooter, Integer throttlePerMinute, String smsSender, String topic) {}

    void insert(UUID id, UUID accountId, Channel channel, Campaign.Kind kind, String name, Instant now) {
        jdbc.sql("""
                insert into campaign (id, account_id, channel, kind, name, status, exclude_inactive, track_opens, track_clicks,
                    platform_footer, created_at, updated_at) values (?, ?, ?, ?, ?, ?, true, true, true, true, ?, ?)""")
                .params(id, accountId, channel.code(), kind.code(), name, Campaign.Status.DRAFT.code(), Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    void update(UUID id, Fields f, Instant now) {
        jdbc.sql("""
                update campaign set kind = ?, name = ?, subject = ?, preheader = ?, html_body = ?, text_body = ?, from_name = ?,
                    from_address = ?, reply_to = ?, segment = ?, exclude_inactive = ?, track_opens = ?, track_clicks = ?,
                    platform_footer = ?, throttle_per_minute = ?, sms_sender = ?, topic = ?, updated_at = ? where id = ?""")
                .params(f.kind().code(), f.name(), f.subject(), f.preheader(), f.html(), f.text(), f.fromName(), f.fromAddress(),
                        f.replyTo(), f.segment() == null ? null : JSON.writeValueAsString(f.segment()), f.excludeInactive(),
                        f.trackOpens(), f.trackClicks(), f.platformFooter(), f.throttlePerMinute(), f.smsSender(), f.topic(), Timestamp.from(now), id)
                .update();
    }

    void replaceLists(UUID id, List<UUID> lists) {
        jdbc.sql("delete from campaign_list where campaign_id = ?").param(id).update();
        for (UUID list : lists) {
            jdbc.sql("insert into campaign_list (campaign_id, list_id) values (?, ?)").params(id, list).update();
        }
    }

    Optional<Campaign> find(UUID id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(this::map).optional();
    }

    List<Campaign> list(UUID accountId, int limit) {
        return jdbc.sql("select * from campaign where account_id = ? order by created_at desc limit ?").params(accountId, limit)
                .query(this::map).list();
    }

    /** Scheduled campaigns whose time has come. */
    List<Campaign> due(Instant now) {
        return jdbc.sql("select * from campaign where status = ? and scheduled_at <= ?")
                .params(Campaign.Status.SCHEDULED.code(), Timestamp.from(now)).query(this::map).list();
    }

    void setStatus(UUID id, Campaign.Status status, String reason, Instant now) {
        jdbc.sql("update campaign set status = ?, status_reason = ?, updated_at = ? where id = ?")
                .params(status.code(), reason, Timestamp.from(now), id).update();
    }

    /**
     * The campaign starts sending under the policy version its preflight used, only if it is still in the status it was
     * read in ({@code from}): two nodes (or a node and a request) that start one scheduled campaign at once start it once,
     * the second finds it moved (issue 18). False when it had moved.
     */
    boolean started(UUID id, Campaign.Status from, int policyVersion, Instant now) {
        return jdbc.sql("update campaign set status = ?, started_at = ?, policy_version = ?, status_reason = null where id = ? and status = ?")
                .params(Campaign.Status.SENDING.code(), Timestamp.from(now), policyVersion, id, from.code()).update() == 1;
    }

    /** A scheduled campaign goes back to draft, only if it is still scheduled (never one another node started, issue 18). */
    boolean unscheduled(UUID id, String reason, Instant now) {
        return jdbc.sql("update campaign set status = ?, status_reason = ?, updated_at = ? where id = ? and status = ?")
                .params(Campaign.Status.DRAFT.code(), reason, Timestamp.from(now), id, Campaign.Status.SCHEDULED.code()).update() == 1;
    }

    void scheduled(UUID id, Instant at) {
        jdbc.sql("update campaign set status = ?, scheduled_at = ? where id = ?").params(Campaign.Status.SCHEDULED.code(), Timestamp.from(at), id)
                .update();
    }

    void finishedAt(UUID id, Instant at) {
        jdbc.sql("update campaign set finished_at = ? where id = ?").params(Timestamp.from(at), id).update();
    }

    void transition(UUID id, Campaign.Status from, Campaign.Status to, String actor, String reason, Instant at) {
        jdbc.sql("insert into campaign_transition (campaign_id, from_status, to_status, actor, reason, occurred_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, from == null ? null : from.code(), to.code(), actor, reason, Timestamp.from(at)).update();
    }

    List<Transition> history(UUID id) {
        return jdbc.sql("select * from campaign_transition where campaign_id = ? order by id").param(id)
                .query((rs, n) -> {
                    String from = rs.getString("from_status");
                    return new Transition(from == null ? null : Campaign.Status.of(from), Campaign.Status.of(rs.getString("to_status")),
                            rs.getString("actor"), rs.getString("reason"), rs.getTimestamp("occurred_at").toInstant());
                }).list();
    }

    // ----- a voice campaign's recording and caller number (campaign_voice)

    /** The recording and caller number a voice campaign names (nulls when it names none). */
    record VoiceRow(UUID voiceMessageId, UUID callerNumberId) {}

    VoiceRow voice(UUID campaignId) {
        return jdbc.sql("select voice_message_id, caller_number_id from campaign_voice where campaign_id = ?").param(campaignId)
                .query((rs, n) -> new VoiceRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional()
                .orElse(new VoiceRow(null, null));
    }

    void saveVoice(UUID campaignId, UUID voiceMessageId, UUID callerNumberId, Instant now) {
        int updated = jdbc.sql("update campaign_voice set voice_message_id = ?, caller_number_id = ?, updated_at = ? where campaign_id = ?")
                .params(voiceMessageId, callerNumberId, Timestamp.from(now), campaignId).update();
        if (updated == 0) {
            jdbc.sql("insert into campaign_voice (campaign_id, voice_message_id, caller_number_id, updated_at) values (?, ?, ?, ?)")
                    .params(campaignId, voiceMessageId, callerNumberId, Timestamp.from(now)).update();
        }
    }

    private Campaign map(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> lists = jdbc.sql("select list_id from campaign_list where campaign_id = ? order by list_id").param(id).query(UUID.class).list();
        String seg = rs.getString("segment");
        return new Campaign(id, rs.getObject("account_id", UUID.class), Channel.of(rs.getString("channel")),
                Campaign.Kind.of(rs.getString("kind")), rs.getString("name"), Campaign.Status.of(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("subject"), rs.getString("preheader"), rs.getString("html_body"),
                rs.getString("text_body"), rs.getString("from_name"), rs.getString("from_address"), rs.getString("reply_to"), lists,
                seg == null ? null : JSON.readValue(seg, Segment.class), rs.getBoolean("exclude_inactive"), rs.getBoolean("track_opens"),
                rs.getBoolean("track_clicks"), rs.getBoolean("platform_footer"), ts(rs, "scheduled_at"),
                (Integer) rs.getObject("throttle_per_minute", Integer.class), (Integer) rs.getObject("policy_version", Integer.class),
                ts(rs, "created_at"), ts(rs, "updated_at"), ts(rs, "started_at"), ts(rs, "finished_at"), rs.getString("sms_sender"),
                rs.getString("topic"));
    }

    private static Instant ts(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
