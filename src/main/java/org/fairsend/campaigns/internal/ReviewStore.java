package org.fairsend.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.campaigns.ContentReviews.Request;
import org.fairsend.campaigns.ContentReviews.Review;
import org.fairsend.campaigns.ContentReviews.State;
import org.fairsend.content.Finding;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the content reviews: {@code content_review} (V96), states and requests stored as their codes. */
@Component
class ReviewStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};
    private static final String SELECT = "select r.*, c.name as campaign_name from content_review r join campaign c on c.id = r.campaign_id ";

    private final JdbcClient jdbc;

    ReviewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID accountId, UUID campaignId, Channel channel, String hash, List<Finding> findings, Request request,
            Instant scheduledFor, String actor, Instant now) {
        jdbc.sql("""
                insert into content_review (id, account_id, campaign_id, channel, content_hash, findings, request, scheduled_for,
                    requested_by, requested_at, state, pending_campaign) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, campaignId, channel.code(), hash, JSON.writeValueAsString(findings), request.code(),
                        scheduledFor == null ? null : Timestamp.from(scheduledFor), actor, Timestamp.from(now), State.PENDING.code(), campaignId)
                .update();
    }

    Optional<Review> find(UUID id) {
        return jdbc.sql(SELECT + "where r.id = ?").param(id).query(this::map).optional();
    }

    Optional<Review> pending(UUID campaignId) {
        return jdbc.sql(SELECT + "where r.campaign_id = ? and r.state = ?").params(campaignId, State.PENDING.code()).query(this::map).optional();
    }

    /** Whether the operator approved this very content of the campaign (R-11: an approval holds for the hash it saw). */
    boolean approved(UUID campaignId, String hash) {
        return jdbc.sql("select count(*) from content_review where campaign_id = ? and state = ? and content_hash = ?")
                .params(campaignId, State.APPROVED.code(), hash).query(Long.class).single() > 0;
    }

    Optional<Review> latest(UUID campaignId) {
        return jdbc.sql(SELECT + "where r.campaign_id = ? order by r.requested_at desc, r.id limit 1").param(campaignId).query(this::map).optional();
    }

    List<Review> list(State state, int limit) {
        String order = state == State.PENDING ? "r.requested_at asc" : "coalesce(r.decided_at, r.requested_at) desc";
        return jdbc.sql(SELECT + "where r.state = ? order by " + order + " limit ?").params(state.code(), limit).query(this::map).list();
    }

    long count(State state) {
        return jdbc.sql("select count(*) from content_review where state = ?").param(state.code()).query(Long.class).single();
    }

    List<Review> ofAccount(UUID accountId, int limit) {
        return jdbc.sql(SELECT + "where r.account_id = ? order by r.requested_at desc limit ?").params(accountId, limit).query(this::map).list();
    }

    /** Decides a pending request; false when it was no longer pending (decided or withdrawn meanwhile). */
    boolean decide(UUID id, State state, String actor, String reason, Instant at) {
        return jdbc.sql("update content_review set state = ?, decided_by = ?, decided_at = ?, reason = ?, pending_campaign = null where id = ? and state = ?")
                .params(state.code(), actor, Timestamp.from(at), reason, id, State.PENDING.code()).update() == 1;
    }

    void notified(UUID id, String error, Instant at) {
        jdbc.sql("update content_review set notified_at = ?, notice_error = ? where id = ?")
                .params(error == null ? Timestamp.from(at) : null, error, id).update();
    }

    private Review map(ResultSet rs, int n) throws SQLException {
        return new Review(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                rs.getString("campaign_name"), Channel.of(rs.getString("channel")), rs.getString("content_hash"),
                JSON.readValue(rs.getString("findings"), FINDINGS), Request.of(rs.getString("request")), ts(rs, "scheduled_for"),
                rs.getString("requested_by"), ts(rs, "requested_at"), State.of(rs.getString("state")), rs.getString("decided_by"),
                ts(rs, "decided_at"), rs.getString("reason"), ts(rs, "notified_at"));
    }

    private static Instant ts(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
