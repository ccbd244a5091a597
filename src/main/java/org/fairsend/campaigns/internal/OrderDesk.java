package org.fairsend.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignSanctions;
import org.fairsend.delivery.Deliveries;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaigns module's {@link CampaignSanctions} (issue 19, seed 002 §1.5): the lifecycle moves through
 * {@link CampaignLifecycle} (its transition row and {@code CampaignStatusChanged}), and the operator's action is a row of
 * {@code campaign_order_action} (V127) in the same transaction.
 */
@Service
class OrderDesk implements CampaignSanctions {

    /** Seed 002 §1.5 and the general conditions: what a cancelled order's record says of the refund. */
    static final String NO_REFUND = "no refund (general conditions, seed 002 §1.5: no refunds will be made)";

    private final CampaignLifecycle lifecycle;
    private final Deliveries deliveries;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    OrderDesk(CampaignLifecycle lifecycle, Deliveries deliveries, JdbcClient jdbc, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.lifecycle = lifecycle;
        this.deliveries = deliveries;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Campaign suspend(UUID campaignId, String actor, String reason) {
        String why = RuleViolation.requiredReason(reason, "say why the campaign is suspended (the account is shown it)", 1500);
        Campaign c = locked(campaignId);
        if (c.status() == Campaign.Status.SUSPENDED) {
            throw new RuleViolation(409, "status", "lifecycle", "the campaign is already suspended: " + c.statusReason());
        }
        if (c.status() != Campaign.Status.SENDING && c.status() != Campaign.Status.PAUSED) {
            throw new RuleViolation(409, "status", "lifecycle", "only a sending or paused campaign can be suspended (it is "
                    + c.status().code() + ")" + (c.status() == Campaign.Status.SCHEDULED || c.status() == Campaign.Status.IN_REVIEW
                            ? "; cancel the order to keep it from starting" : ""));
        }
        // stops this node's gate at once, before any database round trip; the suspension records it for every node
        deliveries.halt(campaignId);
        lifecycle.suspend(campaignId, actor, "suspended by the operator: " + why);
        return record(c, Action.SUSPEND, null, actor, why);
    }

    @Override
    @Transactional
    public Campaign reinstate(UUID campaignId, String actor, String reason) {
        String why = RuleViolation.requiredReason(reason, "say why the campaign may send again (the account is shown it)", 1500);
        Campaign c = locked(campaignId);
        if (c.status() != Campaign.Status.SUSPENDED) {
            throw new RuleViolation(409, "status", "lifecycle", "only a suspended campaign can be reinstated (it is " + c.status().code() + ")");
        }
        lifecycle.resumeSuspended(campaignId, actor, "reinstated by the operator: " + why);
        return record(c, Action.REINSTATE, null, actor, why);
    }

    @Override
    @Transactional
    public Campaign cancelOrder(UUID campaignId, String actor, String reason) {
        String why = RuleViolation.requiredReason(reason, "say why the order is cancelled (the account is shown it)", 1500);
        Campaign c = locked(campaignId);
        if (c.status().over()) throw new RuleViolation(409, "status", "lifecycle", "the campaign is already " + c.status().code());
        if (c.status() == Campaign.Status.DRAFT) {
            throw new RuleViolation(409, "status", "lifecycle", "a draft is not an order yet: nothing is scheduled or sending");
        }
        if (!c.status().editable()) deliveries.halt(campaignId);
        lifecycle.cancel(c, actor, "order cancelled by the operator: " + why + "; " + NO_REFUND);
        return record(c, Action.CANCEL, Refund.NONE, actor, why);
    }

    @Override
    public List<OrderAction> actions(UUID accountId, UUID campaignId) {
        lifecycle.get(accountId, campaignId); // another account's campaign: not found
        return jdbc.sql("select * from campaign_order_action where campaign_id = ? order by at, id").param(campaignId)
                .query(OrderDesk::map).list();
    }

    @Override
    public List<OrderAction> ofAccount(UUID accountId) {
        return jdbc.sql("select * from campaign_order_action where account_id = ? order by at desc, id desc limit 500").param(accountId)
                .query(OrderDesk::map).list();
    }

    /**
     * The campaign, its row locked for this transaction first: a scheduler starting it at this moment (issue 18: a
     * conditional update from {@code scheduled}) waits, then finds it cancelled; or it started first and is cancelled as
     * a running campaign.
     */
    private Campaign locked(UUID id) {
        jdbc.sql("select id from campaign where id = ? for update").param(id).query(UUID.class).optional()
                .orElseThrow(() -> new NotFound("campaign"));
        return campaign(id);
    }

    private Campaign campaign(UUID id) {
        return lifecycle.find(id).orElseThrow(() -> new NotFound("campaign"));
    }

    private Campaign record(Campaign before, Action action, Refund refund, String actor, String reason) {
        Campaign after = campaign(before.id());
        java.time.Instant now = clock.instant();
        jdbc.sql("""
                insert into campaign_order_action (campaign_id, account_id, action, from_status, to_status, refund, actor, reason, at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(before.id(), before.accountId(), action.code(), before.status().code(), after.status().code(),
                        refund == null ? null : refund.code(), actor, reason, Timestamp.from(now))
                .update();
        long id = jdbc.sql("select max(id) from campaign_order_action where campaign_id = ?").param(before.id()).query(Long.class).single();
        // on the publication registry: the account's notice is mailed after the commit, and resubmitted after a crash
        events.publishEvent(new org.fairsend.campaigns.CampaignSanctioned(id, before.id(), before.accountId(), before.name(), action, refund,
                reason, actor, now));
        return after;
    }


    private static OrderAction map(ResultSet rs, int n) throws SQLException {
        String refund = rs.getString("refund");
        return new OrderAction(rs.getLong("id"), rs.getObject("campaign_id", UUID.class), rs.getObject("account_id", UUID.class),
                Action.of(rs.getString("action")), Campaign.Status.of(rs.getString("from_status")), Campaign.Status.of(rs.getString("to_status")),
                refund == null ? null : Refund.of(refund), rs.getString("actor"), rs.getString("reason"), rs.getTimestamp("at").toInstant());
    }
}
