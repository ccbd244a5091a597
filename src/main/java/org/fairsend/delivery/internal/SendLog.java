package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only log of every send, block and failure: what, to whom, when, with the peer's reply. It is
 * the durable truth behind the delivery events and the "messages" section of the evidence pack.
 */
@Component
class SendLog implements EvidenceContributor, org.fairsend.delivery.SendLogTotals {

    /**
     * One row to append; {@code nodeId}: the node that wrote it (issue 18: which node sent, blocked or failed it);
     * {@code sourceAddress}: the local address a sent email left from (issue 19: a dedicated or a shared one), else null.
     */
    record Entry(long messageId, UUID accountId, UUID campaignId, String channel, String recipient, String outcome,
            String reason, String detail, int attempt, Instant at, String nodeId, String sourceAddress) {

        Entry(long messageId, UUID accountId, UUID campaignId, String channel, String recipient, String outcome,
                String reason, String detail, int attempt, Instant at, String nodeId) {
            this(messageId, accountId, campaignId, channel, recipient, outcome, reason, detail, attempt, at, nodeId, null);
        }
    }

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final PolicyTime time;

    private final org.fairsend.platform.Pseudonyms pseudonyms;

    private final SentContent content;

    SendLog(JdbcTemplate template, JdbcClient jdbc, PolicyTime time, org.fairsend.platform.Pseudonyms pseudonyms, SentContent content) {
        this.content = content;
        this.pseudonyms = pseudonyms;
        this.template = template;
        this.jdbc = jdbc;
        this.time = time;
    }

    void append(List<Entry> entries) {
        if (entries.isEmpty()) return;
        template.batchUpdate("""
                insert into send_log (message_id, account_id, campaign_id, channel, recipient, recipient_hash, outcome, reason,
                    detail, attempt, logged_at, node_id, source_address) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                entries.stream().map(e -> new Object[] {e.messageId(), e.accountId(), e.campaignId(), e.channel(), e.recipient(),
                    pseudonyms.address(e.recipient()), e.outcome(), e.reason(), cut(e.detail()), e.attempt(), Timestamp.from(e.at()), e.nodeId(),
                    e.sourceAddress()})
                        .toList());
    }

    /**
     * The node that logged this message as sent (empty when the row names none), or null when it was never logged
     * sent: issue 18, a message taken back from a node held dead may have left from that node already, its late
     * outcome fenced off the queue but written here.
     */
    String sentBy(long messageId) {
        return jdbc.sql("select coalesce(node_id, '') from send_log where message_id = ? and outcome = 'sent' order by id limit 1")
                .param(messageId).query(String.class).optional().orElse(null);
    }

    /** Final outcomes grouped in one scan (by the campaign index when one campaign is asked). */
    @Override
    public List<OutcomeCount> outcomes(UUID accountId, UUID campaignId) {
        String day = time.daySql("logged_at"); // the policy's day, the same on PostgreSQL and H2
        StringBuilder sql = new StringBuilder("select account_id, campaign_id, channel, " + day + " as d, outcome, reason, count(*) as n"
                + " from send_log where outcome in ('sent', 'blocked', 'failed', 'expired')");
        List<Object> params = new java.util.ArrayList<>();
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        if (campaignId != null) {
            sql.append(" and campaign_id = ?");
            params.add(campaignId);
        }
        sql.append(" group by account_id, campaign_id, channel, ").append(day).append(", outcome, reason");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new OutcomeCount(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), org.fairsend.platform.Channel.of(rs.getString(3)), rs.getObject(4, java.time.LocalDate.class),
                org.fairsend.delivery.DeliveryOutcome.of(rs.getString(5)), rs.getString(6), rs.getLong(7))).list();
    }

    @Override
    public String section() {
        return "messages";
    }

    /**
     * Every send, block and failure of the address, oldest first, with the content as the person received it
     * ({@link SentContent}: the rendered subject and text, not the template) for the messages that left (R-5, GDPR
     * Art. 15). A message logged twice (deferred, then sent) shows its content once, on its last row.
     */
    @Override
    public List<?> evidence(UUID accountId, String normalizedAddress) {
        var session = content.forAddress(accountId, normalizedAddress);
        List<Map<String, Object>> rows = jdbc.sql("""
                select l.message_id, l.campaign_id, r.label, r.kind, r.sender, r.template, o.contact_id, o.payload, o.recipient, l.channel, l.outcome,
                       l.reason, l.detail, l.attempt, l.logged_at, l.source_address
                from send_log l
                left join delivery_run r on r.campaign_id = l.campaign_id
                left join outbound_message o on o.id = l.message_id
                where l.account_id = ? and l.recipient_hash = ? order by l.logged_at, l.id""")
                .params(accountId, pseudonyms.address(normalizedAddress))
                .query((rs, n) -> {
                    var m = new java.util.LinkedHashMap<String, Object>();
                    long messageId = rs.getLong("message_id");
                    UUID campaignId = rs.getObject("campaign_id", UUID.class);
                    boolean campaign = campaignId != null;
                    Channel channel = Channel.of(rs.getString("channel"));
                    String payloadJson = campaign ? null : rs.getString("payload");
                    TransactionalPayload payload = null;
                    try {
                        payload = payloadJson == null ? null : TransactionalPayload.read(channel, payloadJson);
                    } catch (RuntimeException e) {
                        // an erased message's payload may be empty: no sender, no subject
                    }
                    m.put("messageId", messageId);
                    m.put("campaignId", campaignId);
                    m.put("campaign", campaign ? rs.getString("label") : "transactional");
                    m.put("kind", campaign ? rs.getString("kind") : "transactional");
                    // what the transactional message was about (order, invoice...), stored in its payload
                    if (!campaign) m.put("category", payload == null ? null : payload.category());
                    m.put("sender", campaign ? rs.getString("sender") : payload == null ? null : payload.sender());
                    m.put("channel", channel.code());
                    m.put("outcome", rs.getString("outcome"));
                    m.put("reason", rs.getString("reason"));
                    m.put("detail", rs.getString("detail"));
                    m.put("attempt", rs.getInt("attempt"));
                    m.put("at", rs.getTimestamp("logged_at").toInstant());
                    // issue 19: the address an email left from (a dedicated IP or a shared one)
                    if (rs.getString("source_address") != null) m.put("sourceAddress", rs.getString("source_address"));
                    boolean left = org.fairsend.delivery.DeliveryOutcome.SENT.code().equals(rs.getString("outcome"));
                    if (left && org.fairsend.platform.ErasedPerson.MARKER.equals(rs.getString("recipient"))) {
                        // the recipient was erased: what they received is not rebuilt for anyone
                        m.put("contentNote", "the recipient's personal data was erased");
                    } else if (left) {
                        SentContent.Content c = session.render(messageId, channel, campaignId, rs.getObject("contact_id", UUID.class),
                                campaign ? rs.getString("template") : null, payloadJson, campaign && "marketing".equals(rs.getString("kind")));
                        m.put("subject", c.subject());
                        m.put("content", c.text());
                        if (c.note() != null) m.put("contentNote", c.note());
                        // a campaign keeps its template, not each rendered copy: the personal parts come from the
                        // recipient's data as it is now (a transactional message keeps its own data: exact)
                        else if (campaign) m.put("contentNote", "rendered again from the campaign's template with the recipient's current data");
                    }
                    return (Map<String, Object>) m;
                }).list();
        return rows;
    }

    private static String cut(String s) {
        return org.fairsend.platform.Texts.storable(s, 2000);
    }
}
